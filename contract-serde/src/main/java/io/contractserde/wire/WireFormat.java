package io.contractserde.wire;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads and writes the framing of Confluent's serdes.
 *
 * <ul>
 *   <li>{@code 0x00} + 4-byte big-endian id + payload: written by default.
 *   <li>{@code 0x01} + 16-byte GUID (most significant long first) + payload: read.
 *   <li>header {@code __value_schema_id} / {@code __key_schema_id} holding either form above, with
 *       the whole value as payload: read, and the header wins over a prefix; written (the GUID form)
 *       with {@link SchemaIdPlacement#HEADER}.
 * </ul>
 */
public final class WireFormat {
  public static final byte MAGIC_ID = 0x00;
  public static final byte MAGIC_GUID = 0x01;
  public static final int ID_PREFIX_LENGTH = 5;
  public static final int GUID_PREFIX_LENGTH = 17;
  public static final String KEY_SCHEMA_ID_HEADER = "__key_schema_id";
  public static final String VALUE_SCHEMA_ID_HEADER = "__value_schema_id";

  private WireFormat() {}

  /** Writes {@code 0x00} + {@code id} at {@code offset} of {@code target} (5 bytes). */
  public static void writeIdPrefix(byte[] target, int offset, int id) {
    target[offset] = MAGIC_ID;
    target[offset + 1] = (byte) (id >>> 24);
    target[offset + 2] = (byte) (id >>> 16);
    target[offset + 3] = (byte) (id >>> 8);
    target[offset + 4] = (byte) id;
  }

  /** The id of the {@code 0x00} + id prefix at {@code offset} of {@code source}, as {@link #writeIdPrefix} wrote it. */
  public static int readIdPrefix(byte[] source, int offset) {
    return (source[offset + 1] & 0xff) << 24 | (source[offset + 2] & 0xff) << 16 | (source[offset + 3] & 0xff) << 8
        | source[offset + 4] & 0xff;
  }

  /** The 5-byte prefix for {@code id}. */
  public static byte[] idPrefix(int id) {
    byte[] prefix = new byte[ID_PREFIX_LENGTH];
    writeIdPrefix(prefix, 0, id);
    return prefix;
  }

  /** The 17-byte GUID form, as a prefix or header value. */
  public static byte[] guidPrefix(UUID guid) {
    return ByteBuffer.allocate(GUID_PREFIX_LENGTH)
        .put(MAGIC_GUID)
        .putLong(guid.getMostSignificantBits())
        .putLong(guid.getLeastSignificantBits())
        .array();
  }

  /**
   * Adds the schema id header ({@code __key_schema_id} or {@code __value_schema_id}) holding
   * {@code value}, unless the last header of that name already holds the same bytes, as the
   * incumbent's {@code HeaderSchemaIdSerializer} does.
   */
  public static void addIdHeader(Headers headers, boolean isKey, byte[] value) {
    String name = isKey ? KEY_SCHEMA_ID_HEADER : VALUE_SCHEMA_ID_HEADER;
    Header last = headers.lastHeader(name);
    if (last == null || !java.util.Arrays.equals(last.value(), value)) {
      headers.add(name, value);
    }
  }

  /**
   * Splits a record value into schema reference and payload, the header first.
   *
   * @throws SerializationException naming the topic and what is wrong: an unknown magic byte, or a
   *     value shorter than its header
   */
  public static Frame read(String topic, boolean isKey, Headers headers, byte[] data) {
    if (headers != null) {
      Header header = headers.lastHeader(isKey ? KEY_SCHEMA_ID_HEADER : VALUE_SCHEMA_ID_HEADER);
      if (header != null && header.value() != null) {
        byte[] value = header.value();
        SchemaId id = parseReference(topic, header.key() + " header", value, value.length);
        return new Frame(id, data, 0, data.length);
      }
    }
    SchemaId id = parseReference(topic, isKey ? "key" : "value", data, data.length);
    int prefix = id.isGuid() ? GUID_PREFIX_LENGTH : ID_PREFIX_LENGTH;
    return new Frame(id, data, prefix, data.length - prefix);
  }

  private static SchemaId parseReference(String topic, String where, byte[] bytes, int length) {
    if (length == 0) {
      throw new SerializationException("Record " + where + " of topic '" + topic
          + "' is empty: expected magic byte 0x00 or 0x01 and a schema id");
    }
    byte magic = bytes[0];
    if (magic == MAGIC_ID) {
      requireLength(topic, where, length, ID_PREFIX_LENGTH, "0x00 + 4-byte schema id");
      return SchemaId.ofId(readIdPrefix(bytes, 0));
    }
    if (magic == MAGIC_GUID) {
      requireLength(topic, where, length, GUID_PREFIX_LENGTH, "0x01 + 16-byte schema guid");
      ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, 16);
      return SchemaId.ofGuid(new UUID(buffer.getLong(), buffer.getLong()));
    }
    throw new SerializationException(String.format(
        "Unknown magic byte 0x%02x in record %s of topic '%s': expected 0x00 (schema id) or 0x01"
            + " (schema guid); was it written by a contract serde?", magic & 0xff, where, topic));
  }

  private static void requireLength(String topic, String where, int length, int needed, String what) {
    if (length < needed) {
      throw new SerializationException("Record " + where + " of topic '" + topic + "' is " + length
          + " byte(s), shorter than its " + needed + "-byte header (" + what + ")");
    }
  }
}
