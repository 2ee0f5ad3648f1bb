package io.contractserde.format.shape;

import io.contractserde.contract.RegisteredSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * A contract's {@code metadata.tags}, compiled: path patterns over field full names, where
 * {@code ?} is one character and {@code *} any characters within a dot-separated segment and
 * {@code **} any characters across segments ({@code **.ssn}, {@code example.User.*}). Compiled
 * once per contract; formats use it while they build their shapes, so no record pays for it.
 */
public final class TagPatterns {
  /** The schema property that holds a field's inline tags, as in the incumbent. */
  public static final String INLINE_TAGS = "confluent:tags";

  /** No patterns: every field has only its inline tags. */
  public static final TagPatterns NONE = new TagPatterns(List.of());

  private final List<Entry> entries;

  private TagPatterns(List<Entry> entries) {
    this.entries = entries;
  }

  /** Compiles a contract's {@code metadata.tags}. */
  public static TagPatterns of(RegisteredSchema contract) {
    return contract.metadata() == null ? NONE : compile(contract.metadata().tags());
  }

  /** Compiles {@code metadata.tags} (pattern to tags). */
  public static TagPatterns compile(Map<String, ? extends SortedSet<String>> tags) {
    if (tags == null || tags.isEmpty()) {
      return NONE;
    }
    List<Entry> entries = new ArrayList<>(tags.size());
    tags.forEach((pattern, set) -> entries.add(new Entry(toRegex(pattern), Set.copyOf(set))));
    return new TagPatterns(List.copyOf(entries));
  }

  /** The tags of a field: its inline tags and those of every pattern matching its full name. */
  public Set<String> tagsOf(String fullName, Set<String> inlineTags) {
    Set<String> tags = null;
    for (Entry e : entries) {
      if (e.pattern.matcher(fullName).matches()) {
        if (tags == null) {
          tags = new LinkedHashSet<>(inlineTags);
        }
        tags.addAll(e.tags);
      }
    }
    return tags == null ? inlineTags : Collections.unmodifiableSet(tags);
  }

  /** True when {@code fullName} matches the wildcard {@code pattern}. */
  public static boolean matches(String pattern, String fullName) {
    return toRegex(pattern).matcher(fullName).matches();
  }

  private static Pattern toRegex(String glob) {
    String src = glob.replace("**.*", "**");
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c != '*' && c != '?') {
        literal.append(c);
        continue;
      }
      if (literal.length() > 0) {
        regex.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
      }
      if (c == '?') {
        regex.append("[^.]");
      } else if (i + 1 < src.length() && src.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else {
        regex.append("[^.]*");
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private record Entry(Pattern pattern, Set<String> tags) {}
}
