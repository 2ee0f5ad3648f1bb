/**
 * What a contract serde counts, and where the counts go.
 *
 * <p>For <em>applications</em>: {@link io.contractserde.metrics.SerdeMetric} lists every metric (name,
 * tags, meaning); the serializers and deserializers implement Kafka's {@code Monitorable}, so a
 * producer or consumer registers them in its own metrics (group {@code plugins}, with the tags
 * {@code client-id}, {@code config} and {@code class} that Kafka adds), and they show up in JMX and
 * in every reporter the client runs. A serde used without a client counts nothing.
 *
 * <p>For the serde engines and the rule and registry layers: {@link io.contractserde.metrics.SerdeMetrics}
 * is the recording side, Caffeine's {@code StatsCounter} style: {@code record*} methods, a disabled
 * default, and {@code LongAdder}s that Kafka reads as {@code Measurable}s, so a record costs one
 * uncontended increment. Only registry requests go through a Kafka {@code Sensor} (latency).
 */
package io.contractserde.metrics;
