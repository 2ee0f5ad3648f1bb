package io.contractserde.json;

import com.fasterxml.jackson.databind.ObjectMapper;
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

  private final ObjectMapper objectMapper;

  /** For Kafka's reflection; {@link #configure} must follow. */
  public JsonContractDeserializer() {
    this.objectMapper = null;
  }

  /** A configured deserializer, for use in code. */
  public JsonContractDeserializer(Map<String, ?> configs, boolean isKey) {
    this(configs, isKey, null);
  }

  /**
   * A deserializer that reads and writes JSON with a copy of the application's own {@code objectMapper}
   * (modules, features and naming as the application set them; {@code json.fail.unknown.properties}
   * and {@code json.write.dates.iso8601} do not apply to it; contract-serde only bounds the nesting
   * depth, refuses trailing tokens and never closes the stream). {@link #configure} must
   * follow. The mapper is copied at {@code configure} and never changed.
   */
  public JsonContractDeserializer(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  /**
   * A configured deserializer using a copy of {@code objectMapper}, for use in code; see
   * {@link #JsonContractDeserializer(ObjectMapper)}.
   */
  public JsonContractDeserializer(Map<String, ?> configs, boolean isKey, ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
    configure(configs, isKey);
  }

  @Override
  protected ContractDeserializerEngine engine(Map<String, ?> configs, boolean isKey) {
    JsonContractSerdeConfig config = new JsonContractSerdeConfig(configs);
    return new ContractDeserializerEngine(new JsonFormat(config, isKey, objectMapper), config, isKey);
  }
}
