package io.contractserde.json;

import io.contractserde.config.ContractSerdeConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The configuration of the JSON Schema serde: the shared keys plus JSON's own. */
public final class JsonContractSerdeConfig extends ContractSerdeConfig {
  public static final String FAIL_INVALID_SCHEMA = "json.fail.invalid.schema";
  public static final String FAIL_UNKNOWN_PROPERTIES = "json.fail.unknown.properties";
  public static final String VALUE_TYPE = "json.value.type";
  public static final String KEY_TYPE = "json.key.type";
  public static final String MAX_NESTING_DEPTH = "json.max.nesting.depth";

  /** The shared definition plus the JSON keys. */
  public static ConfigDef configDef() {
    return baseConfigDef()
        .define(FAIL_INVALID_SCHEMA, Type.BOOLEAN, true, Importance.MEDIUM,
            "Validate documents against the contract's JSON Schema: on write before encoding, on read"
                + " against the reader's schema after migrations. On by default (the incumbent's is off).")
        .define(FAIL_UNKNOWN_PROPERTIES, Type.BOOLEAN, true, Importance.LOW,
            "Deserializer with json.value.type / json.key.type: fail on properties the class does not have.")
        .define(VALUE_TYPE, Type.CLASS, null, Importance.MEDIUM,
            "Deserializer: the class values are read into (default: Jackson JsonNode).")
        .define(KEY_TYPE, Type.CLASS, null, Importance.MEDIUM,
            "Deserializer: the class keys are read into (default: Jackson JsonNode).")
        .define(MAX_NESTING_DEPTH, Type.INT, 200, ConfigDef.Range.between(1, 1000), Importance.LOW,
            "Deepest nesting of objects and arrays accepted in a payload; deeper ones are rejected"
                + " before any recursion.");
  }

  public JsonContractSerdeConfig(Map<?, ?> props) {
    super(configDef(), props);
  }
}
