package io.contractserde.avro.testdata;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A SpecificRecord written by hand in the shape avro-tools generates, whose enum {@link Status}
 * ({@code [NEW, PAID]}) sits everywhere a value can: a field, a nested record in a union, an array
 * and a map.
 */
public class Parcel extends SpecificRecordBase {
  public static final Schema SCHEMA$ = new Schema.Parser().parse("""
      {"type":"record","name":"Parcel","namespace":"io.contractserde.avro.testdata","fields":[
        {"name":"id","type":"string"},
        {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"]}},
        {"name":"dest","type":["null",{"type":"record","name":"Address","fields":[
          {"name":"street","type":"string"},{"name":"status","type":"Status"}]}]},
        {"name":"history","type":{"type":"array","items":"Status"}},
        {"name":"byLeg","type":{"type":"map","values":"Status"}},
        {"name":"last","type":["null","Status"]}]}""");

  public CharSequence id;
  public Status status;
  public Address dest;
  public List<Status> history;
  public Map<CharSequence, Status> byLeg;
  public Status last;

  public Parcel() {}

  public Parcel(String id, Status status, Address dest, List<Status> history, Map<CharSequence, Status> byLeg,
      Status last) {
    this.id = id;
    this.status = status;
    this.dest = dest;
    this.history = history;
    this.byLeg = byLeg;
    this.last = last;
  }

  @Override
  public Schema getSchema() {
    return SCHEMA$;
  }

  @Override
  public Object get(int field) {
    return switch (field) {
      case 0 -> id;
      case 1 -> status;
      case 2 -> dest;
      case 3 -> history;
      case 4 -> byLeg;
      case 5 -> last;
      default -> throw new IndexOutOfBoundsException(field);
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public void put(int field, Object value) {
    switch (field) {
      case 0 -> id = (CharSequence) value;
      case 1 -> status = (Status) value;
      case 2 -> dest = (Address) value;
      case 3 -> history = (List<Status>) value;
      case 4 -> byLeg = (Map<CharSequence, Status>) value;
      case 5 -> last = (Status) value;
      default -> throw new IndexOutOfBoundsException(field);
    }
  }
}
