package io.contractserde.metrics;

import java.util.List;

/**
 * Every metric a contract serde registers: its name, its own tags, which side registers it and
 * what it means. Kafka puts them in group {@code plugins} and adds the tags {@code client-id},
 * {@code config} ({@code value.serializer}, {@code key.deserializer}, ...) and {@code class}.
 */
public enum SerdeMetric {
  RECORDS_WRITTEN("records-written-total", Side.SERIALIZER, List.of(),
      "Records serialized: they conformed to the contract and passed its WRITE rules."),
  RECORDS_REJECTED_BY_CONFORMANCE("records-rejected-by-conformance-total", Side.SERIALIZER, List.of(),
      "Records refused because they do not conform to the contract's schema."),
  RECORDS_REJECTED_BY_RULE("records-rejected-by-rule-total", Side.BOTH, List.of(),
      "Records failed by a rule whose onFailure action fails the record (ERROR, or a DLQ without a topic)."),
  RECORDS_DEAD_LETTERED("records-dead-lettered-total", Side.BOTH, List.of(),
      "Records failed by a rule and handed to the DLQ action's producer."),
  RECORDS_READ("records-read-total", Side.DESERIALIZER, List.of(),
      "Records deserialized, migrated or not, that passed the READ rules."),
  RECORDS_MIGRATED("records-migrated-total", Side.DESERIALIZER, List.of(),
      "Records read into another version than the one they were written with."),
  RULE_FAILURES("rule-failures-total", Side.BOTH, List.of("subject", "rule"),
      "Failures of one rule (a false condition, a transform error, a missing executor), whatever its"
          + " onFailure action did."),
  MIGRATIONS("migrations-total", Side.DESERIALIZER, List.of("subject", "from-version", "to-version", "engine"),
      "Records migrated from one version to another, by how: engine=resolution (schema resolution only,"
          + " including JSONata renames and drops run as resolution), interpreted (JSONata interpreter) or"
          + " compiled (compiled JSONata)."),
  REGISTRY_REQUESTS("registry-requests-total", Side.BOTH, List.of(),
      "Requests to the registry (cache misses and background refreshes); retries of one request count once."),
  REGISTRY_ERRORS("registry-errors-total", Side.BOTH, List.of(),
      "Registry requests that failed: unreachable, 5xx after retries, 401, 403 or a malformed answer"
          + " (not 404, which is an answer)."),
  REGISTRY_REQUEST_LATENCY_AVG("registry-request-latency-avg", Side.BOTH, List.of(),
      "Average time of a registry request in milliseconds, retries included, over the metrics window."),
  REGISTRY_REQUEST_LATENCY_MAX("registry-request-latency-max", Side.BOTH, List.of(),
      "Longest registry request in milliseconds, retries included, over the metrics window."),
  REGISTRY_CACHE_HITS("registry-cache-hits-total", Side.BOTH, List.of(),
      "Contract look-ups answered by the serde's registry cache without a request."),
  REGISTRY_STALE_ANSWERS("registry-stale-answers-total", Side.BOTH, List.of(),
      "Background refreshes that failed, so that the last known answer kept being served (a registry outage).");

  /** Which serdes register a metric. */
  public enum Side { SERIALIZER, DESERIALIZER, BOTH;

    boolean includes(boolean serializer) {
      return this == BOTH || (this == SERIALIZER) == serializer;
    }
  }

  private final String metricName;
  private final Side side;
  private final List<String> tags;
  private final String description;

  SerdeMetric(String metricName, Side side, List<String> tags, String description) {
    this.metricName = metricName;
    this.side = side;
    this.tags = tags;
    this.description = description;
  }

  /** The Kafka metric name, kebab-case. */
  public String metricName() {
    return metricName;
  }

  /** Which serdes register it. */
  public Side side() {
    return side;
  }

  /** The metric's own tag keys, beyond the {@code client-id}, {@code config} and {@code class} Kafka adds. */
  public List<String> tags() {
    return tags;
  }

  /** What it counts. */
  public String description() {
    return description;
  }
}
