package defragcheck.impl.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The group commit's contract: items written one at a time, in order, by the waiters; a failed write aborts the queue. */
class CommitQueueTest {
    @Test
    void waitersWriteTheQueueOneItemAtATimeInOrder() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        AtomicInteger writing = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CommitQueue<String> q = new CommitQueue<>(item -> {
            mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
            if (item.equals("a")) {
                firstStarted.countDown();
                await(release); // the device hangs on the first item
            }
            written.add(item);
            writing.decrementAndGet();
        });
        long a = q.add("a");
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> await(q, a));
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        q.add("b");
        long c = q.add("c");
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> await(q, c));
        Thread.sleep(100);
        assertFalse(third.isDone(), "c is durable only after a, which is stuck");
        assertEquals(List.of(), written, "nothing is written past the item being written");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        third.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("a", "b", "c"), written);
        assertEquals(1, mostAtOnce.get(), "one committer at a time");
        q.await(c); // already durable: returns without writing
        assertEquals(3, written.size());
    }

    @Test
    void aFailedWriteAbortsThatWaitAndEveryLaterOne() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        CommitQueue<String> q = new CommitQueue<>(item -> {
            if (item.equals("b")) {
                throw new IOException("device gone");
            }
            written.add(item);
        });
        long a = q.add("a");
        long b = q.add("b");
        long c = q.add("c");
        q.await(a);
        IOException failed = assertThrows(IOException.class, () -> q.await(b));
        assertEquals("device gone", failed.getMessage());
        IOException later = assertThrows(IOException.class, () -> q.await(c));
        assertTrue(later.getMessage().startsWith("journal aborted"), later.getMessage());
        assertEquals(List.of("a"), written, "nothing after the failed item is written");
    }

    private static void await(CommitQueue<String> q, long ticket) {
        try {
            q.await(ticket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
