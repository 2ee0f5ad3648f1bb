package io.contractserde.avro.testdata;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** A nested SpecificRecord of {@link Parcel}, written by hand in the shape avro-tools generates. */
public class Address extends SpecificRecordBase {
  public static final Schema SCHEMA$ = Parcel.SCHEMA$.getField("dest").schema().getTypes().get(1);

  public CharSequence street;
  public Status status;

  public Address() {}

  public Address(String street, Status status) {
    this.street = street;
    this.status = status;
  }

  @Override
  public Schema getSchema() {
    return SCHEMA$;
  }

  @Override
  public Object get(int field) {
    return switch (field) {
      case 0 -> street;
      case 1 -> status;
      default -> throw new IndexOutOfBoundsException(field);
    };
  }

  @Override
  public void put(int field, Object value) {
    switch (field) {
      case 0 -> street = (CharSequence) value;
      case 1 -> status = (Status) value;
      default -> throw new IndexOutOfBoundsException(field);
    }
  }
}
