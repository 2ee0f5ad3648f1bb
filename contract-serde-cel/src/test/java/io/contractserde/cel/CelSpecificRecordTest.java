package io.contractserde.cel;

import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.cel.testdata.Member;
import io.contractserde.cel.testdata.Tier;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CEL rules on generated (specific) Avro classes: read as maps, rebuilt as the same class. */
class CelSpecificRecordTest {
  private final String scope = "cel-specific-" + System.nanoTime();
  private final String url = "mock://" + scope;

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private void register(Rule... rules) {
    MockContractRegistry.scope(scope).register("members-value",
        SchemaDefinition.of("AVRO", Member.SCHEMA$.toString()).withRuleSet(RuleSet.ofDomainRules(List.of(rules))));
  }

  private byte[] write(Member member) {
    try (AvroContractSerializer<Member> serializer = new AvroContractSerializer<>(props(url), false)) {
      return serializer.serialize("members", member);
    }
  }

  private Member read(byte[] bytes) {
    try (AvroContractDeserializer<Object> deserializer =
        new AvroContractDeserializer<>(props(url, "specific.avro.reader", true), false)) {
      return assertInstanceOf(Member.class, deserializer.deserialize("members", bytes));
    }
  }

  @Test
  void aConditionSeesTheGeneratedEnumAsItsSymbol() {
    register(Rule.of("gold_has_points", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
        "message.tier != 'GOLD' || message.points >= 1000"));
    assertEquals(Tier.GOLD, read(write(new Member("m-1", "a@b.io", 1500, Tier.GOLD))).tier);
    assertThrows(RuleFailedException.class, () -> write(new Member("m-2", "a@b.io", 10, Tier.GOLD)));
  }

  @Test
  void aFieldTransformOnWriteCopiesTheGeneratedRecord() {
    register(Rule.of("mask", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "'***'").withTags("PII"));
    Member member = new Member("m-1", "a@b.io", 10, Tier.BASIC);
    Member read = read(write(member));
    assertEquals("a@b.io", member.email, "the caller's record is not modified");
    assertEquals("***", read.email.toString());
    assertEquals("m-1", read.id.toString());
  }

  @Test
  void aFieldConditionChecksTheGeneratedRecordsTaggedFields() {
    register(Rule.of("email", RuleKind.CONDITION, RuleMode.WRITEREAD, "CEL_FIELD", "value.isEmail()").withTags("PII"));
    assertEquals("a@b.io", read(write(new Member("m-1", "a@b.io", 10, Tier.BASIC))).email.toString());
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> write(new Member("m-2", "not-an-email", 10, Tier.BASIC)));
    assertTrue(e.getMessage().contains("(field 'io.contractserde.cel.testdata.Member.email')"), e.getMessage());
  }

  @Test
  void readTransformsHandBackTheGeneratedClassWithItsEnum() {
    register(
        Rule.of("promote", RuleKind.TRANSFORM, RuleMode.READ, "CEL", """
            message.points >= 1000; {'id': message.id, 'email': message.email, 'points': message.points,
             'tier': 'GOLD'}"""),
        Rule.of("lower", RuleKind.TRANSFORM, RuleMode.READ, "CEL_FIELD", "value.lowerAscii()").withTags("PII"));
    Member promoted = read(write(new Member("m-1", "A@B.io", 1200, Tier.BASIC)));
    assertEquals(Tier.GOLD, promoted.tier);
    assertEquals("a@b.io", promoted.email.toString());
    Member basic = read(write(new Member("m-2", "C@D.io", 5, Tier.BASIC)));
    assertEquals(Tier.BASIC, basic.tier, "the guard did not hold");
  }
}
