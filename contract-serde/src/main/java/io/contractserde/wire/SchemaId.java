package io.contractserde.wire;

import java.util.UUID;

/** The schema reference a record carries: a registry id, or a GUID (then {@code id} is -1). */
public record SchemaId(int id, UUID guid) {

  /** A reference by registry id. */
  public static SchemaId ofId(int id) {
    return new SchemaId(id, null);
  }

  /** A reference by GUID. */
  public static SchemaId ofGuid(UUID guid) {
    return new SchemaId(-1, guid);
  }

  /** True for the GUID form. */
  public boolean isGuid() {
    return guid != null;
  }

  @Override
  public String toString() {
    return isGuid() ? "schema guid " + guid : "schema id " + id;
  }
}
