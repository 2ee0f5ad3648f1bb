package io.contractserde.json;

import io.contractserde.serde.ContractDeserializer;
import io.contractserde.serde.ContractDeserializerEngine;
import java.util.Map;

/**
 * A Kafka {@code Deserializer} that reads JSON documents written under a JSON Schema contract, in
 * the shape of the reader's contract version (migrated by the contract's JSONata rules when pinned
 * with {@code use.latest.with.metadata} or {@code use.latest.version}), validated against the
 * reader's schema. Returns a Jackson {@code JsonNode}, or the class of {@code json.value.type} /
 * {@code json.key.type}.
 *
 * <p>Thread-safe.
 */
public class JsonContractDeserializer<T> extends ContractDeserializer<T> {

  /** For Kafka's reflection; {@link #configure} must follow. */
  public JsonContractDeserializer() {}

  /** A configured deserializer, for use in code. */
  public JsonContractDeserializer(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey);
  }

  @Override
  protected ContractDeserializerEngine engine(Map<String, ?> configs, boolean isKey) {
    JsonContractSerdeConfig config = new JsonContractSerdeConfig(configs);
    return new ContractDeserializerEngine(new JsonFormat(config, isKey), config, isKey);
  }
}
