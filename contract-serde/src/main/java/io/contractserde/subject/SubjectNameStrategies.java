package io.contractserde.subject;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Resolves a {@code *.subject.name.strategy} setting: a short name ({@code TopicNameStrategy}), the
 * class name of one of ours, the class name of Confluent's strategy of the same name (so existing
 * configuration keeps working), or the class name of a custom {@link SubjectNameStrategy}.
 */
public final class SubjectNameStrategies {
  private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";
  private static final Map<String, Class<? extends SubjectNameStrategy>> BUILT_IN =
      Map.of(
          "TopicNameStrategy", TopicNameStrategy.class,
          "RecordNameStrategy", RecordNameStrategy.class,
          "TopicRecordNameStrategy", TopicRecordNameStrategy.class);

  private SubjectNameStrategies() {}

  /** The strategy named by {@code value} of setting {@code key}. */
  public static SubjectNameStrategy forName(String key, String value) {
    String name = value == null ? "" : value.trim();
    String shortName = name;
    if (name.startsWith(CONFLUENT_PACKAGE)) {
      shortName = name.substring(CONFLUENT_PACKAGE.length());
    } else if (name.startsWith(SubjectNameStrategies.class.getPackageName() + ".")) {
      shortName = name.substring(SubjectNameStrategies.class.getPackageName().length() + 1);
    }
    Class<? extends SubjectNameStrategy> builtIn = BUILT_IN.get(shortName);
    if (builtIn != null) {
      return instantiate(key, builtIn);
    }
    Class<?> custom;
    try {
      custom = Class.forName(name, true, Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader()
          : SubjectNameStrategies.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException(key, value, "not a subject name strategy: use TopicNameStrategy,"
          + " RecordNameStrategy, TopicRecordNameStrategy or the class name of a SubjectNameStrategy");
    }
    if (!SubjectNameStrategy.class.isAssignableFrom(custom)) {
      throw new ConfigException(key, value, "class does not implement " + SubjectNameStrategy.class.getName());
    }
    return instantiate(key, custom.asSubclass(SubjectNameStrategy.class));
  }

  private static SubjectNameStrategy instantiate(String key, Class<? extends SubjectNameStrategy> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new ConfigException(key, type.getName(), "cannot instantiate: " + e);
    }
  }

  static String requireRecordName(String recordName, String strategy, String topic) {
    if (recordName == null || recordName.isEmpty()) {
      throw new SerializationException(strategy + " needs a named record schema, but the record"
          + " for topic '" + topic + "' has none");
    }
    return recordName;
  }
}
