package io.contractserde.rule;

import org.apache.kafka.common.header.Headers;

/**
 * Where a record is while rules run on it: topic, subject, key or value, headers, and the original
 * value (the caller's object on write, the raw record bytes on read), which a DLQ sends on; while
 * the record is migrated, {@code migration} says from which version to which (for messages), else null.
 */
public record RecordContext(String topic, String subject, boolean isKey, Headers headers, Object originalValue,
    String migration) {

  /** A record that is not being migrated. */
  public RecordContext(String topic, String subject, boolean isKey, Headers headers, Object originalValue) {
    this(topic, subject, isKey, headers, originalValue, null);
  }

  /**
   * This record while it is migrated, {@code migration} saying how: {@code from version 1 (schema id
   * 4) to version 3 (schema id 9)}.
   */
  public RecordContext migrating(String migration) {
    return new RecordContext(topic, subject, isKey, headers, originalValue, migration);
  }
}
