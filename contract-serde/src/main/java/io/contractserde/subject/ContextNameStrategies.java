package io.contractserde.subject;

import org.apache.kafka.common.config.ConfigException;

/**
 * Resolves {@code context.name.strategy} and applies it to a subject name strategy. The incumbent's
 * {@code NullContextNameStrategy} (the default context) is accepted by name, with or without its
 * package; anything else is the class name of a {@link ContextNameStrategy}.
 */
public final class ContextNameStrategies {
  private static final String NULL_STRATEGY = "NullContextNameStrategy";
  private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.context.";

  private ContextNameStrategies() {}

  /** The strategy {@code value} of setting {@code key} names, or null for the default context. */
  public static ContextNameStrategy forName(String key, String value) {
    String name = value == null ? "" : value.trim();
    if (name.isEmpty() || name.equals(NULL_STRATEGY) || name.equals(CONFLUENT_PACKAGE + NULL_STRATEGY)) {
      return null;
    }
    Class<?> type;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader()
          : ContextNameStrategies.class.getClassLoader();
      type = Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException(key, value, "not a context name strategy: use NullContextNameStrategy or the"
          + " class name of an implementation of " + ContextNameStrategy.class.getName()
          + " (the incumbent's interface lives in its own jar)");
    }
    if (!ContextNameStrategy.class.isAssignableFrom(type)) {
      throw new ConfigException(key, value, "class does not implement " + ContextNameStrategy.class.getName());
    }
    try {
      return type.asSubclass(ContextNameStrategy.class).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new ConfigException(key, value, "cannot instantiate: " + e);
    }
  }

  /**
   * {@code subjects} with every subject put in the context {@code contexts} gives its topic; the
   * strategy itself when {@code contexts} is null.
   */
  public static SubjectNameStrategy inContext(SubjectNameStrategy subjects, ContextNameStrategy contexts) {
    if (contexts == null) {
      return subjects;
    }
    return new SubjectNameStrategy() {
      @Override
      public String subjectName(String topic, boolean isKey, String recordName) {
        return qualify(contexts.contextName(topic), subjects.subjectName(topic, isKey, recordName));
      }

      @Override
      public boolean usesRecordName() {
        return subjects.usesRecordName();
      }
    };
  }

  /**
   * {@code subject} in {@code context}, as the incumbent's {@code QualifiedSubject} spells it:
   * {@code :.context:subject}; a null or empty context leaves the subject as it is.
   */
  public static String qualify(String context, String subject) {
    if (context == null) {
      return subject;
    }
    String name = context;
    if (name.startsWith(":")) {
      name = name.substring(1);
    }
    if (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.endsWith(":")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.isEmpty() ? subject : ":." + name + ":" + subject;
  }
}
