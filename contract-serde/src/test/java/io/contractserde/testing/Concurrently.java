package io.contractserde.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs the records of a sharing test on several threads released at the same moment. */
public final class Concurrently {
  private Concurrently() {}

  /** What one thread does with record number {@code i}. */
  @FunctionalInterface
  public interface PerRecord {
    void run(long i) throws Exception;
  }

  /**
   * Runs {@code body} for records {@code 0 .. threads * perThread - 1}, thread {@code t} taking
   * records {@code t * perThread} to {@code (t + 1) * perThread - 1} in order, all threads started
   * together. Returns when every thread is done.
   *
   * @throws AssertionError (or any failure) of the first thread that failed, as its own
   */
  public static void forEachRecord(int threads, long perThread, PerRecord body) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long first = t * perThread;
        futures.add(pool.submit(() -> {
          start.await();
          for (long i = first; i < first + perThread; i++) {
            body.run(i);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        try {
          f.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw (Exception) e.getCause();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
