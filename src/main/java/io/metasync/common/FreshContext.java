package io.metasync.common;

import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs reactive work on a new, safe duplicated Vert.x context of its own: background work (jobs, the
 * webhook router, caches filled for many requests) that is not tied to the request or timer that
 * started it, and may open Hibernate Reactive sessions.
 */
public final class FreshContext {

    private FreshContext() {
    }

    public static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().<T>emitter(emitter -> context.runOnContext(ignored ->
                Uni.createFrom().deferred(work::get).subscribe().with(emitter::complete, emitter::fail)));
    }
}
