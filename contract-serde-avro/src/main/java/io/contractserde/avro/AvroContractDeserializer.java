package io.contractserde.avro;

import io.contractserde.serde.ContractDeserializerEngine;
import java.util.Map;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka {@link Deserializer} that reads Avro records written under a data contract, in the shape
 * of the reader's contract version: pinned with {@code use.latest.with.metadata} or
 * {@code use.latest.version}, records of other versions are migrated by the contract's JSONata
 * rules; otherwise the writer's shape is returned. The reader's READ domain rules then run.
 * Returns GenericRecord, or SpecificRecord with {@code specific.avro.reader=true}.
 *
 * <p>Thread-safe.
 */
public class AvroContractDeserializer<T> implements Deserializer<T> {
  private volatile ContractDeserializerEngine engine;

  /** For Kafka's reflection; {@link #configure} must follow. */
  public AvroContractDeserializer() {}

  /** A configured deserializer, for use in code. */
  public AvroContractDeserializer(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroContractSerdeConfig config = new AvroContractSerdeConfig(configs);
    engine = new ContractDeserializerEngine(
        new AvroFormat(config.getBoolean(AvroContractSerdeConfig.SPECIFIC_AVRO_READER)), config, isKey);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return deserialize(topic, null, data);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, Headers headers, byte[] data) {
    ContractDeserializerEngine e = engine;
    if (e == null) {
      throw new InvalidConfigurationException("AvroContractDeserializer is not configured: call configure() first");
    }
    return (T) e.deserialize(topic, headers, data);
  }

  @Override
  public void close() {
    ContractDeserializerEngine e = engine;
    if (e != null) {
      e.close();
    }
  }
}
