package io.contractserde.avro;

import io.contractserde.serde.ContractSerializerEngine;
import java.util.Map;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serializer} that writes Avro records (GenericRecord, SpecificRecord, Avro
 * primitives) only when they conform to their registered data contract, after running the
 * contract's WRITE domain rules. Configure it as {@code value.serializer} (or key) with at least
 * {@code schema.registry.url}; see {@link AvroContractSerdeConfig} for every key.
 *
 * <p>Thread-safe: one instance may serve every thread of a producer.
 */
public class AvroContractSerializer<T> implements Serializer<T> {
  private volatile ContractSerializerEngine engine;

  /** For Kafka's reflection; {@link #configure} must follow. */
  public AvroContractSerializer() {}

  /** A configured serializer, for use in code. */
  public AvroContractSerializer(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroContractSerdeConfig config = new AvroContractSerdeConfig(configs);
    engine = new ContractSerializerEngine(
        new AvroFormat(config.getBoolean(AvroContractSerdeConfig.SPECIFIC_AVRO_READER)), config, isKey);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return serialize(topic, null, data);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, T data) {
    ContractSerializerEngine e = engine;
    if (e == null) {
      throw new InvalidConfigurationException("AvroContractSerializer is not configured: call configure() first");
    }
    return e.serialize(topic, headers, data);
  }

  @Override
  public void close() {
    ContractSerializerEngine e = engine;
    if (e != null) {
      e.close();
    }
  }
}
