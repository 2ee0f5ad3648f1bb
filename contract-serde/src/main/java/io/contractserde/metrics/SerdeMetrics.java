package io.contractserde.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The recording side of a serde's metrics (see {@link SerdeMetric} for what each means). The
 * per-record methods cost one {@code LongAdder} increment; {@link #disabled()} records nothing.
 * Implementations are thread-safe.
 */
public interface SerdeMetrics {

  /** Counts nothing; what a serde uses until a Kafka client hands it its metrics. */
  static SerdeMetrics disabled() {
    return DisabledSerdeMetrics.INSTANCE;
  }

  /** A record was serialized. */
  void recordWritten();

  /** A record did not conform to its contract. */
  void recordNonConforming();

  /** A rule failed a record. */
  void recordRejectedByRule();

  /** A record went to the DLQ. */
  void recordDeadLettered();

  /** A record was deserialized. */
  void recordRead();

  /** Rule {@code rule} of {@code subject} failed (whatever its action then did). */
  void recordRuleFailure(String subject, String rule);

  /**
   * The counter of records of {@code subject} migrated from version {@code from} to {@code to} by
   * {@code engine}, made once per migration plan and incremented per record. Each increment also
   * counts in {@link SerdeMetric#RECORDS_MIGRATED}.
   */
  Counter migrations(String subject, Integer from, Integer to, MigrationEngine engine);

  /** A registry request took {@code nanos}; {@code failed} when it ended in an error. */
  void recordRegistryRequest(long nanos, boolean failed);

  /** {@code count} look-ups were answered by the registry cache. */
  void recordCacheHits(int count);

  /** A refresh failed and the last known answer was kept. */
  void recordStaleAnswer();

  /** A counter handed out once and incremented on the hot path. */
  interface Counter {
    /** A counter that counts nothing. */
    Counter NONE = () -> {};

    /** Adds one. */
    void increment();

    /** A counter over {@code adders}: an increment adds one to each. */
    static Counter of(LongAdder first, LongAdder second) {
      return () -> {
        first.increment();
        second.increment();
      };
    }
  }
}
