package io.contractserde.subject;

/** {@code <topic>-key} or {@code <topic>-value}: one contract per topic. The default. */
public final class TopicNameStrategy implements SubjectNameStrategy {
  @Override
  public String subjectName(String topic, boolean isKey, String recordName) {
    return topic + (isKey ? "-key" : "-value");
  }
}
