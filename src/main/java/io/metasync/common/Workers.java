package io.metasync.common;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Runs blocking or CPU-heavy work (password hashing, file parsing) off the event loop. */
public final class Workers {

    private Workers() {
    }

    /**
     * Runs {@code work} on a worker thread and delivers its result back on the caller's Vert.x
     * context, so that a reactive pipeline (Hibernate Reactive included) can go on after it.
     */
    public static <T> Uni<T> offload(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
