package io.contractserde.avro;

import io.contractserde.config.ContractSerdeConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The configuration of the Avro serde: the shared keys plus Avro's own. */
public final class AvroContractSerdeConfig extends ContractSerdeConfig {
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

  /** The shared definition plus the Avro keys. */
  public static ConfigDef configDef() {
    return baseConfigDef()
        .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM,
            "Deserializer: return instances of the generated SpecificRecord class of the reader's"
                + " record name (it must be on the class path) instead of GenericRecord.");
  }

  public AvroContractSerdeConfig(Map<?, ?> props) {
    super(configDef(), props);
  }
}
