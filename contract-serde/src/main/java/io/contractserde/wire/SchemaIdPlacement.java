package io.contractserde.wire;

import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/**
 * Where a serializer writes the schema id, as {@code key.schema.id.serializer} /
 * {@code value.schema.id.serializer} name it. The incumbent's class names are accepted as they are.
 */
public enum SchemaIdPlacement {
  /** {@code 0x00} + 4-byte id before the payload: the incumbent's {@code PrefixSchemaIdSerializer}. */
  PREFIX("PrefixSchemaIdSerializer"),
  /**
   * Header {@code __key_schema_id} / {@code __value_schema_id} = {@code 0x01} + 16-byte GUID, the
   * payload unframed: the incumbent's {@code HeaderSchemaIdSerializer}.
   */
  HEADER("HeaderSchemaIdSerializer");

  static final String INCUMBENT_PACKAGE = "io.confluent.kafka.serializers.schema.id.";

  private final String className;

  SchemaIdPlacement(String className) {
    this.className = className;
  }

  /** The incumbent's simple class name for this placement. */
  public String className() {
    return className;
  }

  /**
   * The placement {@code value} names: {@code PrefixSchemaIdSerializer} or
   * {@code HeaderSchemaIdSerializer}, with or without the incumbent's package, or {@code prefix} /
   * {@code header}.
   *
   * @throws ConfigException naming {@code key} and the accepted values
   */
  public static SchemaIdPlacement forName(String key, String value) {
    String name = simpleName(value);
    for (SchemaIdPlacement p : values()) {
      if (p.className.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new ConfigException(key, value, "expected PrefixSchemaIdSerializer or HeaderSchemaIdSerializer"
        + " (optionally with the package " + INCUMBENT_PACKAGE.substring(0, INCUMBENT_PACKAGE.length() - 1) + ")");
  }

  static String simpleName(String value) {
    String name = value == null ? "" : value.trim();
    if (name.toLowerCase(Locale.ROOT).startsWith(INCUMBENT_PACKAGE)) {
      name = name.substring(INCUMBENT_PACKAGE.length());
    }
    return name;
  }
}
