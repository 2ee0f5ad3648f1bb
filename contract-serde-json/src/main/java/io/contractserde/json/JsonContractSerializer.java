package io.contractserde.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contractserde.format.SchemaFormat;
import io.contractserde.serde.ContractSerializer;
import io.contractserde.serde.ContractSerializerEngine;
import java.util.Map;

/**
 * A Kafka {@code Serializer} that writes JSON documents (Jackson {@code JsonNode}, {@code Map} or
 * a POJO) only when they satisfy their registered JSON Schema contract, after running the
 * contract's WRITE domain rules. The contract is the one pinned by {@code use.latest.with.metadata},
 * {@code use.latest.version} or {@code use.schema.id}, else the subject's latest version. See
 * {@link JsonContractSerdeConfig} for every key.
 *
 * <p>Thread-safe.
 */
public class JsonContractSerializer<T> extends ContractSerializer<T> {

  private final ObjectMapper objectMapper;

  /** For Kafka's reflection; {@link #configure} must follow. */
  public JsonContractSerializer() {
    this.objectMapper = null;
  }

  /** A configured serializer, for use in code. */
  public JsonContractSerializer(Map<String, ?> configs, boolean isKey) {
    this(configs, isKey, null);
  }

  /**
   * A serializer that reads and writes JSON with a copy of the application's own {@code objectMapper}
   * (modules, features and naming as the application set them; {@code json.fail.unknown.properties}
   * and {@code json.write.dates.iso8601} do not apply to it; contract-serde only bounds the nesting
   * depth, refuses trailing tokens and never closes the stream). {@link #configure} must
   * follow. The mapper is copied at {@code configure} and never changed.
   */
  public JsonContractSerializer(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  /**
   * A configured serializer using a copy of {@code objectMapper}, for use in code; see
   * {@link #JsonContractSerializer(ObjectMapper)}.
   */
  public JsonContractSerializer(Map<String, ?> configs, boolean isKey, ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
    configure(configs, isKey);
  }

  @Override
  protected ContractSerializerEngine engine(Map<String, ?> configs, boolean isKey) {
    JsonContractSerdeConfig config = new JsonContractSerdeConfig(configs);
    return new ContractSerializerEngine(new JsonFormat(config, isKey, objectMapper), config, isKey);
  }

  /**
   * The JSON Schema format these serdes use for values, configured from serde properties: for tools
   * that parse and check contracts without writing records (contract-serde-tools).
   */
  public static SchemaFormat format(Map<String, ?> configs) {
    return new JsonFormat(new JsonContractSerdeConfig(configs), false, null);
  }
}
