package io.contractserde.rule.field;

import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.FieldType;
import io.contractserde.format.shape.RecordShape;
import java.util.Set;
import java.util.TreeSet;

/**
 * Blanks the fields a contract protects, for a copy of a record that leaves the process in clear
 * (a DLQ record on the write path): every string field a rule of the given types selects becomes
 * {@value #REDACTED}, every bytes field empty. Domain rules select by their tags (all fields when
 * they have none); an encoding rule of those types (ENCRYPT_PAYLOAD) selects every field.
 */
public final class FieldRedaction {
  public static final String REDACTED = "<redacted>";

  private FieldRedaction() {}

  /**
   * {@code record} (a native value of {@code schema}) with the protected fields blanked, copied; the
   * same object when no rule of {@code ruleTypes} applies; null for a value that is not a record
   * while every field is protected.
   */
  public static Object redact(ContractSchema schema, Set<String> ruleTypes, Object record) {
    if (record == null || schema == null) {
      return record;
    }
    boolean all = false;
    boolean any = false;
    Set<String> tags = new TreeSet<>();
    for (Rule rule : schema.contract().rules().encodingRules()) {
      if (ruleTypes.contains(rule.type())) {
        all = true;
      }
    }
    for (Rule rule : schema.contract().rules().domainRules()) {
      if (ruleTypes.contains(rule.type())) {
        any = true;
        all |= rule.tags().isEmpty();
        tags.addAll(rule.tags());
      }
    }
    if (!all && !any) {
      return record;
    }
    FieldShape shape = schema.fieldShape();
    if (!(shape instanceof RecordShape recordShape)) {
      return null;
    }
    Rule selector = Rule.of("redaction", RuleKind.TRANSFORM, RuleMode.WRITE, "REDACT", null)
        .withTags(all ? new String[0] : tags.toArray(String[]::new));
    return new FieldWalk(selector, recordShape, (field, value) -> field.type() == FieldType.STRING ? REDACTED
        : field.type() == FieldType.BYTES ? new byte[0] : value, false).record(recordShape, record);
  }
}
