package io.contractserde.avro.testdata;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** A SpecificRecord written by hand in the shape avro-tools generates. */
public class Order extends SpecificRecordBase {
  public static final Schema SCHEMA$ = new Schema.Parser().parse("""
      {"type":"record","name":"Order","namespace":"io.contractserde.avro.testdata","fields":[
        {"name":"id","type":"string"},
        {"name":"amount","type":"long"},
        {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"]}}]}""");

  public CharSequence id;
  public long amount;
  public Status status;

  public Order() {}

  public Order(String id, long amount, Status status) {
    this.id = id;
    this.amount = amount;
    this.status = status;
  }

  public static Schema getClassSchema() {
    return SCHEMA$;
  }

  @Override
  public Schema getSchema() {
    return SCHEMA$;
  }

  @Override
  public Object get(int field) {
    return switch (field) {
      case 0 -> id;
      case 1 -> amount;
      case 2 -> status;
      default -> throw new IndexOutOfBoundsException(field);
    };
  }

  @Override
  public void put(int field, Object value) {
    switch (field) {
      case 0 -> id = (CharSequence) value;
      case 1 -> amount = (Long) value;
      case 2 -> status = (Status) value;
      default -> throw new IndexOutOfBoundsException(field);
    }
  }
}
