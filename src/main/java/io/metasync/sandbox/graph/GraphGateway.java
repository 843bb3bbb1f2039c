package io.metasync.sandbox.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.time.AppClock;
import io.metasync.sandbox.SandboxSettings;
import io.metasync.sandbox.admin.RequestLog;
import io.metasync.sandbox.fault.FaultBook;
import io.metasync.sandbox.fault.FaultRule;
import io.metasync.sandbox.world.Rng;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;

/**
 * Serves one Graph call end to end: injected faults first, then random server errors, then the token
 * and the handler; usage headers on every answer, errors included; the call logged; latency added
 * without blocking (a timer). Batch items go through {@link #answer} one by one.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class GraphGateway {

    /** A serialised answer. */
    public record Served(int status, Map<String, String> headers, String body) {
    }

    /** An answer and the latency it asks for. */
    record Answer(GraphReply reply, long latencyMs, boolean truncate) {
    }

    private final GraphRouter router;
    private final FaultBook faults;
    private final RequestLog log;
    private final UsageMeter usage;
    private final SandboxSettings settings;
    private final World world;
    private final AppClock clock;
    private final ObjectMapper json;

    public GraphGateway(GraphRouter router, FaultBook faults, RequestLog log, UsageMeter usage,
            SandboxSettings settings, World world, AppClock clock, ObjectMapper json) {
        this.router = router;
        this.faults = faults;
        this.log = log;
        this.usage = usage;
        this.settings = settings;
        this.world = world;
        this.clock = clock;
        this.json = json;
    }

    public Uni<Served> serve(GraphCall call) {
        Answer answer = answer(call);
        Served served = serialise(answer.reply(), answer.truncate());
        long latency = settings.get().latencyMs() + answer.latencyMs();
        Uni<Served> now = Uni.createFrom().item(served);
        return latency <= 0 ? now : now.onItem().delayIt().by(Duration.ofMillis(latency));
    }

    Answer answer(GraphCall call) {
        Instant now = clock.instant();
        FaultRule.Active fault = faults.take(call.path(), FaultRule.Scope.CALL, now).orElse(null);
        GraphReply reply;
        try {
            reply = fault != null && Faults.failing(fault.rule()) ? Faults.reply(fault.rule(), call, fbtrace())
                    : randomServerError() ? GraphReply.error(GraphError.server(2), fbtrace()) : router.route(call, now);
        } catch (GraphException e) {
            reply = GraphReply.error(e.error(), fbtrace());
        }
        reply = reply.withHeaders(usage.headers(call, now, faults.throttle(call.path(), now, fault)));
        log.record(call.method(), call.path(), reply.status(), now);
        long latency = fault == null ? 0 : fault.rule().latencyMs();
        return new Answer(reply, latency, fault != null && fault.rule().kind().equals("truncate"));
    }

    /** Whether a batch item should time out (answered {@code null}); counts as a call. */
    boolean batchItemTimesOut(GraphCall item) {
        Instant now = clock.instant();
        boolean out = faults.take(item.path(), FaultRule.Scope.BATCH_ITEM, now).isPresent();
        if (out) {
            log.record(item.method(), item.path(), 0, now);
        }
        return out;
    }

    String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable sandbox answer", e);
        }
    }

    private Served serialise(GraphReply reply, boolean truncate) {
        String body = toJson(reply.body());
        return new Served(reply.status(), reply.headers(), truncate ? body.substring(0, body.length() / 2) : body);
    }

    private boolean randomServerError() {
        double rate = settings.get().serverErrorRate();
        return rate > 0 && Rng.unit(world.catalog().spec().seed(), 70, log.total()) < rate;
    }

    static String fbtrace() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return "A" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
