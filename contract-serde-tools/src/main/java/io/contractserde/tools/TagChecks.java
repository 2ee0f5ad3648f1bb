package io.contractserde.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.shape.ArrayShape;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.MapShape;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.format.shape.TagPatterns;
import io.contractserde.format.shape.UnionShape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks tags against the fields they are meant for: every {@code metadata.tags} pattern and every
 * tag a rule names must reach a field (else a PII rule silently masks nothing), and every inline
 * {@code confluent:tags} must sit on a field. Works on the format's field shape, the same view the
 * field-level rules get.
 */
final class TagChecks {
  private TagChecks() {}

  static void check(ContractSchema schema, List<Finding> out) {
    RegisteredSchema contract = schema.contract();
    String subject = contract.subject();
    Integer version = contract.version();
    FieldShape shape = schema.fieldShape();
    if (shape != null) {
      List<RecordShape.Field> fields = new ArrayList<>();
      collect(shape, fields, Collections.newSetFromMap(new IdentityHashMap<>()));
      if (contract.metadata() != null) {
        for (String pattern : contract.metadata().tags().keySet()) {
          boolean matches = fields.stream().anyMatch(f -> TagPatterns.matches(pattern, f.fullName()));
          if (!matches) {
            out.add(Check.TAG_PATTERN_MATCHES_NOTHING.at(subject, version, "metadata.tags \"" + pattern + "\"",
                "The tag pattern '" + pattern + "' matches no field, so its tags " + contract.metadata().tags().get(pattern)
                    + " reach nothing. Field names look like " + examples(fields)
                    + "; fix the pattern (** spans dots, * stays within one name)."));
          }
        }
      }
      for (Rule rule : RuleChecks.all(contract)) {
        for (String tag : rule.tags()) {
          boolean tagged = fields.stream().anyMatch(f -> f.tags().contains(tag));
          if (!tagged) {
            out.add(Check.RULE_TAG_MATCHES_NOTHING.at(subject, version, "rule " + rule.name(),
                "Rule '" + rule.name() + "' applies to fields tagged '" + tag + "', but no field has that tag:"
                    + " tag a field (metadata.tags or inline confluent:tags) or fix the rule's tags."));
          }
        }
      }
    }
    inlineTags(contract, out);
  }

  private static String examples(List<RecordShape.Field> fields) {
    List<String> names = fields.stream().map(RecordShape.Field::fullName).limit(3).toList();
    return names.isEmpty() ? "(no fields)" : String.join(", ", names);
  }

  private static void collect(FieldShape shape, List<RecordShape.Field> out, Set<FieldShape> seen) {
    if (shape == null || !seen.add(shape)) {
      return;
    }
    if (shape instanceof RecordShape record) {
      for (RecordShape.Field f : record.fields()) {
        out.add(f);
        collect(f.shape(), out, seen);
      }
    } else if (shape instanceof UnionShape union) {
      union.branches().forEach(b -> collect(b, out, seen));
    } else if (shape instanceof ArrayShape array) {
      collect(array.elementShape(), out, seen);
    } else if (shape instanceof MapShape map) {
      collect(map.valueShape(), out, seen);
    }
  }

  /** Every {@code confluent:tags} in the schema text must be a list of strings on a field. */
  private static void inlineTags(RegisteredSchema contract, List<Finding> out) {
    JsonNode root;
    try {
      root = ContractJson.mapper().readTree(contract.schema());
    } catch (java.io.IOException e) {
      return;
    }
    boolean avro = contract.schemaType().equals("AVRO");
    walk(root, "", false, avro, contract, out);
  }

  private static void walk(JsonNode node, String pointer, boolean isField, boolean avro, RegisteredSchema contract,
      List<Finding> out) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        boolean field = avro && pointer.endsWith("/fields");
        walk(node.get(i), pointer + "/" + i, field, avro, contract, out);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode tags = node.get(TagPatterns.INLINE_TAGS);
    if (tags != null) {
      String at = pointer + "/" + TagPatterns.INLINE_TAGS;
      boolean strings = tags.isArray();
      for (JsonNode t : tags) {
        strings &= t.isTextual();
      }
      if (!isField) {
        out.add(Check.INLINE_TAG_NOT_ON_A_FIELD.at(contract.subject(), contract.version(), at,
            "confluent:tags " + tags + " is not on a field (" + (avro
                ? "in Avro, put it on an entry of a record's \"fields\""
                : "in JSON Schema, put it in a property's schema under \"properties\"")
                + "), so it tags nothing."));
      } else if (!strings) {
        out.add(Check.INLINE_TAG_NOT_ON_A_FIELD.at(contract.subject(), contract.version(), at,
            "confluent:tags must be a list of strings such as [\"PII\"], not " + tags + "."));
      }
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equals(TagPatterns.INLINE_TAGS)) {
        continue;
      }
      String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
      if (!avro && e.getKey().equals("properties") && e.getValue().isObject()) {
        for (Map.Entry<String, JsonNode> p : e.getValue().properties()) {
          walk(p.getValue(), child + "/" + p.getKey().replace("~", "~0").replace("/", "~1"), true, false, contract, out);
        }
      } else {
        walk(e.getValue(), child, false, avro, contract, out);
      }
    }
  }
}
