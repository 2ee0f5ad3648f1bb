package io.contractserde.subject;

/** {@code <topic>-<record full name>}: several record types per topic, each with its contract. */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {
  @Override
  public String subjectName(String topic, boolean isKey, String recordName) {
    return topic + "-" + SubjectNameStrategies.requireRecordName(recordName, "TopicRecordNameStrategy", topic);
  }

  @Override
  public boolean usesRecordName() {
    return true;
  }
}
