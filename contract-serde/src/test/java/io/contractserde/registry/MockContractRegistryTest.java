package io.contractserde.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.InvalidContractException;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-memory {@code mock://} registry: ids, versions, metadata, soft delete, scopes. */
class MockContractRegistryTest {
  static final String V1 = "{\"type\":\"record\",\"name\":\"Account\",\"fields\":[{\"name\":\"ssn\",\"type\":\"string\"}]}";
  static final String V2 = "{\"type\":\"record\",\"name\":\"Account\",\"fields\":[{\"name\":\"national_id\",\"type\":\"string\"}]}";

  private final MockContractRegistry registry = new MockContractRegistry("test");

  static SchemaDefinition avro(String schema, String majorVersion) {
    return SchemaDefinition.of("AVRO", schema).withMetadata(Metadata.ofProperties(Map.of("major_version", majorVersion)));
  }

  @Test
  void assignsIdsAndVersionsAndKeepsMetadataAndRules() {
    RuleSet rules = RuleSet.ofMigrationRules(List.of(Rule.of("up", null, RuleMode.UPGRADE, "JSONATA", "$")));
    RegisteredSchema v1 = registry.register("accounts-value", avro(V1, "1"));
    RegisteredSchema v2 = registry.register("accounts-value", avro(V2, "2").withRuleSet(rules));
    assertEquals(1, v1.version());
    assertEquals(2, v2.version());
    assertNotEquals(v1.id(), v2.id());
    assertEquals(rules, registry.byVersion("accounts-value", 2).ruleSet());
    assertEquals("2", registry.byId(v2.id(), null).property("major_version"));
    assertNull(registry.byId(v2.id(), null).version(), "by id carries no subject version, as the registry's answer");
    assertEquals(v2.id(), registry.byGuid(v2.guid()).id());
    assertEquals(List.of(1, 2), registry.versions("accounts-value"));
    assertEquals(v2, registry.latest("accounts-value"));
  }

  @Test
  void registeringTheSameDefinitionAgainReturnsTheExistingVersion() {
    RegisteredSchema first = registry.register("s", avro(V1, "1"));
    RegisteredSchema again = registry.register("s", avro(V1.replace(",", " , "), "1"));
    assertEquals(first, again);
    assertEquals(List.of(1), registry.versions("s"));
    RegisteredSchema other = registry.register("t", avro(V1, "1"));
    assertEquals(first.id(), other.id(), "the same definition has the same id under any subject");
  }

  @Test
  void latestWithMetadataPicksTheNewestMatchingVersion() {
    registry.register("s", avro(V1, "1"));
    registry.register("s", avro(V2, "2"));
    RegisteredSchema v3 = registry.register("s", avro(V1.replace("ssn", "tax_id"), "1"));
    assertEquals(v3.version(), registry.latestWithMetadata("s", Map.of("major_version", "1")).version());
    assertEquals(2, registry.latestWithMetadata("s", Map.of("major_version", "2")).version());
    ContractNotFoundException e = assertThrows(ContractNotFoundException.class,
        () -> registry.latestWithMetadata("s", Map.of("major_version", "2", "owner", "x")));
    assertTrue(e.getMessage().contains("owner=x"), e.getMessage());
  }

  @Test
  void lookupFindsTheNewestVersionWithTheSchemaWhateverItsFormatting() {
    registry.register("s", avro(V1, "1"));
    registry.register("s", avro(V1, "1").withRuleSet(RuleSet.ofDomainRules(
        List.of(Rule.of("r", null, RuleMode.WRITE, "JSONATA", "$")))));
    RegisteredSchema found = registry.lookup("s", SchemaDefinition.of("AVRO", "  " + V1.replace(":", " : ")));
    assertEquals(2, found.version());
    assertThrows(ContractNotFoundException.class, () -> registry.lookup("s", SchemaDefinition.of("AVRO", V2)));
  }

  @Test
  void missingThingsAreNamed() {
    assertTrue(assertThrows(ContractNotFoundException.class, () -> registry.byId(42, null)).getMessage().contains("id 42"));
    assertTrue(assertThrows(ContractNotFoundException.class, () -> registry.latest("nope")).getMessage().contains("'nope'"));
    registry.register("s", avro(V1, "1"));
    assertTrue(assertThrows(ContractNotFoundException.class, () -> registry.byVersion("s", 9)).getMessage().contains("Version 9"));
  }

  @Test
  void invalidRuleSetsAreRefused() {
    SchemaDefinition bad = avro(V1, "1").withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("9x", null, RuleMode.WRITE, "JSONATA", "$"))));
    assertThrows(InvalidContractException.class, () -> registry.register("s", bad));
    assertThrows(ContractNotFoundException.class, () -> registry.latest("s"), "nothing was stored");
  }

  @Test
  void aSoftDeletedVersionIsHistoryButNeitherLatestNorFoundByLookUp() {
    MockContractRegistry registry = new MockContractRegistry("t");
    RegisteredSchema v1 = registry.register("s", SchemaDefinition.of("AVRO", V1));
    RegisteredSchema v2 = registry.register("s", SchemaDefinition.of("AVRO", V2));
    registry.deleteVersion("s", 2);
    assertEquals(v1, registry.latest("s"));
    assertTrue(registry.isDeleted("s", 2));
    assertEquals(v2, registry.byVersion("s", 2));
    assertEquals(V2, registry.byId(v2.id(), "s").schema());
    assertEquals(List.of(1, 2), registry.versions("s"));
    assertEquals(2, registry.versionOf("s", v2.id()));
    assertThrows(ContractNotFoundException.class, () -> registry.lookup("s", SchemaDefinition.of("AVRO", V2)));

    RegisteredSchema again = registry.register("s", SchemaDefinition.of("AVRO", V2));
    assertEquals(3, again.version(), "registering it again makes a new version, as the registry does");
    assertEquals(v2.id(), again.id());
    assertEquals(3, registry.versionOf("s", v2.id()));
  }

  @Test
  void theVersionOfAnIdBelongsToTheSubject() {
    MockContractRegistry registry = new MockContractRegistry("t");
    registry.register("a", SchemaDefinition.of("AVRO", V1));
    registry.register("b", SchemaDefinition.of("AVRO", "\"int\""));
    registry.register("b", SchemaDefinition.of("AVRO", "\"long\""));
    RegisteredSchema shared = registry.register("b", SchemaDefinition.of("AVRO", V2));
    assertEquals(shared.id(), registry.register("a", SchemaDefinition.of("AVRO", V2)).id());
    assertEquals(2, registry.versionOf("a", shared.id()));
    assertEquals(3, registry.versionOf("b", shared.id()));
    assertThrows(ContractNotFoundException.class, () -> registry.versionOf("a", 2));
  }

  @Test
  void scopesAreSharedByNameAndDroppable() {
    MockContractRegistry a = MockContractRegistry.scope("shared-scope-test");
    assertSame(a, MockContractRegistry.scope("shared-scope-test"));
    a.register("s", avro(V1, "1"));
    MockContractRegistry.dropScope("shared-scope-test");
    MockContractRegistry fresh = MockContractRegistry.scope("shared-scope-test");
    assertThrows(ContractNotFoundException.class, () -> fresh.latest("s"));
    MockContractRegistry.dropScope("shared-scope-test");
  }
}
