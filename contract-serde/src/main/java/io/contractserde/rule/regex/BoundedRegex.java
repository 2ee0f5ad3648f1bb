package io.contractserde.rule.regex;

import io.contractserde.rule.RuleException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression of a rule ({@link java.util.regex} syntax: look-around, back-references and
 * possessive quantifiers included, as in the incumbent's default engine) whose matching is bounded
 * in time. A backtracking engine can take exponential time on a crafted input ({@code (a+)+$} on a
 * long run of {@code a} and a {@code !}); here the input is read through a {@code CharSequence}
 * that checks the clock every {@value #CHECK_EVERY} characters the engine reads, so a match that
 * runs past its deadline ends with {@link BoundExceeded}, naming the pattern and the input's
 * length, never the input.
 *
 * <p>Immutable and thread-safe; a {@link Matcher} from {@link #matcher} is for one thread and one
 * call. Used by every rule executor that runs regular expressions: CEL's {@code matches}, JSONata's
 * {@code $match}, {@code $contains}, {@code $replace} and {@code $split}.
 */
public final class BoundedRegex {
  /** How many characters the engine reads between two looks at the clock. */
  static final int CHECK_EVERY = 1024;

  private final Pattern pattern;

  private BoundedRegex(Pattern pattern) {
    this.pattern = pattern;
  }

  /**
   * Compiles {@code regex}.
   *
   * @throws PatternSyntaxException when it is not a valid {@link java.util.regex} pattern
   */
  public static BoundedRegex compile(String regex) {
    return new BoundedRegex(Pattern.compile(regex));
  }

  /** A bounded view of an already compiled pattern (a JSONata regex literal, say). */
  public static BoundedRegex of(Pattern pattern) {
    return new BoundedRegex(pattern);
  }

  /** The pattern. */
  public Pattern pattern() {
    return pattern;
  }

  /**
   * A matcher over {@code input} that throws {@link BoundExceeded} from whatever matching call
   * (find, matches, replaceAll, ...) is still running when {@code bound} has passed since now.
   */
  public Matcher matcher(CharSequence input, Duration bound) {
    return pattern.matcher(new Deadline(input, this, bound));
  }

  /** True when the whole of {@code input} matches, decided within {@code bound}. */
  public boolean matches(CharSequence input, Duration bound) {
    return matcher(input, bound).matches();
  }

  /** True when some part of {@code input} matches, decided within {@code bound}. */
  public boolean find(CharSequence input, Duration bound) {
    return matcher(input, bound).find();
  }

  /**
   * The input split around the pattern's matches, as {@link Pattern#split(CharSequence, int)}
   * does, within {@code bound}.
   */
  public String[] split(CharSequence input, int limit, Duration bound) {
    return pattern.split(new Deadline(input, this, bound), limit);
  }

  /** Finds {@code cause} or one of its causes that is a {@link BoundExceeded}, or null. */
  public static BoundExceeded exceeded(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BoundExceeded e) {
        return e;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "BoundedRegex[" + pattern.pattern() + "]";
  }

  /**
   * A match ran past its time bound. The message names the pattern (contract text) and the
   * length of the input, never the input; the rule's onFailure action decides what follows.
   */
  public static final class BoundExceeded extends RuleException {
    BoundExceeded(BoundedRegex regex, int length, Duration bound) {
      super("The regular expression '" + regex.pattern.pattern() + "' exceeded its bound of " + bound.toMillis()
          + " ms on an input of " + length + " characters (catastrophic backtracking?)");
    }
  }

  /** The input as the engine reads it: every {@value #CHECK_EVERY} characters, a look at the clock. */
  private static final class Deadline implements CharSequence {
    private final CharSequence text;
    private final BoundedRegex regex;
    private final Duration bound;
    private final long deadline;
    private int reads;

    Deadline(CharSequence text, BoundedRegex regex, Duration bound) {
      this.text = text;
      this.regex = regex;
      this.bound = bound;
      this.deadline = System.nanoTime() + bound.toNanos();
    }

    @Override
    public char charAt(int index) {
      if (++reads % CHECK_EVERY == 0 && System.nanoTime() - deadline > 0) {
        throw new BoundExceeded(regex, text.length(), bound);
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
