package io.contractserde.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One rule of a contract, as the registry stores it.
 *
 * <p>Defaults follow the registry: {@code kind} TRANSFORM, {@code mode} WRITEREAD, empty tags and
 * params. {@code onSuccess} / {@code onFailure} name actions (ERROR, NONE, DLQ, ...) and, for
 * WRITEREAD and UPDOWN rules, may be a comma pair: the first part for WRITE/UPGRADE, the second for
 * READ/DOWNGRADE.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rule(
    String name,
    String doc,
    RuleKind kind,
    RuleMode mode,
    String type,
    SortedSet<String> tags,
    SortedMap<String, String> params,
    String expr,
    String onSuccess,
    String onFailure,
    boolean disabled) {

  static final int MAX_NAME_LENGTH = 256;

  public Rule {
    kind = kind == null ? RuleKind.TRANSFORM : kind;
    mode = mode == null ? RuleMode.WRITEREAD : mode;
    tags = Collections2.sortedSet(tags);
    params = Collections2.sortedMap(params);
  }

  /** A rule with the given name, kind, mode, type and expression, and no actions, tags or params. */
  public static Rule of(String name, RuleKind kind, RuleMode mode, String type, String expr) {
    return new Rule(name, null, kind, mode, type, null, null, expr, null, null, false);
  }

  /** A copy with other actions. */
  public Rule withActions(String onSuccess, String onFailure) {
    return new Rule(name, doc, kind, mode, type, tags, params, expr, onSuccess, onFailure, disabled);
  }

  /** A copy with other params. */
  public Rule withParams(Map<String, String> params) {
    return new Rule(name, doc, kind, mode, type, tags, Collections2.sortedMap(params), expr,
        onSuccess, onFailure, disabled);
  }

  /** A copy applying to the fields with any of the given tags (field-level rules). */
  public Rule withTags(String... tags) {
    return new Rule(name, doc, kind, mode, type, new TreeSet<>(List.of(tags)), params, expr,
        onSuccess, onFailure, disabled);
  }

  /** A copy with the given doc. */
  public Rule withDoc(String doc) {
    return new Rule(name, doc, kind, mode, type, tags, params, expr, onSuccess, onFailure, disabled);
  }

  /**
   * Checks what a registry checks on registration.
   *
   * @throws InvalidContractException naming the problem and the rule
   */
  public void validate() {
    if (name == null) {
      throw new InvalidContractException("Missing rule name");
    }
    if (name.isEmpty()) {
      throw new InvalidContractException("Empty rule name");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidContractException("Rule name too long: " + name.substring(0, 32) + "...");
    }
    char first = name.charAt(0);
    if (!(Character.isLetter(first) || first == '_')) {
      throw new InvalidContractException("Illegal initial character in rule name: " + name);
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        throw new InvalidContractException("Illegal character in rule name: " + name);
      }
    }
    if (type == null || type.isBlank()) {
      throw new InvalidContractException("Missing rule type in rule " + name);
    }
    if (!mode.isBidirectional() && (hasComma(onSuccess) || hasComma(onFailure))) {
      throw new InvalidContractException(
          "Multiple actions only valid with WRITEREAD and UPDOWN, rule " + name + " has mode " + mode);
    }
  }

  private static boolean hasComma(String action) {
    return action != null && action.indexOf(',') >= 0;
  }
}
