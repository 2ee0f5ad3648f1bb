package io.contractserde.rule.jsonata;

import java.util.regex.Pattern;

/**
 * Every regular expression of a compiled JSONata expression is made here, and only here, so that
 * the matcher behind them can be swapped in one place (for one bounded in time).
 */
final class JsonataRegex {
  private JsonataRegex() {}

  /** The pattern of a regex literal {@code /pattern/flags}; the flags are {@code i} and {@code m}. */
  static Pattern compile(String pattern, String flags) {
    int f = 0;
    if (flags.indexOf('i') >= 0) {
      f |= Pattern.CASE_INSENSITIVE;
    }
    if (flags.indexOf('m') >= 0) {
      f |= Pattern.MULTILINE;
    }
    return Pattern.compile(pattern, f);
  }
}
