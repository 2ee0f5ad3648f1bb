package io.contractserde.serde;

import io.contractserde.metrics.PluginSerdeMetrics;
import io.contractserde.metrics.SerdeMetrics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Kafka {@link Serializer} face of {@link ContractSerializerEngine}; a format module names its
 * format and configuration in {@link #engine}. Thread-safe once configured.
 *
 * <p>As a {@link Monitorable}, it registers its metrics (see {@link io.contractserde.metrics.SerdeMetric})
 * in the producer's metrics; they outlive a second {@code configure}. Used without a producer it
 * counts nothing.
 */
public abstract class ContractSerializer<T> implements Serializer<T>, Monitorable {
  private final AtomicReference<ContractSerializerEngine> engine = new AtomicReference<>();
  private volatile SerdeMetrics metrics = SerdeMetrics.disabled();
  private volatile boolean isKey;
  private volatile boolean closed;

  /** The engine for these serde properties. */
  protected abstract ContractSerializerEngine engine(Map<String, ?> configs, boolean isKey);

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    ContractSerializerEngine configured = engine(configs, isKey);
    this.isKey = isKey;
    configured.useMetrics(metrics);
    closed = false;
    ContractSerializerEngine previous = engine.getAndSet(configured);
    if (previous != null) {
      previous.close();
    }
  }

  /** Registers this serializer's metrics in the producer's; Kafka calls it after {@code configure}. */
  @Override
  public void withPluginMetrics(PluginMetrics pluginMetrics) {
    SerdeMetrics m = new PluginSerdeMetrics(pluginMetrics, true, isKey);
    metrics = m;
    ContractSerializerEngine e = engine.get();
    if (e != null) {
      e.useMetrics(m);
    }
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return serialize(topic, null, data);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, T data) {
    ContractSerializerEngine e = engine.get();
    if (closed) {
      throw new SerializationException(getClass().getSimpleName() + " is closed: cannot serialize for topic '" + topic
          + "' (configure it again, or make a new one)");
    }
    if (e == null) {
      throw new InvalidConfigurationException(getClass().getSimpleName() + " is not configured: call configure() first");
    }
    return e.serialize(topic, headers, data);
  }

  /** Closes the engine; idempotent. Afterwards every call fails until {@link #configure}. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ContractSerializerEngine e = engine.getAndSet(null);
    if (e != null) {
      e.close();
    }
  }
}
