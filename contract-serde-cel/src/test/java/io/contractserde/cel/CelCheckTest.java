package io.contractserde.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code RuleExecutor.check} of the CEL executors: an expression is compiled with the declarations
 * the executor uses, guard included, without running it; contract-serde-tools reports the result.
 */
class CelCheckTest {

  private static Rule rule(String type, String expr) {
    return Rule.of("r", RuleKind.CONDITION, RuleMode.WRITE, type, expr);
  }

  @Test
  void anExpressionThatCompilesHasNoProblem() {
    assertEquals(Optional.empty(), new CelExecutor().check(rule("CEL", "message.age >= 0 && now > timestamp(0)")));
    assertEquals(Optional.empty(), new CelFieldExecutor().check(rule("CEL_FIELD", "typeName == 'STRING' ; value != ''")));
  }

  @Test
  void aTypoIsReportedWithTheCompilersMessage() {
    String problem = new CelExecutor().check(rule("CEL", "message.age >=")).orElseThrow();
    assertTrue(problem.startsWith("Could not compile expression 'message.age >=': "), problem);
  }

  @Test
  void theGuardIsCompiledTooUnlessTheRuleSaysTheSemicolonIsPartOfTheExpression() {
    assertTrue(new CelFieldExecutor().check(rule("CEL_FIELD", "nme == 'ssn' ; 'x'")).isPresent(),
        "an undeclared variable in the guard");
    Rule semicolonInString = rule("CEL", "message.s == 'a;b'").withParams(Map.of(CelExecutor.IGNORE_GUARD_SEPARATOR, "true"));
    assertEquals(Optional.empty(), new CelExecutor().check(semicolonInString));
    assertTrue(new CelExecutor().check(rule("CEL", "message.s == 'a;b'")).isPresent(), "split at the ; by default");
  }

  @Test
  void aRuleWithoutExpressionIsAProblem() {
    assertEquals(Optional.of("The rule has no expression"), new CelExecutor().check(rule("CEL", " ")));
  }
}
