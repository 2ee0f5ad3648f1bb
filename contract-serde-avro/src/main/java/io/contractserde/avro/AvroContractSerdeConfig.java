package io.contractserde.avro;

import io.contractserde.config.ContractSerdeConfig;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configuration of the Avro serde: the shared keys plus Avro's own. */
public final class AvroContractSerdeConfig extends ContractSerdeConfig {
  private static final Logger LOG = LoggerFactory.getLogger(AvroContractSerdeConfig.class);

  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
  public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
  public static final String AVRO_USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
  public static final String SCHEMA_REFLECTION = "schema.reflection";
  public static final String AVRO_REFLECTION_ALLOW_NULL = "avro.reflection.allow.null";

  /** The shared definition plus the Avro keys. */
  public static ConfigDef configDef() {
    return baseConfigDef()
        .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM,
            "Deserializer: return instances of the generated SpecificRecord class of the reader's"
                + " record name (it must be on the class path) instead of GenericRecord, read with the"
                + " class's own data model (its logical-type conversions).")
        .define(SPECIFIC_AVRO_KEY_TYPE, Type.CLASS, null, Importance.LOW,
            "Deserializer of keys, with specific.avro.reader=true: the generated SpecificRecord class to"
                + " read every key into, whatever its record name (by schema resolution from the reader's"
                + " contract). Ignored, with a warning, when specific.avro.reader is false.")
        .define(SPECIFIC_AVRO_VALUE_TYPE, Type.CLASS, null, Importance.LOW,
            "Deserializer of values, with specific.avro.reader=true: the generated SpecificRecord class to"
                + " read every value into, whatever its record name (by schema resolution from the reader's"
                + " contract). Ignored, with a warning, when specific.avro.reader is false.")
        .define(AVRO_USE_LOGICAL_TYPE_CONVERTERS, Type.BOOLEAN, false, Importance.LOW,
            "Generic and reflect data use Java types for logical types, both ways: decimal as BigDecimal,"
                + " uuid as UUID, date as LocalDate, time-millis and time-micros as LocalTime, timestamp-millis"
                + " and timestamp-micros as Instant, local-timestamp-millis and -micros as LocalDateTime."
                + " Generated classes always use their own conversions.")
        .define(SCHEMA_REFLECTION, Type.BOOLEAN, false, Importance.LOW,
            "Serializer: write any object that is not Avro data (a POJO) with the schema ReflectData derives"
                + " from its class. Deserializer: return instances of the class of the reader's record name,"
                + " read with ReflectData.")
        .define(AVRO_REFLECTION_ALLOW_NULL, Type.BOOLEAN, false, Importance.LOW,
            "With schema.reflection: derive schemas with ReflectData.AllowNull, so every field of a POJO"
                + " may be null.");
  }

  public AvroContractSerdeConfig(Map<?, ?> props) {
    super(configDef(), props);
  }

  /**
   * The kinds of data the serde of keys ({@code isKey}) or values reads and writes.
   *
   * @throws ConfigException when the class to read into is not a generated SpecificRecord
   */
  AvroDatumKinds datumKinds(boolean isKey) {
    String typeKey = isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE;
    Class<?> type = getClass(typeKey);
    boolean specificReader = getBoolean(SPECIFIC_AVRO_READER);
    if (type != null && !SpecificRecord.class.isAssignableFrom(type)) {
      throw new ConfigException(typeKey, type.getName(), "not a " + SpecificRecord.class.getName()
          + ": give a class generated from an Avro schema");
    }
    if (type != null && !specificReader) {
      LOG.warn("{}={} is ignored because {} is false", typeKey, type.getName(), SPECIFIC_AVRO_READER);
      type = null;
    }
    return AvroDatumKinds.of(getBoolean(AVRO_USE_LOGICAL_TYPE_CONVERTERS), getBoolean(SCHEMA_REFLECTION),
        getBoolean(AVRO_REFLECTION_ALLOW_NULL), specificReader, type);
  }
}
