package io.metasync.webhooks;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.metasync.common.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/** The request path of {@link WebhookResource}: handshake, size cap, signature, durable store, metrics. */
@ApplicationScoped
class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    private final KnownApps apps;
    private final WebhookInbox inbox;
    private final WebhookRouter router;
    private final WebhooksConfig config;
    private final Counter received;
    private final Counter rejected;
    private final Counter unavailable;
    private final Timer ack;

    WebhookIntake(KnownApps apps, WebhookInbox inbox, WebhookRouter router, WebhooksConfig config, MeterRegistry metrics) {
        this.apps = apps;
        this.inbox = inbox;
        this.router = router;
        this.config = config;
        this.received = metrics.counter("metasync.webhooks.received", "outcome", "stored");
        this.rejected = metrics.counter("metasync.webhooks.received", "outcome", "rejected");
        this.unavailable = metrics.counter("metasync.webhooks.received", "outcome", "unavailable");
        this.ack = Timer.builder("metasync.webhooks.ack").description("Time from a delivery's arrival to its 200")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    Uni<String> handshake(String mode, String token, String challenge) {
        if (!"subscribe".equals(mode) || token == null || token.isEmpty() || challenge == null) {
            throw forbidden();
        }
        return apps.verifyToken(token).map(ok -> {
            if (!ok) {
                throw forbidden();
            }
            return challenge;
        });
    }

    Uni<Void> deliver(String header, byte[] body) {
        long start = System.nanoTime();
        if (body.length > config.maxBodySize().asLongValue()) {
            rejected.increment();
            throw new ProblemException(413, "payload-too-large", "Payload too large",
                    "A webhook body may be at most " + config.maxBodySize().asLongValue() + " bytes");
        }
        byte[] signature = WebhookSignature.parse(header);
        if (signature == null) {
            rejected.increment();
            throw badSignature("X-Hub-Signature-256 is missing or not sha256=<hex>");
        }
        return apps.verify(signature, body).flatMap(ok -> {
            if (!ok) {
                rejected.increment();
                throw badSignature("X-Hub-Signature-256 does not match the body for any known app secret");
            }
            return inbox.store(body);
        }).onFailure(f -> !(f instanceof ProblemException)).transform(failure -> {
            unavailable.increment();
            LOG.warnf("A webhook delivery could not be stored; answering 503 so that Meta retries: %s", failure.toString());
            return new ProblemException(503, "webhook-store-unavailable", "Service unavailable",
                    "The delivery could not be stored now; retry later");
        }).invoke(() -> {
            received.increment();
            ack.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            router.wake();
        });
    }

    private static ProblemException badSignature(String detail) {
        return new ProblemException(401, "webhook-signature", "Invalid signature", detail);
    }

    private static ProblemException forbidden() {
        return new ProblemException(403, "webhook-verify-token", "Forbidden", "Wrong hub.mode or hub.verify_token");
    }
}
