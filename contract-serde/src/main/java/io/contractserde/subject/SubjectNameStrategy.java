package io.contractserde.subject;

/**
 * Chooses the registry subject for a record. Implementations must be thread-safe and cheap: the
 * serializer calls them once per record unless the result is cached by topic.
 */
public interface SubjectNameStrategy {

  /**
   * The subject for a key ({@code isKey}) or value of {@code topic}. {@code recordName} is the full
   * name of the record's schema (Avro full name, JSON Schema title), or null when it has none.
   */
  String subjectName(String topic, boolean isKey, String recordName);

  /** Whether the subject depends on the record name (so it cannot be cached per topic). */
  default boolean usesRecordName() {
    return false;
  }
}
