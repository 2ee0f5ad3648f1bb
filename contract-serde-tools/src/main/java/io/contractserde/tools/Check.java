package io.contractserde.tools;

import io.contractserde.tools.Finding.Severity;

/**
 * Every kind of finding, with its stable id, severity and what it means: the README's table of
 * finding ids is built from this list (and drift-tested).
 */
enum Check {
  CONTRACT_FILE_INVALID("contract-file-invalid", Severity.ERROR,
      "A file of the folder is not a contract the `file://` registry loads: its name is not `<version>.json`,"
          + " it is not JSON, or it lacks an integer `id` or a `schema`."),
  DUPLICATE_ID("duplicate-id", Severity.ERROR, "Two contract files of the folder use the same `id`."),
  SUBJECT_CONFIG_INVALID("subject-config-invalid", Severity.ERROR,
      "`<subject>/config.json` is not a JSON object, or names an unknown `compatibility`."),
  SCHEMA_DOES_NOT_PARSE("schema-does-not-parse", Severity.ERROR,
      "The schema does not parse in its format (or the format is not supported)."),
  REFERENCE_UNRESOLVED("reference-unresolved", Severity.ERROR,
      "A schema reference names a subject and version that does not exist."),
  RULE_SET_INVALID("rule-set-invalid", Severity.ERROR,
      "The rule set fails the registry's validation: rule name, duplicate name, type, or a mode that does"
          + " not fit the list (migration rules UPGRADE/DOWNGRADE/UPDOWN, others WRITE/READ/WRITEREAD)."),
  RULE_ACTION_UNKNOWN("rule-action-unknown", Severity.ERROR,
      "`onSuccess` / `onFailure` names an action that is not available (ERROR, NONE, DLQ, or one configured)."),
  RULE_EXECUTOR_MISSING("rule-executor-missing", Severity.ERROR,
      "No executor for the rule's type is on the class path, so the rule fails closed on every record."),
  EXPRESSION_DOES_NOT_COMPILE("expression-does-not-compile", Severity.ERROR,
      "A JSONata or CEL expression does not compile."),
  EXPRESSION_NAMES_UNKNOWN_FIELD("expression-names-unknown-field", Severity.ERROR,
      "A CEL expression of a domain or encoding rule reads `message.x` where the contract has no field `x`"
          + " (a presence test `has(message.x)` is fine)."),
  TAG_PATTERN_MATCHES_NOTHING("tag-pattern-matches-nothing", Severity.WARNING,
      "A `metadata.tags` pattern matches no field, so rules on its tags touch nothing."),
  RULE_TAG_MATCHES_NOTHING("rule-tag-matches-nothing", Severity.WARNING,
      "A tag named by a rule is on no field, so the rule touches nothing."),
  INLINE_TAG_NOT_ON_A_FIELD("inline-tag-not-on-a-field", Severity.WARNING,
      "An inline `confluent:tags` is not on a field (or is not a list of strings), so it tags nothing."),
  INCOMPATIBLE_CHANGE("incompatible-change", Severity.ERROR,
      "A version is not compatible with the previous version of its compatibility group."),
  BREAKING_CHANGE_WITHOUT_MIGRATION("breaking-change-without-migration", Severity.ERROR,
      "A breaking change across compatibility groups has no UPGRADE or no DOWNGRADE rule in the higher version."),
  MIGRATION_RULE_THROWS("migration-rule-throws", Severity.ERROR,
      "A migration rule failed on a sample record when run through the serdes."),
  UPGRADE_DOES_NOT_CONFORM("upgrade-does-not-conform", Severity.ERROR,
      "A sample record, upgraded to the next version, does not conform to that version."),
  DOWNGRADE_DOES_NOT_CONFORM("downgrade-does-not-conform", Severity.ERROR,
      "An upgraded sample record, downgraded again, does not conform to the lower version."),
  ROUND_TRIP_DIFFERS("round-trip-differs", Severity.ERROR,
      "A sample record does not come back equal after UPGRADE then DOWNGRADE; the message names the fields."),
  SAMPLE_INVALID("sample-invalid", Severity.ERROR,
      "A sample file (`<subject>/samples/<version>/*.json`) is not JSON or does not conform to its version."),
  SAMPLE_FAILS_DOMAIN_RULE("sample-fails-domain-rule", Severity.ERROR,
      "A sample that must pass fails a domain rule (CONDITION)."),
  INVALID_SAMPLE_PASSES("invalid-sample-passes", Severity.ERROR,
      "A sample under `samples/<version>/invalid/` passes every domain rule."),
  DOMAIN_RULE_FAILURES("domain-rule-failures", Severity.INFO,
      "How many generated samples a domain rule (CONDITION) rejects: a rule that rejects all may be too strict."),
  SAMPLES_NOT_GENERATED("samples-not-generated", Severity.INFO,
      "The generator could not make conforming samples of a version (a pattern or construct it does not"
          + " handle); add your own samples.");

  private final String id;
  private final Severity severity;
  private final String meaning;

  Check(String id, Severity severity, String meaning) {
    this.id = id;
    this.severity = severity;
    this.meaning = meaning;
  }

  String id() {
    return id;
  }

  Severity severity() {
    return severity;
  }

  String meaning() {
    return meaning;
  }

  Finding at(String subject, Integer version, String location, String message) {
    return new Finding(id, severity, subject, version, location, message);
  }
}
