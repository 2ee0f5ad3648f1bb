package io.contractserde.rule.regex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.rule.RuleException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A bounded regular expression: java.util.regex syntax (look-around, back-references), and a
 * catastrophic pattern ends within its bound with a message that names the pattern, never the input.
 */
class BoundedRegexTest {
  private static final Duration BOUND = Duration.ofMillis(200);
  private static final String HOSTILE = "a".repeat(50) + "!";

  @Test
  void lookAroundAndBackReferencesWork() {
    BoundedRegex iban = BoundedRegex.compile("^(?=[A-Z0-9]{15,34}$)[A-Z]{2}\\d{2}[A-Z0-9]+$");
    assertTrue(iban.matches("DE89370400440532013000", BOUND));
    assertFalse(iban.matches("DE89", BOUND));
    BoundedRegex doubled = BoundedRegex.compile("\\b(\\w+) \\1\\b");
    assertTrue(doubled.find("it is is so", BOUND));
    assertFalse(doubled.find("it is so", BOUND));
    assertArrayEquals(new String[] {"a", "b", "c"}, BoundedRegex.compile(",").split("a,b,c", -1, BOUND));
  }

  @Test
  void catastrophicBacktrackingEndsWithinTheBoundNamingThePatternNotTheInput() {
    String secret = "a".repeat(40) + "SECRET!";
    BoundedRegex.BoundExceeded e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(BoundedRegex.BoundExceeded.class, () -> BoundedRegex.compile("(a+)+\\1$").find(secret, BOUND)));
    assertEquals("The regular expression '(a+)+\\1$' exceeded its bound of 200 ms on an input of 47 characters"
        + " (catastrophic backtracking?)", e.getMessage());
    assertFalse(e.getMessage().contains("SECRET"));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(BoundedRegex.BoundExceeded.class,
        () -> BoundedRegex.compile("^(.*a){10}$").matches(HOSTILE, BOUND)));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(BoundedRegex.BoundExceeded.class,
        () -> BoundedRegex.compile("(.*a){10}#").split(HOSTILE, -1, BOUND)));
  }

  @Test
  void nestedQuantifiersThatJavaRunsInLinearTimeJustAnswer() {
    // Java's engine remembers failed positions of greedy loops without back-references: (a+)+$ is fast.
    assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> BoundedRegex.compile("^(a+)+$").find(HOSTILE, BOUND)));
  }

  @Test
  void theBoundIsARuleExceptionFoundAmongCauses() {
    RuleException bound = assertThrows(BoundedRegex.BoundExceeded.class,
        () -> BoundedRegex.compile("^(.*a){10}$").matcher(HOSTILE, Duration.ofMillis(1)).replaceAll("x"));
    RuntimeException wrapped = new RuntimeException("wrapper", new IllegalStateException(bound));
    assertSame(bound, BoundedRegex.exceeded(wrapped));
    assertEquals(null, BoundedRegex.exceeded(new RuntimeException("other")));
  }
}
