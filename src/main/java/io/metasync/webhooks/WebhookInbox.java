package io.metasync.webhooks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Commits deliveries to {@code webhook_event}, and nothing else: the only work on the request path.
 * Deliveries arriving together share one multi-row INSERT and one commit (at most {@code insertBatch}
 * rows, {@code insertConcurrency} statements in flight); each is answered once its own row is committed,
 * or fails with the statement.
 */
@ApplicationScoped
class WebhookInbox {

    private record Pending(byte[] body, OffsetDateTime receivedAt, UniEmitter<? super Void> done) {
    }

    private final Pool pool;
    private final AppClock clock;
    private final WebhooksConfig config;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    WebhookInbox(Pool pool, AppClock clock, WebhooksConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    Uni<Void> store(byte[] body) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return Uni.createFrom().emitter(done -> {
            queue.add(new Pending(body, now, done));
            flush();
        });
    }

    private void flush() {
        while (!queue.isEmpty()) {
            int n = inFlight.get();
            if (n >= config.insertConcurrency()) {
                return;
            }
            if (!inFlight.compareAndSet(n, n + 1)) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            Pending p;
            while (batch.size() < config.insertBatch() && (p = queue.poll()) != null) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            insert(batch).subscribe().with(v -> {
                batch.forEach(b -> b.done().complete(null));
                inFlight.decrementAndGet();
                flush();
            }, failure -> {
                batch.forEach(b -> b.done().fail(failure));
                inFlight.decrementAndGet();
                flush();
            });
        }
    }

    private Uni<Void> insert(List<Pending> batch) {
        if (batch.size() == 1) {
            Pending p = batch.get(0);
            return pool.preparedQuery("INSERT INTO webhook_event (received_at, body) VALUES ($1, $2)")
                    .execute(Tuple.of(p.receivedAt(), Buffer.buffer(p.body()))).replaceWithVoid();
        }
        Buffer[] bodies = new Buffer[batch.size()];
        OffsetDateTime[] times = new OffsetDateTime[batch.size()];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = Buffer.buffer(batch.get(i).body());
            times[i] = batch.get(i).receivedAt();
        }
        return pool.preparedQuery("INSERT INTO webhook_event (received_at, body) SELECT t.at, t.body "
                + "FROM unnest($1::timestamptz[], $2::bytea[]) WITH ORDINALITY AS t(at, body, n) ORDER BY t.n")
                .execute(Tuple.of(times, bodies)).replaceWithVoid();
    }
}
