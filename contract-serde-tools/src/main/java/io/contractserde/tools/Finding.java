package io.contractserde.tools;

import java.util.Objects;

/**
 * One problem (or observation) that {@link ContractVerifier} found in a contract.
 *
 * @param id stable kebab-case identifier of the kind of finding ({@code tag-pattern-matches-nothing}),
 *     listed in the README; safe to match on in CI
 * @param severity {@link Severity#ERROR} fails a verification, the others do not
 * @param subject the subject, or null for a finding about the whole folder
 * @param version the subject's version, or null for a finding about the subject or a pair of versions
 *     named in {@code location}
 * @param location where: a file, a JSON pointer into the schema, a rule name, a sample file
 * @param message what is wrong and what to change
 */
public record Finding(String id, Severity severity, String subject, Integer version, String location,
    String message) {

  /** How bad a finding is. */
  public enum Severity {
    /** The contract is broken: a producer or consumer would fail, or data would be lost. */
    ERROR,
    /** Probably a mistake, such as a tag pattern that matches no field. */
    WARNING,
    /** An observation, such as how many generated samples a domain rule rejects. */
    INFO
  }

  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  /** {@code subject v2 (location)}, as far as known, for text output. */
  public String where() {
    StringBuilder sb = new StringBuilder();
    if (subject != null) {
      sb.append(subject);
    }
    if (version != null) {
      sb.append(sb.length() > 0 ? " " : "").append('v').append(version);
    }
    if (location != null && !location.isEmpty()) {
      sb.append(sb.length() > 0 ? " " : "").append('(').append(location).append(')');
    }
    return sb.toString();
  }
}
