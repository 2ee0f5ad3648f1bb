package io.contractserde.rule.regex;

import io.contractserde.rule.RuleException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.MatchResult;
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
 * <p>The engine also recurses once per repetition of a group with alternatives or a quantified
 * body, so {@code ^(\w|-)+$} overflows a thread's usual 1 MB stack on a value of a few thousand
 * characters. When an operation of this class overflows the stack, it runs again on a dedicated
 * daemon thread whose stack is sized for the input ({@value #STACK_PER_CHAR} bytes a character,
 * at least 16 MB, at most 256 MB: reserved address space, committed only as it is used), under the
 * same deadline; when even that stack is not enough it ends with {@link InputTooLong}. Only
 * {@link #matcher} has no such second attempt.
 *
 * <p>Immutable and thread-safe; a {@link Matcher} from {@link #matcher} is for one thread and one
 * call. Used by every rule executor that runs regular expressions: CEL's {@code matches}, JSONata's
 * {@code $match}, {@code $contains}, {@code $replace} and {@code $split}.
 */
public final class BoundedRegex {
  /** How many characters the engine reads between two looks at the clock. */
  static final int CHECK_EVERY = 1024;
  /** The stack a deep run is given for each character of its input. */
  static final int STACK_PER_CHAR = 1024;
  /** The least stack a deep run is given. */
  static final long MIN_STACK = 16L << 20;
  /** The most stack a deep run is given: past it, the input is too long for the pattern. */
  static final long MAX_STACK = 256L << 20;
  /** How long past the deadline the caller waits for a deep run to notice it. */
  private static final long GRACE_MILLIS = 100;

  private final Pattern pattern;
  private final long maxStack;

  private BoundedRegex(Pattern pattern, long maxStack) {
    this.pattern = pattern;
    this.maxStack = maxStack;
  }

  private BoundedRegex(Pattern pattern) {
    this(pattern, MAX_STACK);
  }

  /** {@link #compile} with a smaller largest stack, for tests of {@link InputTooLong}. */
  static BoundedRegex compile(String regex, long maxStack) {
    return new BoundedRegex(Pattern.compile(regex), maxStack);
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
   * (find, matches, replaceAll, ...) is still running when {@code bound} has passed since now. Its
   * calls run on the caller's stack only: a pattern that recurses deeply on a long input overflows
   * it, where the other methods of this class take a deeper stack.
   */
  public Matcher matcher(CharSequence input, Duration bound) {
    return pattern.matcher(new Deadline(input, this, bound));
  }

  /** True when the whole of {@code input} matches, decided within {@code bound}. */
  public boolean matches(CharSequence input, Duration bound) {
    Deadline deadline = new Deadline(input, this, bound);
    try {
      return pattern.matcher(deadline).matches();
    } catch (StackOverflowError e) {
      return deeper(deadline, text -> pattern.matcher(text).matches());
    }
  }

  /** True when some part of {@code input} matches, decided within {@code bound}. */
  public boolean find(CharSequence input, Duration bound) {
    Deadline deadline = new Deadline(input, this, bound);
    try {
      return pattern.matcher(deadline).find();
    } catch (StackOverflowError e) {
      return deeper(deadline, text -> pattern.matcher(text).find());
    }
  }

  /** Every match in {@code input}, in order, as {@link Matcher#results()} gives them, within {@code bound}. */
  public List<MatchResult> results(CharSequence input, Duration bound) {
    Deadline deadline = new Deadline(input, this, bound);
    try {
      return pattern.matcher(deadline).results().toList();
    } catch (StackOverflowError e) {
      return deeper(deadline, text -> pattern.matcher(text).results().toList());
    }
  }

  /** {@link Matcher#replaceAll(String)} over {@code input}, within {@code bound}. */
  public String replaceAll(CharSequence input, String replacement, Duration bound) {
    Deadline deadline = new Deadline(input, this, bound);
    try {
      return pattern.matcher(deadline).replaceAll(replacement);
    } catch (StackOverflowError e) {
      return deeper(deadline, text -> pattern.matcher(text).replaceAll(replacement));
    }
  }

  /** {@link Matcher#replaceFirst(String)} over {@code input}, within {@code bound}. */
  public String replaceFirst(CharSequence input, String replacement, Duration bound) {
    Deadline deadline = new Deadline(input, this, bound);
    try {
      return pattern.matcher(deadline).replaceFirst(replacement);
    } catch (StackOverflowError e) {
      return deeper(deadline, text -> pattern.matcher(text).replaceFirst(replacement));
    }
  }

  /**
   * {@link Matcher#replaceAll(Function)} over {@code input}, within {@code bound}. The
   * {@code replacer} always runs on the caller's thread, so it may rely on the caller's context
   * (thread-locals included).
   */
  public String replaceAll(CharSequence input, Function<MatchResult, String> replacer, Duration bound) {
    Deadline deadline = new Deadline(input, this, bound);
    try {
      return pattern.matcher(deadline).replaceAll(replacer);
    } catch (StackOverflowError e) {
      // Matched on the deep stack, replaced here, and the same matches replaced there again.
      List<String> replacements = deeper(deadline, text -> pattern.matcher(text).results().toList()).stream()
          .map(replacer)
          .toList();
      return deeper(deadline, text -> {
        Iterator<String> next = replacements.iterator();
        return pattern.matcher(text).replaceAll(match -> next.next());
      });
    }
  }

  /**
   * The input split around the pattern's matches, as {@link Pattern#split(CharSequence, int)}
   * does, within {@code bound}.
   */
  public String[] split(CharSequence input, int limit, Duration bound) {
    Deadline deadline = new Deadline(input, this, bound);
    try {
      return pattern.split(deadline, limit);
    } catch (StackOverflowError e) {
      return deeper(deadline, text -> pattern.split(text, limit));
    }
  }

  /**
   * Runs {@code operation} again on a thread whose stack is sized for the input, under the
   * deadline of {@code first}, and returns its answer; the caller waits at most until that
   * deadline (and a little more for the thread to notice it). The thread is a daemon, inherits no
   * thread-locals, and ends with the operation: the operation must not need the caller's context.
   *
   * @throws InputTooLong when even the largest stack overflows
   * @throws BoundExceeded when the deadline passes first
   */
  private <T> T deeper(Deadline first, Function<CharSequence, T> operation) {
    int length = first.length();
    long stack = Math.min(Math.max((long) length * STACK_PER_CHAR, MIN_STACK), maxStack);
    while (true) {
      AtomicReference<Object> outcome = new AtomicReference<>();
      Deadline again = first.again();
      Thread thread = new Thread(null, () -> {
        try {
          outcome.set(new Answer(operation.apply(again)));
        } catch (Throwable t) {
          outcome.set(t);
        }
      }, "contract-serde-deep-regex", stack, false);
      thread.setDaemon(true);
      thread.start();
      try {
        long left = first.deadline - System.nanoTime();
        // The thread stops itself at the deadline (its input checks the clock); the margin lets it.
        thread.join(Math.max(1, left / 1_000_000 + 1 + GRACE_MILLIS));
      } catch (InterruptedException e) {
        thread.interrupt();
        Thread.currentThread().interrupt();
        throw new BoundExceeded(this, length, first.bound);
      }
      Object result = outcome.get();
      if (result == null) {
        thread.interrupt();
        throw new BoundExceeded(this, length, first.bound);
      }
      if (result instanceof Answer answer) {
        @SuppressWarnings("unchecked")
        T value = (T) answer.value();
        return value;
      }
      if (result instanceof StackOverflowError) {
        if (stack < maxStack) {
          stack = maxStack;
          continue;
        }
        throw new InputTooLong(this, length, maxStack);
      }
      if (result instanceof RuntimeException e) {
        throw e;
      }
      throw (Error) result;
    }
  }

  /** What an operation on the deep stack returned (which may be null). */
  private record Answer(Object value) {}

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
  public static class BoundExceeded extends RuleException {
    BoundExceeded(BoundedRegex regex, int length, Duration bound) {
      this("The regular expression '" + regex.pattern.pattern() + "' exceeded its bound of " + bound.toMillis()
          + " ms on an input of " + length + " characters (catastrophic backtracking?)");
    }

    private BoundExceeded(String message) {
      super(message);
    }
  }

  /**
   * The engine recursed deeper on the input than even the largest stack allows: the input is too
   * long for this pattern. A {@link BoundExceeded} (the bound on depth), so it fails the rule as a
   * time bound does; the message names the pattern and the input's length, never the input.
   */
  public static final class InputTooLong extends BoundExceeded {
    InputTooLong(BoundedRegex regex, int length, long maxStack) {
      super("The regular expression '" + regex.pattern.pattern() + "' recursed past the largest stack ("
          + (maxStack >> 20) + " MB) on an input of " + length + " characters: the input is too long for this pattern");
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
      this(text, regex, bound, System.nanoTime() + bound.toNanos());
    }

    private Deadline(CharSequence text, BoundedRegex regex, Duration bound, long deadline) {
      this.text = text;
      this.regex = regex;
      this.bound = bound;
      this.deadline = deadline;
    }

    /** The same input and deadline, for another run (on another thread). */
    Deadline again() {
      return new Deadline(text, regex, bound, deadline);
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
