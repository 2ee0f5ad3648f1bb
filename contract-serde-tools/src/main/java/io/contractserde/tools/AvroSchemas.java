package io.contractserde.tools;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaReference;
import io.contractserde.registry.ContractRegistry;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;

/** Avro schemas of contracts, parsed with their references (referenced schemas first). */
final class AvroSchemas {
  private AvroSchemas() {}

  static Schema parse(RegisteredSchema contract, ContractRegistry registry) {
    Schema.Parser parser = new Schema.Parser();
    Set<String> seen = new HashSet<>();
    for (SchemaReference ref : contract.references()) {
      parseReference(ref, registry, parser, seen);
    }
    return parser.parse(contract.schema());
  }

  private static void parseReference(SchemaReference ref, ContractRegistry registry, Schema.Parser parser,
      Set<String> seen) {
    if (!seen.add(ref.subject() + "/" + ref.version())) {
      return;
    }
    RegisteredSchema referenced = registry.byVersion(ref.subject(), ref.version());
    for (SchemaReference inner : referenced.references()) {
      parseReference(inner, registry, parser, seen);
    }
    parser.parse(referenced.schema());
  }
}
