package io.contractserde.avro;

import io.contractserde.serde.ContractDeserializer;
import io.contractserde.serde.ContractDeserializerEngine;
import java.util.Map;

/**
 * A Kafka {@code Deserializer} that reads Avro records written under a data contract, in the shape
 * of the reader's contract version: pinned with {@code use.latest.with.metadata} or
 * {@code use.latest.version}, records of other versions are migrated by the contract's JSONata
 * rules; otherwise the writer's shape is returned. The reader's READ domain rules then run.
 * Returns GenericRecord, or SpecificRecord with {@code specific.avro.reader=true}.
 *
 * <p>Thread-safe.
 */
public class AvroContractDeserializer<T> extends ContractDeserializer<T> {

  /** For Kafka's reflection; {@link #configure} must follow. */
  public AvroContractDeserializer() {}

  /** A configured deserializer, for use in code. */
  public AvroContractDeserializer(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey);
  }

  @Override
  protected ContractDeserializerEngine engine(Map<String, ?> configs, boolean isKey) {
    AvroContractSerdeConfig config = new AvroContractSerdeConfig(configs);
    return new ContractDeserializerEngine(
        new AvroFormat(config.datumKinds(isKey)), config, isKey);
  }
}
