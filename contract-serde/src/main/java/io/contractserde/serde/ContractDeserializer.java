package io.contractserde.serde;

import java.util.Map;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The Kafka {@link Deserializer} face of {@link ContractDeserializerEngine}; a format module names
 * its format and configuration in {@link #engine}. Thread-safe once configured.
 */
public abstract class ContractDeserializer<T> implements Deserializer<T> {
  private volatile ContractDeserializerEngine engine;
  private volatile boolean closed;

  /** The engine for these serde properties. */
  protected abstract ContractDeserializerEngine engine(Map<String, ?> configs, boolean isKey);

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    ContractDeserializerEngine previous = engine;
    engine = engine(configs, isKey);
    closed = false;
    if (previous != null) {
      previous.close();
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return deserialize(topic, null, data);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, Headers headers, byte[] data) {
    ContractDeserializerEngine e = engine;
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
    ContractDeserializerEngine e = engine;
    if (e != null) {
      e.close();
    }
  }
}
