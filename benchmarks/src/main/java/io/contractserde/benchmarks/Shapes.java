package io.contractserde.benchmarks;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The record shapes measured: {@code small} (6 fields) and {@code large} (about 30 fields with a
 * nested record, arrays and nullable unions), each in three contract versions. v2 renames
 * {@code ssn} to {@code national_id}, v3 renames {@code name} to {@code full_name}, each with a
 * JSONata UPGRADE and DOWNGRADE rule. Subject {@code <shape>-checked-value} holds v2 with a
 * JSONata CONDITION on write; {@code <shape>-cel-value} the same condition in CEL, and
 * {@code <shape>-celfield-value} a CEL_FIELD condition on the fields tagged PII ({@code name} and
 * {@code national_id}, through {@code metadata.tags}).
 */
final class Shapes {
  private Shapes() {}

  static String schema(String shape, int version) {
    String id = version == 1 ? "ssn" : "national_id";
    String name = version == 3 ? "full_name" : "name";
    StringBuilder fields = new StringBuilder()
        .append("{\"name\":\"id\",\"type\":\"long\"},")
        .append("{\"name\":\"").append(name).append("\",\"type\":\"string\"},")
        .append("{\"name\":\"").append(id).append("\",\"type\":\"string\"},")
        .append("{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null},")
        .append("{\"name\":\"balance\",\"type\":\"double\"},")
        .append("{\"name\":\"active\",\"type\":\"boolean\"}");
    if (shape.equals("large")) {
      fields.append(",{\"name\":\"address\",\"type\":{\"type\":\"record\",\"name\":\"Address\",\"fields\":[")
          .append("{\"name\":\"street\",\"type\":\"string\"},{\"name\":\"city\",\"type\":\"string\"},")
          .append("{\"name\":\"zip\",\"type\":[\"null\",\"string\"],\"default\":null},")
          .append("{\"name\":\"country\",\"type\":\"string\"}]}}")
          .append(",{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"}}")
          .append(",{\"name\":\"scores\",\"type\":{\"type\":\"array\",\"items\":\"int\"}}");
      for (int i = 0; i < 20; i++) {
        fields.append(",{\"name\":\"f").append(i).append("\",\"type\":")
            .append(i % 3 == 0 ? "[\"null\",\"string\"],\"default\":null" : i % 3 == 1 ? "\"long\"" : "\"string\"")
            .append('}');
      }
    }
    return "{\"type\":\"record\",\"name\":\"Account\",\"namespace\":\"bench\",\"fields\":[" + fields + "]}";
  }

  private static Rule rename(String name, RuleMode mode, String from, String to) {
    return Rule.of(name, RuleKind.TRANSFORM, mode, "JSONATA",
        "$merge([$sift($, function($v, $k) {$k != '" + from + "'}), {'" + to + "': $lookup($, '" + from + "')}])");
  }

  /** Registers the three versions of both shapes (and the checked subject) in {@code scope}. */
  static void register(String scope) {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    for (String shape : List.of("small", "large")) {
      String subject = shape + "-value";
      registry.register(subject, SchemaDefinition.of("AVRO", schema(shape, 1)).withMetadata(major(1)));
      registry.register(subject, SchemaDefinition.of("AVRO", schema(shape, 2)).withMetadata(major(2))
          .withRuleSet(RuleSet.ofMigrationRules(List.of(
              rename("ssn_up", RuleMode.UPGRADE, "ssn", "national_id"),
              rename("ssn_down", RuleMode.DOWNGRADE, "national_id", "ssn")))));
      registry.register(subject, SchemaDefinition.of("AVRO", schema(shape, 3)).withMetadata(major(3))
          .withRuleSet(RuleSet.ofMigrationRules(List.of(
              rename("name_up", RuleMode.UPGRADE, "name", "full_name"),
              rename("name_down", RuleMode.DOWNGRADE, "full_name", "name")))));
      registry.register(shape + "-checked-value", SchemaDefinition.of("AVRO", schema(shape, 2)).withMetadata(major(2))
          .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("balance_not_negative", RuleKind.CONDITION,
              RuleMode.WRITE, "JSONATA", "balance >= 0")))));
      registry.register(shape + "-cel-value", SchemaDefinition.of("AVRO", schema(shape, 2)).withMetadata(major(2))
          .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("balance_not_negative", RuleKind.CONDITION,
              RuleMode.WRITE, "CEL", "message.balance >= 0")))));
      TreeMap<String, SortedSet<String>> pii = new TreeMap<>();
      pii.put("bench.Account.name", new TreeSet<>(List.of("PII")));
      pii.put("**.national_id", new TreeSet<>(List.of("PII")));
      registry.register(shape + "-celfield-value", SchemaDefinition.of("AVRO", schema(shape, 2))
          .withMetadata(new Metadata(pii, new TreeMap<>(Map.of("major_version", "2")), null))
          .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("pii_not_empty", RuleKind.CONDITION,
              RuleMode.WRITE, "CEL_FIELD", "size(value) > 0").withTags("PII")))));
    }
  }

  private static Metadata major(int version) {
    return Metadata.ofProperties(Map.of("major_version", String.valueOf(version)));
  }

  static GenericRecord record(Schema schema, int i) {
    GenericRecord r = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      r.put(f.pos(), value(f.schema(), f.name(), i));
    }
    return r;
  }

  private static Object value(Schema s, String name, int i) {
    return switch (s.getType()) {
      case LONG -> (long) i * 31;
      case INT -> i;
      case DOUBLE -> 100.5 + i;
      case BOOLEAN -> i % 2 == 0;
      case STRING -> name + "-" + i;
      case UNION -> i % 2 == 0 ? null : name + "@example.com";
      case RECORD -> record(s, i);
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
          items.add(value(s.getElementType(), name, i + k));
        }
        yield new GenericData.Array<>(s, items);
      }
      case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
      default -> throw new IllegalArgumentException(s.toString());
    };
  }
}
