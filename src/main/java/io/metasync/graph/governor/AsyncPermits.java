package io.metasync.graph.governor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * A non-blocking semaphore: {@link #acquire()} completes at once while permits are free and
 * otherwise queues the caller (first come, first served) until {@link #release()}.
 * <p>
 * A caller cancelled before its permit reached it never keeps the permit, even when the
 * cancellation races a release on another event loop (Mutiny drops an item emitted to a cancelled
 * subscriber): the permit goes to the next caller instead of being lost for good.
 */
final class AsyncPermits {

    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int CANCELLED = 2;

    private final int max;
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private int used;
    private boolean retired;

    AsyncPermits(int max) {
        this.max = Math.max(1, max);
    }

    /** Completes with true once a permit is held, or false at once if this instance was retired (take a new one). */
    Uni<Boolean> acquire() {
        return Uni.createFrom().deferred(() -> {
            Waiter waiter = new Waiter();
            return Uni.createFrom().<Boolean> emitter(emitter -> waiter.start(emitter))
                    .onItem().invoke(granted -> waiter.delivered.set(true));
        });
    }

    void release() {
        Waiter next;
        synchronized (this) {
            do {
                next = waiters.poll();
            } while (next != null && !next.state.compareAndSet(WAITING, GRANTED));
            if (next == null) {
                used--;
            }
        }
        if (next != null) {
            next.emitter.complete(true);
        }
    }

    /** Permits held now (tests). */
    synchronized int used() {
        return used;
    }

    /** Retires this instance when nothing holds or waits for it, so an idle key costs no memory. */
    synchronized boolean retireIfIdle() {
        retired = used == 0 && waiters.isEmpty();
        return retired;
    }

    /** One caller: waiting, then granted (a permit is its) or cancelled (it left the queue), never both. */
    private final class Waiter {

        final AtomicInteger state = new AtomicInteger(WAITING);
        final AtomicBoolean delivered = new AtomicBoolean();
        UniEmitter<? super Boolean> emitter;

        void start(UniEmitter<? super Boolean> emitter) {
            this.emitter = emitter;
            boolean granted;
            synchronized (AsyncPermits.this) {
                if (retired) {
                    emitter.complete(false);
                    return;
                }
                emitter.onTermination(this::terminated);
                granted = used < max;
                if (granted) {
                    used++;
                    state.set(GRANTED);
                } else {
                    waiters.add(this);
                }
            }
            if (granted) {
                emitter.complete(true);
            }
        }

        /** Runs after the delivery and on cancellation; a permit granted but never delivered is given back. */
        void terminated() {
            if (state.compareAndSet(WAITING, CANCELLED)) {
                synchronized (AsyncPermits.this) {
                    waiters.remove(this);
                }
            } else if (state.get() == GRANTED && !delivered.get()) {
                release();
            }
        }
    }
}
