package io.contractserde.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Strings that match a regular expression, for JSON Schema's {@code pattern}: literals, escapes
 * ({@code \d \w \s}), classes with ranges, {@code .}, groups with alternation and the quantifiers
 * {@code ? * + {n} {n,} {n,m}}. Anything else (negated classes, look-around, back-references)
 * gives up, and so does a result that {@link Pattern} does not confirm.
 */
final class RegexSamples {
  private static final String WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
  private static final String ANY = WORD + " -.";

  private final Random random;
  private String src;
  private int pos;

  RegexSamples(Random random) {
    this.random = random;
  }

  /** A string in which {@code regex} finds a match, or null when the generator cannot tell. */
  String next(String regex) {
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        src = regex;
        pos = 0;
        if (src.startsWith("^")) {
          pos = 1;
        }
        StringBuilder out = new StringBuilder();
        alternation(out);
        if (pos < src.length() && !(src.charAt(pos) == '$' && pos == src.length() - 1)) {
          return null;
        }
        String s = out.toString();
        if (Pattern.compile(regex).matcher(s).find()) {
          return s;
        }
      } catch (Unsupported | RuntimeException e) {
        return null;
      }
    }
    return null;
  }

  private static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private void alternation(StringBuilder out) throws Unsupported {
    List<StringBuilder> branches = new ArrayList<>();
    while (true) {
      StringBuilder branch = new StringBuilder();
      sequence(branch);
      branches.add(branch);
      if (pos < src.length() && src.charAt(pos) == '|') {
        pos++;
        continue;
      }
      break;
    }
    out.append(branches.get(random.nextInt(branches.size())));
  }

  private void sequence(StringBuilder out) throws Unsupported {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '|' || c == ')') {
        return;
      }
      if (c == '$' && pos == src.length() - 1) {
        return;
      }
      int atomStart = pos;
      atom(new StringBuilder());
      int atomEnd = pos;
      int[] range = quantifier();
      int times = range[0] + (range[1] > range[0] ? random.nextInt(Math.min(range[1], range[0] + 4) - range[0] + 1) : 0);
      int after = pos;
      for (int i = 0; i < times; i++) {
        pos = atomStart;
        atom(out);
        if (pos != atomEnd) {
          throw new Unsupported();
        }
      }
      pos = after;
    }
  }

  private int[] quantifier() throws Unsupported {
    if (pos >= src.length()) {
      return new int[] {1, 1};
    }
    char c = src.charAt(pos);
    int[] range;
    switch (c) {
      case '?' -> range = new int[] {0, 1};
      case '*' -> range = new int[] {0, 3};
      case '+' -> range = new int[] {1, 4};
      case '{' -> {
        int close = src.indexOf('}', pos);
        if (close < 0) {
          throw new Unsupported();
        }
        String body = src.substring(pos + 1, close);
        String[] parts = body.split(",", -1);
        try {
          int min = Integer.parseInt(parts[0].trim());
          int max = parts.length == 1 ? min : parts[1].isBlank() ? min + 3 : Integer.parseInt(parts[1].trim());
          range = new int[] {min, max};
        } catch (NumberFormatException e) {
          throw new Unsupported();
        }
        pos = close;
      }
      default -> {
        return new int[] {1, 1};
      }
    }
    pos++;
    if (pos < src.length() && (src.charAt(pos) == '?' || src.charAt(pos) == '+')) {
      pos++;
    }
    return range;
  }

  private void atom(StringBuilder out) throws Unsupported {
    char c = src.charAt(pos++);
    switch (c) {
      case '(' -> {
        if (src.startsWith("?:", pos)) {
          pos += 2;
        } else if (pos < src.length() && src.charAt(pos) == '?') {
          throw new Unsupported();
        }
        alternation(out);
        if (pos >= src.length() || src.charAt(pos) != ')') {
          throw new Unsupported();
        }
        pos++;
      }
      case '[' -> out.append(characterClass());
      case '.' -> out.append(ANY.charAt(random.nextInt(ANY.length())));
      case '\\' -> out.append(escape(src.charAt(pos++)));
      case '^', '$', '*', '+', '?', '{', ')' -> throw new Unsupported();
      default -> out.append(c);
    }
  }

  private char escape(char e) throws Unsupported {
    return switch (e) {
      case 'd' -> (char) ('0' + random.nextInt(10));
      case 'w' -> WORD.charAt(random.nextInt(WORD.length()));
      case 's' -> ' ';
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'D', 'W', 'S', 'b', 'B', 'p', 'P', 'u', 'x', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> throw new Unsupported();
      default -> e;
    };
  }

  private char characterClass() throws Unsupported {
    if (pos < src.length() && src.charAt(pos) == '^') {
      throw new Unsupported();
    }
    StringBuilder choices = new StringBuilder();
    boolean first = true;
    while (pos < src.length() && (src.charAt(pos) != ']' || first)) {
      first = false;
      char c = src.charAt(pos++);
      if (c == '\\') {
        char e = src.charAt(pos++);
        switch (e) {
          case 'd' -> choices.append("0123456789");
          case 'w' -> choices.append(WORD);
          case 's' -> choices.append(' ');
          default -> choices.append(escape(e));
        }
        continue;
      }
      if (pos + 1 < src.length() && src.charAt(pos) == '-' && src.charAt(pos + 1) != ']') {
        char to = src.charAt(pos + 1);
        pos += 2;
        for (char x = c; x <= to && choices.length() < 10_000; x++) {
          choices.append(x);
        }
      } else {
        choices.append(c);
      }
    }
    if (pos >= src.length() || choices.length() == 0) {
      throw new Unsupported();
    }
    pos++;
    return choices.charAt(random.nextInt(choices.length()));
  }
}
