/**
 * The wire format of a framed record, for format and rule modules and the serde engines: magic
 * byte {@code 0x00} and a 4-byte big-endian schema id before the payload, or magic {@code 0x01}
 * with a 16-byte GUID, or either carried in the {@code __key_schema_id} / {@code __value_schema_id}
 * header instead of a prefix. {@link io.contractserde.wire.SchemaIdPlacement} says where a
 * serializer writes the id and {@link io.contractserde.wire.SchemaIdSource} where a deserializer
 * reads it, under the incumbent's class names.
 */
package io.contractserde.wire;
