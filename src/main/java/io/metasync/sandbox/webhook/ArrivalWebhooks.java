package io.metasync.sandbox.webhook;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.metasync.common.time.AppClock;
import io.metasync.sandbox.SandboxSettings;
import io.metasync.sandbox.world.Model.Lead;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * With {@code autoWebhooks} on, sends the leadgen webhooks of leads that arrive as time moves: every
 * second, the leads that became visible since the last check, at most 1,000 per POST (Meta's batch
 * size); the rest follow on the next ticks, oldest first.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class ArrivalWebhooks {

    static final int PER_POST = 1000;

    private final World world;
    private final SandboxSettings settings;
    private final WebhookSender sender;
    private final AppClock clock;
    private final Vertx vertx;
    private long timer = -1;
    private World.State watched;
    private long nextOrdinal;
    private int nextForm;

    public ArrivalWebhooks(World world, SandboxSettings settings, WebhookSender sender, AppClock clock, Vertx vertx) {
        this.world = world;
        this.settings = settings;
        this.sender = sender;
        this.clock = clock;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(1000, id -> tick());
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    synchronized void tick() {
        long now = clock.millis();
        World.State state = world.state();
        if (state != watched || !settings.get().autoWebhooks()) {
            watched = state;
            nextOrdinal = state.timeline().generatedBy(now);
            nextForm = 0;
            return;
        }
        List<Lead> batch = arrived(state, now);
        if (!batch.isEmpty()) {
            sender.deliver(batch, now / 1000).subscribe().with(o -> { }, e -> { });
        }
    }

    private List<Lead> arrived(World.State state, long now) {
        long until = state.timeline().generatedBy(now);
        int forms = state.catalog().spec().forms();
        List<Lead> out = new ArrayList<>();
        while (nextOrdinal < until && out.size() < PER_POST) {
            out.add(world.lead(state.catalog().form(nextForm), nextOrdinal, now));
            if (++nextForm == forms) {
                nextForm = 0;
                nextOrdinal++;
            }
        }
        return out;
    }
}
