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
  public static final String WRITE_DATES_AS_ISO8601 = "json.write.dates.iso8601";
  public static final String OBJECT_MAPPER_CUSTOMIZER = "json.object.mapper.customizer";

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
                + " before any recursion.")
        .define(WRITE_DATES_AS_ISO8601, Type.BOOLEAN, false, Importance.MEDIUM,
            "Serializer: write dates (java.time, java.util.Date) as ISO 8601 strings. false, the incumbent's"
                + " default too: as timestamps, an Instant as seconds.nanoseconds, a LocalDate as [year, month, day].")
        .define(OBJECT_MAPPER_CUSTOMIZER, Type.CLASS, null, Importance.LOW,
            "A class implementing io.contractserde.json.ObjectMapperCustomizer (public, with a public no-argument"
                + " constructor) that adjusts the serde's Jackson ObjectMapper: modules, features, naming. Or pass"
                + " an ObjectMapper to the serializer's, deserializer's or serde's constructor.");
  }

  public JsonContractSerdeConfig(Map<?, ?> props) {
    super(configDef(), props);
  }
}
