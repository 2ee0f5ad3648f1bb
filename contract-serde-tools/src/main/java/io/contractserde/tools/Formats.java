package io.contractserde.tools;

import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.format.SchemaFormat;
import io.contractserde.json.JsonContractSerializer;
import java.util.Map;
import java.util.Optional;

/** The schema formats the tools can parse, by {@code schemaType}: Avro and JSON Schema. */
final class Formats {
  private final Map<String, SchemaFormat> byType;

  Formats(Map<String, ?> serdeProperties) {
    this.byType = Map.of(
        "AVRO", AvroContractSerializer.format(serdeProperties),
        "JSON", JsonContractSerializer.format(serdeProperties));
  }

  Optional<SchemaFormat> of(String schemaType) {
    return Optional.ofNullable(byType.get(schemaType));
  }
}
