package io.contractserde.json;

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

  /** For Kafka's reflection; {@link #configure} must follow. */
  public JsonContractSerializer() {}

  /** A configured serializer, for use in code. */
  public JsonContractSerializer(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey);
  }

  @Override
  protected ContractSerializerEngine engine(Map<String, ?> configs, boolean isKey) {
    JsonContractSerdeConfig config = new JsonContractSerdeConfig(configs);
    return new ContractSerializerEngine(new JsonFormat(config, isKey), config, isKey);
  }

  /**
   * The JSON Schema format these serdes use for values, configured from serde properties: for tools
   * that parse and check contracts without writing records (contract-serde-tools).
   */
  public static SchemaFormat format(Map<String, ?> configs) {
    return new JsonFormat(new JsonContractSerdeConfig(configs), false);
  }
}
