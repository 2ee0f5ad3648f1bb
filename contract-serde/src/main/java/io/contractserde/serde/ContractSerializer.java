package io.contractserde.serde;

import java.util.Map;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Kafka {@link Serializer} face of {@link ContractSerializerEngine}; a format module names its
 * format and configuration in {@link #engine}. Thread-safe once configured.
 */
public abstract class ContractSerializer<T> implements Serializer<T> {
  private volatile ContractSerializerEngine engine;
  private volatile boolean closed;

  /** The engine for these serde properties. */
  protected abstract ContractSerializerEngine engine(Map<String, ?> configs, boolean isKey);

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    ContractSerializerEngine previous = engine;
    engine = engine(configs, isKey);
    closed = false;
    if (previous != null) {
      previous.close();
    }
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return serialize(topic, null, data);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, T data) {
    ContractSerializerEngine e = engine;
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
    ContractSerializerEngine e = engine;
    if (e != null) {
      e.close();
    }
  }
}
