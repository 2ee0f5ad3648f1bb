package io.contractserde.wire;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;

/**
 * Where a deserializer finds the schema id, as {@code key.schema.id.deserializer} /
 * {@code value.schema.id.deserializer} name it. The incumbent's class names are accepted as they are.
 */
public enum SchemaIdSource {
  /** The header if the record has one with a value, else the prefix: {@code DualSchemaIdDeserializer}. */
  DUAL("DualSchemaIdDeserializer"),
  /** The prefix only; headers are ignored: {@code PrefixSchemaIdDeserializer}. */
  PREFIX("PrefixSchemaIdDeserializer"),
  /**
   * The id of {@code use.schema.id} or the GUID of {@code use.schema.guid}; the whole value is
   * payload: {@code ConfigSchemaIdDeserializer}.
   */
  CONFIG("ConfigSchemaIdDeserializer");

  private final String className;

  SchemaIdSource(String className) {
    this.className = className;
  }

  /** The incumbent's simple class name for this source. */
  public String className() {
    return className;
  }

  /**
   * The source {@code value} names, with or without the incumbent's package, or {@code dual} /
   * {@code prefix} / {@code config}.
   *
   * @throws ConfigException naming {@code key} and the accepted values
   */
  public static SchemaIdSource forName(String key, String value) {
    String name = SchemaIdPlacement.simpleName(value);
    for (SchemaIdSource s : values()) {
      if (s.className.equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new ConfigException(key, value, "expected DualSchemaIdDeserializer, PrefixSchemaIdDeserializer or"
        + " ConfigSchemaIdDeserializer (optionally with the package io.confluent.kafka.serializers.schema.id)");
  }

  /**
   * Splits a record value into schema reference and payload. {@code configured} is the reference
   * of {@code use.schema.id} / {@code use.schema.guid}, used by {@link #CONFIG} only.
   *
   * @throws SerializationException as {@link WireFormat#read} does
   */
  public Frame frame(String topic, boolean isKey, Headers headers, byte[] data, SchemaId configured) {
    return switch (this) {
      case DUAL -> WireFormat.read(topic, isKey, headers, data);
      case PREFIX -> WireFormat.read(topic, isKey, null, data);
      case CONFIG -> new Frame(configured, data, 0, data.length);
    };
  }
}
