package io.contractserde.avro;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.testing.SerdeProps;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The accounts data product of the seed story: v1 with {@code ssn}, v2 with the breaking rename to
 * {@code national_id} and its UPGRADE / DOWNGRADE rules, and a WRITE condition on each.
 */
final class Accounts {
  static final String SUBJECT = "accounts-value";
  static final String TOPIC = "accounts";

  static final String V1 = """
      {"type": "record", "name": "Account", "namespace": "io.contractserde.example", "fields": [
        {"name": "id", "type": "string"},
        {"name": "name", "type": "string"},
        {"name": "ssn", "type": "string"},
        {"name": "nickname", "type": ["null", "string"], "default": null},
        {"name": "balance", "type": "long", "default": 0}
      ]}""";
  static final String V2 = """
      {"type": "record", "name": "Account", "namespace": "io.contractserde.example", "fields": [
        {"name": "id", "type": "string"},
        {"name": "name", "type": "string"},
        {"name": "national_id", "type": "string"},
        {"name": "nickname", "type": ["null", "string"], "default": null},
        {"name": "balance", "type": "long", "default": 0}
      ]}""";
  static final Schema V1_SCHEMA = new Schema.Parser().parse(V1);
  static final Schema V2_SCHEMA = new Schema.Parser().parse(V2);

  static final Rule UPGRADE = Rule.of("ssn_to_national_id", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA",
      "$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'national_id': $.ssn}])");
  static final Rule DOWNGRADE = Rule.of("national_id_to_ssn", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
      "$merge([$sift($, function($v, $k) {$k != 'national_id'}), {'ssn': $.national_id}])");
  static final Rule SSN_CHECK = Rule.of("ssn_has_9_digits", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA",
      "$match(ssn, /^[0-9]{9}$/) != null").withDoc(null);
  static final Rule NATIONAL_ID_CHECK = Rule.of("national_id_has_9_digits", RuleKind.CONDITION, RuleMode.WRITE,
      "JSONATA", "$length(national_id) = 9");

  private Accounts() {}

  static SchemaDefinition v1() {
    return SchemaDefinition.of("AVRO", V1)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "1", "owner", "accounts-team")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(SSN_CHECK)));
  }

  static SchemaDefinition v2() {
    return SchemaDefinition.of("AVRO", V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "2", "owner", "accounts-team")))
        .withRuleSet(new RuleSet(List.of(UPGRADE, DOWNGRADE), List.of(NATIONAL_ID_CHECK), null, null));
  }

  /** Registers v1 then v2 and returns them. */
  static List<RegisteredSchema> register(ContractRegistry registry) {
    return List.of(registry.register(SUBJECT, v1()), registry.register(SUBJECT, v2()));
  }

  static GenericRecord v1Record(int i) {
    GenericRecord r = new GenericData.Record(V1_SCHEMA);
    r.put("id", "acc-" + i);
    r.put("name", "Name " + i);
    r.put("ssn", String.format("%09d", i));
    r.put("nickname", i % 2 == 0 ? null : "nick" + i);
    r.put("balance", (long) i * 100);
    return r;
  }

  static GenericRecord v2Record(int i) {
    GenericRecord r = new GenericData.Record(V2_SCHEMA);
    r.put("id", "acc-" + i);
    r.put("name", "Name " + i);
    r.put("national_id", String.format("%09d", i));
    r.put("nickname", i % 2 == 0 ? null : "nick" + i);
    r.put("balance", (long) i * 100);
    return r;
  }

  /** Serde properties: registry URL plus the given pairs. */
  static Map<String, Object> props(String url, Object... pairs) {
    return SerdeProps.props(url, pairs);
  }


  static String str(GenericRecord r, String field) {
    Object v = r.get(field);
    return v == null ? null : v.toString();
  }
}
