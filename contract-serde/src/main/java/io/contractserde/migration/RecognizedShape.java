package io.contractserde.migration;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONata migration expressions recognized as plain field operations, so that a plan made only
 * of them can run as schema resolution instead of in the interpreter:
 *
 * <ul>
 *   <li>{@code $} (identity);
 *   <li>{@code $sift($, function($v, $k) {$k != 'a'})} (drop {@code a});
 *   <li>{@code $merge([$sift($, function($v, $k) {$k != 'a'}), {'b': $.a}])} (rename {@code a} to
 *       {@code b}; the value may also be written {@code a} or {@code $lookup($, 'a')}).
 * </ul>
 *
 * White space does not matter; names are plain identifiers in single or double quotes. Anything
 * else is not recognized and stays in the interpreter.
 */
final class RecognizedShape {
  private static final String NAME = "([A-Za-z_][A-Za-z0-9_]*)";
  private static final String QUOTED = "(['\"])" + NAME + "\\";
  private static final String SIFT = "\\$sift\\(\\$,function\\(\\$v,\\$k\\)\\{\\$k!=" + QUOTED + "%d\\}\\)";
  private static final Pattern DROP = Pattern.compile(String.format(SIFT, 1));
  private static final Pattern RENAME = Pattern.compile("\\$merge\\(\\[" + String.format(SIFT, 1) + ",\\{"
      + QUOTED + "3:(?:\\$\\." + NAME + "|" + NAME + "|\\$lookup\\(\\$," + QUOTED + "7\\))\\}\\]\\)");

  private RecognizedShape() {}

  /** A field operation of a recognized expression. */
  sealed interface FieldOp permits Identity, Drop, Rename {}

  record Identity() implements FieldOp {}

  record Drop(String field) implements FieldOp {}

  record Rename(String from, String to) implements FieldOp {}

  /** The operation an expression performs, or empty when it is not one of the recognized shapes. */
  static Optional<FieldOp> of(String expr) {
    if (expr == null) {
      return Optional.empty();
    }
    String compact = withoutWhitespace(expr);
    if (compact.equals("$")) {
      return Optional.of(new Identity());
    }
    Matcher drop = DROP.matcher(compact);
    if (drop.matches()) {
      return Optional.of(new Drop(drop.group(2)));
    }
    Matcher rename = RENAME.matcher(compact);
    if (rename.matches()) {
      String sifted = rename.group(2);
      String to = rename.group(4);
      String from = firstNonNull(rename.group(5), rename.group(6), rename.group(8));
      if (sifted.equals(from)) {
        return Optional.of(new Rename(from, to));
      }
    }
    return Optional.empty();
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** The expression without white space outside string literals. */
  private static String withoutWhitespace(String expr) {
    StringBuilder sb = new StringBuilder(expr.length());
    char quote = 0;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (quote != 0) {
        sb.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        sb.append(c);
      } else if (!Character.isWhitespace(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
