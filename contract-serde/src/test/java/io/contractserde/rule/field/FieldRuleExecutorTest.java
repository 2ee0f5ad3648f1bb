package io.contractserde.rule.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.format.shape.FieldType;
import io.contractserde.rule.RuleConditionException;
import io.contractserde.rule.RuleContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The walks an executor keeps between records: found again only for that very rule, transform and
 * shape, so a transform made per record, or another rule whose walk shares the slot, never runs
 * through a walk made for something else.
 */
class FieldRuleExecutorTest {
  private static final Set<String> PII = Set.of("PII");
  private static final FieldSelectionTest.MapRecord PERSON = new FieldSelectionTest.MapRecord("Person")
      .withFields("ssn", PII, new FieldSelectionTest.Leaf(FieldType.STRING),
          "id", Set.of(), new FieldSelectionTest.Leaf(FieldType.STRING));

  private final FieldRuleExecutor executor = new FieldRuleExecutor() {
    @Override
    public String type() {
      return "TEST_FIELD";
    }

    @Override
    protected FieldTransform newTransform(RuleContext ctx) {
      throw new UnsupportedOperationException("the tests hand their transforms to walk() themselves");
    }
  };

  private static Map<String, Object> person(String ssn) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ssn", ssn);
    m.put("id", "p-1");
    return m;
  }

  @Test
  void aTransformMadeOnceFindsItsWalkRecordAfterRecord() {
    Rule rule = Rule.of("mask", RuleKind.TRANSFORM, RuleMode.WRITE, "TEST_FIELD", null).withTags("PII");
    FieldTransform mask = (field, value) -> "***";
    FieldWalk first = executor.walk(rule, PERSON, mask, false);
    assertSame(first, executor.walk(rule, PERSON, mask, false), "no walk per record");
    assertEquals(person("***"), first.record(PERSON, person("123-45-6789")));
  }

  @Test
  void aTransformMadePerRecordRunsItselfNotTheOneBefore() {
    Rule rule = Rule.of("case", RuleKind.TRANSFORM, RuleMode.WRITE, "TEST_FIELD", null).withTags("PII");
    for (int i = 0; i < 4; i++) {
      String suffix = "-" + i;
      FieldTransform perRecord = (field, value) -> value + suffix; // captures this record's state
      Object written = executor.walk(rule, PERSON, perRecord, false).record(PERSON, person("s"));
      assertEquals(person("s" + suffix), written, "record " + i);
    }
  }

  /**
   * A transform made per record (CEL_FIELD's) gets a walk of its own each time, and the walk kept
   * for the rule stays: the shared slot is not written per record.
   */
  @Test
  void transformsMadePerRecordDoNotDisplaceTheWalkKeptForTheRule() {
    Rule rule = Rule.of("per_record", RuleKind.TRANSFORM, RuleMode.WRITE, "TEST_FIELD", null).withTags("PII");
    FieldTransform kept = (field, value) -> "kept";
    FieldWalk first = executor.walk(rule, PERSON, kept, false);
    for (int i = 0; i < 3; i++) {
      FieldTransform perRecord = (field, value) -> "per-record";
      assertEquals(person("per-record"), executor.walk(rule, PERSON, perRecord, false).record(PERSON, person("s")));
    }
    assertSame(first, executor.walk(rule, PERSON, kept, false));
  }

  /** Nine rules in eight slots: two share one, and each record still fails naming its own rule. */
  @Test
  void rulesSharingASlotKeepTheirOwnWalks() {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      rules.add(Rule.of("rule-" + i, RuleKind.CONDITION, RuleMode.WRITE, "TEST_FIELD", null).withTags("PII"));
    }
    FieldTransform never = (field, value) -> Boolean.FALSE;
    for (int round = 0; round < 2; round++) {
      for (Rule rule : rules) {
        RuleConditionException e = assertThrows(RuleConditionException.class,
            () -> executor.walk(rule, PERSON, never, true).record(PERSON, person("s")));
        assertTrue(e.getMessage().contains("'" + rule.name() + "'"), rule.name() + ": " + e.getMessage());
      }
    }
  }
}
