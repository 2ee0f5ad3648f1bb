/**
 * The wire format of a framed record: magic byte {@code 0x00} and a 4-byte big-endian schema id
 * before the payload (what we write), and on read also magic {@code 0x01} with a 16-byte GUID, or
 * the id carried in the {@code __key_schema_id} / {@code __value_schema_id} header instead of a
 * prefix.
 */
package io.contractserde.wire;
