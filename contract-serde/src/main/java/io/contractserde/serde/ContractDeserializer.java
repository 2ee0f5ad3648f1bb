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
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The Kafka {@link Deserializer} face of {@link ContractDeserializerEngine}; a format module names
 * its format and configuration in {@link #engine}. Thread-safe once configured.
 *
 * <p>As a {@link Monitorable}, it registers its metrics (see {@link io.contractserde.metrics.SerdeMetric})
 * in the consumer's metrics; they outlive a second {@code configure}. Used without a consumer it
 * counts nothing.
 */
public abstract class ContractDeserializer<T> implements Deserializer<T>, Monitorable {
  private final AtomicReference<ContractDeserializerEngine> engine = new AtomicReference<>();
  private volatile SerdeMetrics metrics = SerdeMetrics.disabled();
  private volatile boolean isKey;
  private volatile boolean closed;

  /** The engine for these serde properties. */
  protected abstract ContractDeserializerEngine engine(Map<String, ?> configs, boolean isKey);

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    ContractDeserializerEngine configured = engine(configs, isKey);
    this.isKey = isKey;
    configured.useMetrics(metrics);
    closed = false;
    ContractDeserializerEngine previous = engine.getAndSet(configured);
    if (previous != null) {
      previous.close();
    }
  }

  /** Registers this deserializer's metrics in the consumer's; Kafka calls it after {@code configure}. */
  @Override
  public void withPluginMetrics(PluginMetrics pluginMetrics) {
    SerdeMetrics m = new PluginSerdeMetrics(pluginMetrics, false, isKey);
    metrics = m;
    ContractDeserializerEngine e = engine.get();
    if (e != null) {
      e.useMetrics(m);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return deserialize(topic, null, data);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, Headers headers, byte[] data) {
    ContractDeserializerEngine e = engine.get();
    if (closed) {
      throw new SerializationException(getClass().getSimpleName() + " is closed: cannot deserialize for topic '" + topic
          + "' (configure it again, or make a new one)");
    }
    if (e == null) {
      throw new InvalidConfigurationException(getClass().getSimpleName() + " is not configured: call configure() first");
    }
    return (T) e.deserialize(topic, headers, data);
  }

  /** Closes the engine; idempotent. Afterwards every call fails until {@link #configure}. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ContractDeserializerEngine e = engine.getAndSet(null);
    if (e != null) {
      e.close();
    }
  }
}
