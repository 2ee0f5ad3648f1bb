package io.contractserde.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContractJsonTest {

  /** A GET /subjects/{s}/versions/{v} answer as Confluent's registry sends it. */
  static final String REGISTRY_DOCUMENT = """
      {
        "subject": "accounts-value",
        "version": 2,
        "id": 7,
        "guid": "0f2c6a55-7c53-4c8e-9c1e-6d1f7e7b1a01",
        "schemaType": "AVRO",
        "schema": "{\\"type\\":\\"record\\",\\"name\\":\\"Account\\",\\"fields\\":[{\\"name\\":\\"national_id\\",\\"type\\":\\"string\\"}]}",
        "references": [{"name": "common.Address", "subject": "address-value", "version": 1}],
        "metadata": {
          "tags": {"**.national_id": ["PII"]},
          "properties": {"major_version": "2", "owner": "accounts-team"},
          "sensitive": ["owner"]
        },
        "ruleSet": {
          "migrationRules": [
            {"name": "upgrade_ssn", "kind": "TRANSFORM", "mode": "UPGRADE", "type": "JSONATA",
             "tags": [], "params": {}, "expr": "$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'national_id': $.ssn}])",
             "disabled": false},
            {"name": "downgrade_ssn", "kind": "TRANSFORM", "mode": "DOWNGRADE", "type": "JSONATA",
             "expr": "$merge([$sift($, function($v, $k) {$k != 'national_id'}), {'ssn': $.national_id}])",
             "disabled": false}
          ],
          "domainRules": [
            {"name": "checkId", "kind": "CONDITION", "mode": "WRITE", "type": "JSONATA",
             "expr": "$length(national_id) = 9", "onFailure": "DLQ", "params": {"dlq.topic": "bad-accounts"},
             "disabled": false}
          ]
        },
        "ts": 1732600000000,
        "deleted": false
      }
      """;

  @Test
  void readsTheRegistryFormWithEveryField() {
    RegisteredSchema s = ContractJson.read(REGISTRY_DOCUMENT, RegisteredSchema.class);
    assertEquals("accounts-value", s.subject());
    assertEquals(2, s.version());
    assertEquals(7, s.id());
    assertEquals("AVRO", s.schemaType());
    assertEquals(List.of(new SchemaReference("common.Address", "address-value", 1)), s.references());
    assertEquals(Set.of("PII"), s.metadata().tags().get("**.national_id"));
    assertEquals("2", s.property("major_version"));
    assertEquals(Set.of("owner"), s.metadata().sensitive());
    Rule upgrade = s.rules().migrationRules().get(0);
    assertEquals(RuleMode.UPGRADE, upgrade.mode());
    assertEquals(RuleKind.TRANSFORM, upgrade.kind());
    Rule check = s.rules().domainRules().get(0);
    assertEquals(RuleKind.CONDITION, check.kind());
    assertEquals("DLQ", check.onFailure());
    assertEquals(Map.of("dlq.topic", "bad-accounts"), check.params());
  }

  @Test
  void writesBackTheSameDocumentLessWhatTheModelDoesNotKeep() throws Exception {
    RegisteredSchema s = ContractJson.read(REGISTRY_DOCUMENT, RegisteredSchema.class);
    JsonNode written = ContractJson.mapper().readTree(ContractJson.write(s));
    JsonNode original = ContractJson.mapper().readTree(REGISTRY_DOCUMENT);
    for (String field : List.of("subject", "version", "id", "guid", "schemaType", "schema", "references", "metadata")) {
      assertEquals(original.get(field), written.get(field), field);
    }
    assertEquals(original.at("/ruleSet/domainRules/0/expr"), written.at("/ruleSet/domainRules/0/expr"));
    assertTrue(written.has("ruleSet") && !written.has("ruleset"), "written as ruleSet");
    assertEquals(s, ContractJson.read(ContractJson.write(s), RegisteredSchema.class));
  }

  @Test
  void readsTheLowerCaseRulesetSpellingAndAppliesDefaults() {
    RegisteredSchema s = ContractJson.read("""
        {"schema": "\\"string\\"", "ruleset": {"domainRules": [{"name": "r", "type": "JSONATA", "expr": "true"}]}}
        """, RegisteredSchema.class);
    assertEquals("AVRO", s.schemaType(), "schemaType defaults to AVRO");
    Rule r = s.rules().domainRules().get(0);
    assertEquals(RuleKind.TRANSFORM, r.kind());
    assertEquals(RuleMode.WRITEREAD, r.mode());
    assertTrue(r.tags().isEmpty());
    assertTrue(r.params().isEmpty());
    assertTrue(s.rules().migrationRules().isEmpty());
    assertNull(s.id());
  }

  @Test
  void ruleNamesAreValidatedAsTheRegistryDoes() {
    assertEquals("Missing rule name", message(Rule.of(null, null, null, "JSONATA", "x")));
    assertEquals("Empty rule name", message(Rule.of("", null, null, "JSONATA", "x")));
    assertTrue(message(Rule.of("x".repeat(257), null, null, "JSONATA", "x")).startsWith("Rule name too long"));
    assertEquals("Illegal initial character in rule name: 1abc", message(Rule.of("1abc", null, null, "JSONATA", "x")));
    assertEquals("Illegal character in rule name: ab.c", message(Rule.of("ab.c", null, null, "JSONATA", "x")));
    assertTrue(message(Rule.of("ok", null, null, null, "x")).startsWith("Missing rule type"));
    Rule.of("_ok-1", null, null, "JSONATA", "x").validate();
  }

  @Test
  void commaPairsOnlyForBidirectionalModes() {
    Rule write = Rule.of("r", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", "true").withActions(null, "NONE,ERROR");
    assertTrue(message(write).startsWith("Multiple actions only valid with WRITEREAD and UPDOWN"));
    Rule.of("r", RuleKind.CONDITION, RuleMode.WRITEREAD, "JSONATA", "true").withActions("NONE,NONE", "NONE,ERROR").validate();
    Rule.of("r", RuleKind.TRANSFORM, RuleMode.UPDOWN, "JSONATA", "$").withActions(null, "ERROR,NONE").validate();
  }

  @Test
  void ruleSetChecksModesPerListAndUniqueNames() {
    Rule domainInMigrations = Rule.of("a", null, RuleMode.WRITE, "JSONATA", "$");
    InvalidContractException e = assertThrows(InvalidContractException.class,
        () -> RuleSet.ofMigrationRules(List.of(domainInMigrations)).validate());
    assertTrue(e.getMessage().contains("Migration rules can only be UPGRADE, DOWNGRADE, or UPDOWN"), e.getMessage());
    assertTrue(e.getMessage().contains("rule a"), e.getMessage());

    Rule migrationInDomain = Rule.of("b", null, RuleMode.UPGRADE, "JSONATA", "$");
    e = assertThrows(InvalidContractException.class, () -> RuleSet.ofDomainRules(List.of(migrationInDomain)).validate());
    assertTrue(e.getMessage().contains("Domain and encoding rules can only be WRITE, READ, or WRITEREAD"));

    Rule up = Rule.of("same", null, RuleMode.UPGRADE, "JSONATA", "$");
    Rule check = Rule.of("same", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", "true");
    e = assertThrows(InvalidContractException.class, () -> new RuleSet(List.of(up), List.of(check), null, null).validate());
    assertTrue(e.getMessage().contains("duplicate name 'same'"));
  }

  @Test
  void hasRulesCountsBidirectionalModes() {
    RuleSet set = new RuleSet(List.of(Rule.of("m", null, RuleMode.UPDOWN, "JSONATA", "$")),
        List.of(Rule.of("d", RuleKind.CONDITION, RuleMode.WRITEREAD, "JSONATA", "true")), null, null);
    assertTrue(set.hasRules(RulePhase.MIGRATION, RuleMode.UPGRADE));
    assertTrue(set.hasRules(RulePhase.MIGRATION, RuleMode.DOWNGRADE));
    assertTrue(set.hasRules(RulePhase.DOMAIN, RuleMode.READ));
    assertTrue(!set.hasRules(RulePhase.ENCODING, RuleMode.WRITE));
    assertTrue(!RuleSet.ofDomainRules(List.of(Rule.of("w", null, RuleMode.WRITE, "JSONATA", "$")))
        .hasRules(RulePhase.DOMAIN, RuleMode.READ));
  }

  @Test
  void modelCollectionsAreImmutableCopies() {
    java.util.List<Rule> rules = new java.util.ArrayList<>(List.of(Rule.of("a", null, RuleMode.WRITE, "JSONATA", "$")));
    RuleSet set = RuleSet.ofDomainRules(rules);
    rules.clear();
    assertEquals(1, set.domainRules().size());
    assertThrows(UnsupportedOperationException.class, () -> set.domainRules().add(null));
  }

  private static String message(Rule rule) {
    return assertThrows(InvalidContractException.class, rule::validate).getMessage();
  }
}
