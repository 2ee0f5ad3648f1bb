package io.contractserde.encryption;

import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The vectors' Customer contract (name, ssn and card tagged PII) with an ENCRYPT rule built per test. */
final class Pii {
  static final String TOPIC = "customers";
  static final String SUBJECT = "customers-value";
  static final String SECRET = "pii-test-secret-0042";
  static final Schema SCHEMA = new Schema.Parser().parse(Vectors.SCHEMA);

  private Pii() {}

  /** An ENCRYPT rule on PII with the given onFailure and params (name, value, ...) over local-kms defaults. */
  static Rule rule(String type, String onFailure, String... params) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("encrypt.kek.name", "kek1");
    p.put("encrypt.kms.type", "local-kms");
    p.put("encrypt.kms.key.id", "mykey");
    for (int i = 0; i < params.length; i += 2) {
      p.put(params[i], params[i + 1]);
    }
    String json = "{\"name\":\"encryptPII\",\"kind\":\"TRANSFORM\",\"mode\":\"WRITEREAD\",\"type\":\"" + type + "\""
        + (type.equals("ENCRYPT") ? ",\"tags\":[\"PII\"]" : "") + ",\"onFailure\":\"" + onFailure + "\"}";
    return ContractJson.read(json, Rule.class).withParams(p);
  }

  static RegisteredSchema register(MockContractRegistry registry, Rule rule) {
    RuleSet rules = rule.type().equals("ENCRYPT_PAYLOAD")
        ? new RuleSet(null, null, List.of(rule), null)
        : RuleSet.ofDomainRules(List.of(rule));
    return registry.register(SUBJECT, SchemaDefinition.of("AVRO", Vectors.SCHEMA).withRuleSet(rules));
  }

  static GenericRecord customer(int i) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("id", i);
    r.put("name", "Alice-" + i);
    r.put("ssn", "123-45-" + (6789 + i));
    r.put("card", ByteBuffer.wrap(("card-" + i).getBytes(StandardCharsets.UTF_8)));
    r.put("note", "clear-" + i);
    return r;
  }

  static String str(GenericRecord r, String field) {
    Object v = r.get(field);
    return v == null ? null : v.toString();
  }

  static String card(GenericRecord r) {
    return new String(IncumbentVectorsTest.bytes(r.get("card")), StandardCharsets.UTF_8);
  }

  /** True when {@code needle}'s UTF-8 bytes occur anywhere in {@code haystack}. */
  static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
