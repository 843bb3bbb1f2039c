package io.metasync.graph.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

class AsyncPermitsTest {

    @Test
    void aCancelledWaiterTakesNoPermit() {
        AsyncPermits permits = new AsyncPermits(1);
        assertTrue(permits.acquire().await().indefinitely());
        UniAssertSubscriber<Boolean> waiter = permits.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Boolean> next = permits.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        waiter.cancel();
        permits.release();
        next.assertItem(true);
        assertEquals(1, permits.used(), "the permit went to the caller still waiting");
        permits.release();
        assertEquals(0, permits.used());
    }

    /** The race of two event loops: one releases while the other cancels the waiter the permit goes to. */
    @Test
    void aPermitHandedToACallerCancelledMeanwhileComesBack() throws Exception {
        AsyncPermits permits = new AsyncPermits(1);
        ExecutorService loops = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 5_000; i++) {
                assertTrue(permits.acquire().await().indefinitely());
                UniAssertSubscriber<Boolean> waiter = permits.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
                CountDownLatch go = new CountDownLatch(1);
                Future<?> release = loops.submit(() -> {
                    go.await();
                    permits.release();
                    return null;
                });
                Future<?> cancel = loops.submit(() -> {
                    go.await();
                    waiter.cancel();
                    return null;
                });
                go.countDown();
                release.get();
                cancel.get();
                if (Boolean.TRUE.equals(waiter.getItem())) {
                    permits.release();
                }
                assertEquals(0, permits.used(), "no permit lost at iteration " + i);
            }
        } finally {
            loops.shutdownNow();
        }
    }
}
