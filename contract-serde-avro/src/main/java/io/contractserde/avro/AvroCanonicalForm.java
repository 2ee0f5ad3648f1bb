package io.contractserde.avro;

import io.contractserde.format.SchemaCanonicalForm;
import java.util.List;
import org.apache.avro.Schema;

/**
 * When two Avro schema texts are the same schema, for the {@code mock://} and {@code file://}
 * registries: as the Confluent registry decides it, by the parsed schema's full JSON form (what
 * {@link Schema#toString()} prints). Namespaces written out where they would be inherited, a
 * primitive written as {@code {"type":"string"}}, spacing and attribute order do not matter; field
 * order, names, defaults, docs, aliases and custom properties do. Found through
 * {@link java.util.ServiceLoader}; not for applications.
 */
public final class AvroCanonicalForm implements SchemaCanonicalForm {

  /** For {@link java.util.ServiceLoader}. */
  public AvroCanonicalForm() {}

  @Override
  public String schemaType() {
    return "AVRO";
  }

  @Override
  public Object canonicalKey(String schema, List<String> referenced) {
    Schema.Parser parser = new Schema.Parser();
    for (String dependency : referenced) {
      parser.parse(dependency);
    }
    return parser.parse(schema).toString();
  }
}
