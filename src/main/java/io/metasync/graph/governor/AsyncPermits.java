package io.metasync.graph.governor;

import java.util.ArrayDeque;
import java.util.Deque;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * A non-blocking semaphore: {@link #acquire()} completes at once while permits are free and
 * otherwise queues the caller (first come, first served) until {@link #release()}.
 */
final class AsyncPermits {

    private final int max;
    private final Deque<UniEmitter<? super Boolean>> waiters = new ArrayDeque<>();
    private int used;
    private boolean retired;

    AsyncPermits(int max) {
        this.max = Math.max(1, max);
    }

    /** Completes with true once a permit is held, or false at once if this instance was retired (take a new one). */
    Uni<Boolean> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            boolean granted;
            synchronized (this) {
                if (retired) {
                    granted = false;
                } else if (used < max) {
                    used++;
                    granted = true;
                } else {
                    waiters.add(emitter);
                    emitter.onTermination(() -> forget(emitter));
                    return;
                }
            }
            emitter.complete(granted);
        });
    }

    void release() {
        UniEmitter<? super Boolean> next;
        synchronized (this) {
            next = waiters.poll();
            if (next == null) {
                used--;
            }
        }
        if (next != null) {
            next.complete(true);
        }
    }

    /** Retires this instance when nothing holds or waits for it, so an idle key costs no memory. */
    synchronized boolean retireIfIdle() {
        retired = used == 0 && waiters.isEmpty();
        return retired;
    }

    private synchronized void forget(UniEmitter<? super Boolean> emitter) {
        waiters.remove(emitter);
    }
}
