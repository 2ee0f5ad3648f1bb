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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import org.junit.jupiter.api.Test;

/**
 * A bounded regular expression: java.util.regex syntax (look-around, back-references), and a
 * catastrophic pattern ends within its bound with a message that names the pattern, never the input;
 * a pattern the engine recurses on once per character answers on an input far longer than an
 * ordinary thread's stack allows, or, past the largest stack, fails naming the input's length.
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

  @Test
  void aPatternThatRecursesPerCharacterAnswersOnALongInputThroughADeeperStack() {
    String valid = "ab-c".repeat(50_000);
    BoundedRegex deep = BoundedRegex.compile("^(\\w|-)+$");
    // On the caller's stack alone (what matcher gives), the engine overflows.
    assertThrows(StackOverflowError.class, () -> deep.matcher(valid, BOUND).matches());
    Duration bound = Duration.ofSeconds(5);
    assertTrue(deep.matches(valid, bound));
    assertFalse(deep.matches(valid + "!", bound));
    assertTrue(deep.find(valid, bound));
    List<MatchResult> results = deep.results(valid, bound);
    assertEquals(1, results.size());
    assertEquals(valid.length(), results.get(0).end());
    assertEquals("ok", deep.replaceAll(valid, "ok", bound));
    assertEquals("ok", deep.replaceFirst(valid, "ok", bound));
    assertArrayEquals(new String[] {"", ""}, deep.split(valid, -1, bound));
    Thread caller = Thread.currentThread();
    List<Thread> replacedOn = new ArrayList<>();
    assertEquals("c$", deep.replaceAll(valid, match -> {
      replacedOn.add(Thread.currentThread());
      return "$1\\$";
    }, bound));
    assertEquals(List.of(caller), replacedOn);
    assertNoDeepRegexThreadLeft();
  }

  @Test
  void anInputTooLongForTheLargestStackFailsNamingThePatternAndTheLengthNotTheValue() {
    String secret = "SECRET" + "ab-c".repeat(25_000);
    BoundedRegex small = BoundedRegex.compile("^(\\w|-)+$", 2L << 20);
    BoundedRegex.BoundExceeded e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(BoundedRegex.InputTooLong.class, () -> small.matches(secret, Duration.ofSeconds(5))));
    assertEquals("The regular expression '^(\\w|-)+$' recursed past the largest stack (2 MB) on an input of 100006"
        + " characters: the input is too long for this pattern", e.getMessage());
    assertFalse(e.getMessage().contains("SECRET"));
    assertSame(e, BoundedRegex.exceeded(new RuntimeException(e)));
    assertNoDeepRegexThreadLeft();
  }

  @Test
  void aCatastrophicPatternThatAlsoRecursesDeeplyStillEndsWithinTheBound() {
    String hostile = "a".repeat(20_000) + "!";
    BoundedRegex both = BoundedRegex.compile("^(a|aa)+\\1$");
    assertThrows(StackOverflowError.class, () -> both.matcher(hostile, BOUND).find());
    long start = System.nanoTime();
    BoundedRegex.BoundExceeded e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(BoundedRegex.BoundExceeded.class, () -> both.find(hostile, BOUND)));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 2_000, "ended after " + millis + " ms");
    assertEquals("The regular expression '^(a|aa)+\\1$' exceeded its bound of 200 ms on an input of 20001 characters"
        + " (catastrophic backtracking?)", e.getMessage());
    assertNoDeepRegexThreadLeft();
  }

  /** The deep runs' threads end with their operation: none is left behind (a short wait for exit). */
  private static void assertNoDeepRegexThreadLeft() {
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("contract-serde-deep-regex"))) {
      assertTrue(System.nanoTime() < until, "a contract-serde-deep-regex thread is still alive");
      Thread.onSpinWait();
    }
  }
}
