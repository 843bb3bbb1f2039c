package io.metasync.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A replica's background pass over stored work (route deliveries, relay entries...): one pass at a time on
 * a context of its own; a {@link #wake()} during a pass causes another, a pass that answers true (its claim
 * was full) is followed by another at once, and a periodic timer wakes it when nothing else does.
 */
public final class PassLoop {

    private final Vertx vertx;
    private final Supplier<Uni<Boolean>> pass;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    /** {@code pass} answers whether more may be waiting; {@code onFailure} reports a failed pass (the next wake retries). */
    public PassLoop(Vertx vertx, Supplier<Uni<Boolean>> pass, Consumer<Throwable> onFailure) {
        this.vertx = vertx;
        this.pass = pass;
        this.onFailure = onFailure;
    }

    public void start(Duration every) {
        timer = vertx.setPeriodic(every.toMillis(), id -> wake());
    }

    public void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public void wake() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        FreshContext.run(vertx, pass).subscribe().with(full -> {
            running.set(false);
            if (full || again.get()) {
                wake();
            }
        }, failure -> {
            running.set(false);
            onFailure.accept(failure);
        });
    }
}
