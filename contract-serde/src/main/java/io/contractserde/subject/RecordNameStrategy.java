package io.contractserde.subject;

/** The record's full name: one contract per record type, whatever the topic. */
public final class RecordNameStrategy implements SubjectNameStrategy {
  @Override
  public String subjectName(String topic, boolean isKey, String recordName) {
    return SubjectNameStrategies.requireRecordName(recordName, "RecordNameStrategy", topic);
  }

  @Override
  public boolean usesRecordName() {
    return true;
  }
}
