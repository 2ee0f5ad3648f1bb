package io.contractserde.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The quick profile CI runs: every benchmark once, briefly, in this JVM. It proves the benchmarks
 * still build, verify their own results at setup, and run; it measures nothing worth reporting.
 */
class BenchmarksRunTest {
  @Test
  void everyBenchmarkRuns() throws Exception {
    Options options = new OptionsBuilder()
        .include(AvroBenchmark.class.getName())
        .include(JsonBenchmark.class.getName())
        .include(CelBenchmark.class.getName())
        .include(JsonataBenchmark.class.getName())
        .include(EncryptionBenchmark.class.getName())
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    assertEquals(9 * 2 * 2 + 5 + 5 * 2 + 9 * 2 * 2 + 10 * 2, results.size(),
        "9 Avro benchmarks for 2 shapes and metrics off or on, 5 JSON benchmarks, 5 CEL benchmarks for 2 shapes,"
            + " 9 JSONata benchmarks for 2 shapes and 2 engines, 10 encryption benchmarks for 2 shapes");
    for (RunResult r : results) {
      assertTrue(r.getPrimaryResult().getScore() > 0, r.getParams().getBenchmark());
    }
  }
}
