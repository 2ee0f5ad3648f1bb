package io.contractserde.avro;

import io.contractserde.format.SchemaFormat;
import io.contractserde.serde.ContractSerializer;
import io.contractserde.serde.ContractSerializerEngine;
import java.util.Map;

/**
 * A Kafka {@code Serializer} that writes Avro records (GenericRecord, SpecificRecord, Avro
 * primitives) only when they conform to their registered data contract, after running the
 * contract's WRITE domain rules. Configure it as {@code value.serializer} (or key) with at least
 * {@code schema.registry.url}; see {@link AvroContractSerdeConfig} for every key.
 *
 * <p>Thread-safe: one instance may serve every thread of a producer.
 */
public class AvroContractSerializer<T> extends ContractSerializer<T> {

  /** For Kafka's reflection; {@link #configure} must follow. */
  public AvroContractSerializer() {}

  /** A configured serializer, for use in code. */
  public AvroContractSerializer(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey);
  }

  @Override
  protected ContractSerializerEngine engine(Map<String, ?> configs, boolean isKey) {
    AvroContractSerdeConfig config = new AvroContractSerdeConfig(configs);
    return new ContractSerializerEngine(
        new AvroFormat(config.datumKinds(isKey)), config, isKey);
  }

  /**
   * The Avro format these serdes use, configured from serde properties: for tools that parse and
   * check contracts without writing records (contract-serde-tools).
   */
  public static SchemaFormat format(Map<String, ?> configs) {
    AvroContractSerdeConfig config = new AvroContractSerdeConfig(configs);
    return new AvroFormat(config.datumKinds(false));
  }
}
