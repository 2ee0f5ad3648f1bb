package io.contractserde.metrics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Max;

/**
 * A serde's metrics in a Kafka client's {@link PluginMetrics} (KIP-877): counters are
 * {@link LongAdder}s that Kafka reads when a reporter asks; registry latency is a {@link Sensor}.
 * Metrics with tags (per rule, per migration) are registered when first counted. Kafka removes
 * them all when it closes the serde.
 */
public final class PluginSerdeMetrics implements SerdeMetrics {
  private final PluginMetrics metrics;
  private final Map<SerdeMetric, LongAdder> counters = new EnumMap<>(SerdeMetric.class);
  private final Map<List<String>, LongAdder> tagged = new ConcurrentHashMap<>();
  private final Sensor registryRequests;
  private final LongAdder noCount = new LongAdder();
  // The per-record counters, resolved once: a record costs one increment, no map look-up.
  private final LongAdder written;
  private final LongAdder read;

  /**
   * Registers the metrics of a serializer ({@code serializer}) or deserializer in {@code metrics}.
   * {@code isKey} only keeps the sensor name apart from the other serde of the same client.
   */
  public PluginSerdeMetrics(PluginMetrics metrics, boolean serializer, boolean isKey) {
    this.metrics = metrics;
    for (SerdeMetric metric : SerdeMetric.values()) {
      if (metric.tags().isEmpty() && metric.side().includes(serializer) && !isSensorStat(metric)) {
        LongAdder adder = new LongAdder();
        counters.put(metric, adder);
        metrics.addMetric(name(metric, new LinkedHashMap<>()), (Measurable) (config, now) -> adder.sum());
      }
    }
    // Sensor names are client-wide: a key and a value serde of one class must not share one.
    String sensorName = "contract-serde." + (serializer ? "serializer." : "deserializer.") + (isKey ? "key." : "value.")
        + "registry-requests." + Integer.toHexString(System.identityHashCode(this));
    this.written = counter(SerdeMetric.RECORDS_WRITTEN);
    this.read = counter(SerdeMetric.RECORDS_READ);
    this.registryRequests = metrics.addSensor(sensorName);
    registryRequests.add(name(SerdeMetric.REGISTRY_REQUESTS, new LinkedHashMap<>()), new CumulativeCount());
    registryRequests.add(name(SerdeMetric.REGISTRY_REQUEST_LATENCY_AVG, new LinkedHashMap<>()), new Avg());
    registryRequests.add(name(SerdeMetric.REGISTRY_REQUEST_LATENCY_MAX, new LinkedHashMap<>()), new Max());
  }

  private static boolean isSensorStat(SerdeMetric metric) {
    return metric == SerdeMetric.REGISTRY_REQUESTS || metric == SerdeMetric.REGISTRY_REQUEST_LATENCY_AVG
        || metric == SerdeMetric.REGISTRY_REQUEST_LATENCY_MAX;
  }

  private MetricName name(SerdeMetric metric, LinkedHashMap<String, String> tags) {
    return metrics.metricName(metric.metricName(), metric.description(), tags);
  }

  private LongAdder counter(SerdeMetric metric) {
    LongAdder adder = counters.get(metric);
    return adder == null ? noCount : adder;
  }

  @Override
  public void recordWritten() {
    written.increment();
  }

  @Override
  public void recordNonConforming() {
    counter(SerdeMetric.RECORDS_REJECTED_BY_CONFORMANCE).increment();
  }

  @Override
  public void recordRejectedByRule() {
    counter(SerdeMetric.RECORDS_REJECTED_BY_RULE).increment();
  }

  @Override
  public void recordDeadLettered() {
    counter(SerdeMetric.RECORDS_DEAD_LETTERED).increment();
  }

  @Override
  public void recordRead() {
    read.increment();
  }

  @Override
  public void recordRuleFailure(String subject, String rule) {
    tagged(SerdeMetric.RULE_FAILURES, subject, rule).increment();
  }

  @Override
  public Counter migrations(String subject, Integer from, Integer to, MigrationEngine engine) {
    LongAdder adder = tagged(SerdeMetric.MIGRATIONS, subject, version(from), version(to), engine.tag());
    return Counter.of(adder, counter(SerdeMetric.RECORDS_MIGRATED));
  }

  private static String version(Integer version) {
    return version == null ? "unknown" : version.toString();
  }

  /** The counter of {@code metric} with these tag values, registered on first use. */
  private LongAdder tagged(SerdeMetric metric, String... values) {
    List<String> key = new java.util.ArrayList<>(values.length + 1);
    key.add(metric.name());
    for (String v : values) {
      key.add(v == null ? "" : v);
    }
    LongAdder existing = tagged.get(key);
    if (existing != null) {
      return existing;
    }
    return tagged.computeIfAbsent(List.copyOf(key), k -> {
      LongAdder adder = new LongAdder();
      LinkedHashMap<String, String> tags = new LinkedHashMap<>();
      for (int i = 0; i < metric.tags().size(); i++) {
        tags.put(metric.tags().get(i), k.get(i + 1));
      }
      try {
        metrics.addMetric(name(metric, tags), (Measurable) (config, now) -> adder.sum());
      } catch (IllegalStateException closed) {
        // The client is closing: count into an adder no one reads.
      }
      return adder;
    });
  }

  @Override
  public void recordRegistryRequest(long nanos, boolean failed) {
    registryRequests.record(nanos / 1_000_000.0);
    if (failed) {
      counter(SerdeMetric.REGISTRY_ERRORS).increment();
    }
  }

  @Override
  public void recordCacheHits(int count) {
    counter(SerdeMetric.REGISTRY_CACHE_HITS).add(count);
  }

  @Override
  public void recordStaleAnswer() {
    counter(SerdeMetric.REGISTRY_STALE_ANSWERS).increment();
  }

  @Override
  public String toString() {
    return "PluginSerdeMetrics" + counters.keySet();
  }
}
