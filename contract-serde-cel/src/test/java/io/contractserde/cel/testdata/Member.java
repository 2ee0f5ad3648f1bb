package io.contractserde.cel.testdata;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** A SpecificRecord written by hand in the shape avro-tools generates. */
public class Member extends SpecificRecordBase {
  public static final Schema SCHEMA$ = new Schema.Parser().parse("""
      {"type":"record","name":"Member","namespace":"io.contractserde.cel.testdata","fields":[
        {"name":"id","type":"string"},
        {"name":"email","type":"string","confluent:tags":["PII"]},
        {"name":"points","type":"int"},
        {"name":"tier","type":{"type":"enum","name":"Tier","symbols":["BASIC","GOLD"]}}]}""");

  public CharSequence id;
  public CharSequence email;
  public int points;
  public Tier tier;

  public Member() {}

  public Member(String id, String email, int points, Tier tier) {
    this.id = id;
    this.email = email;
    this.points = points;
    this.tier = tier;
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
      case 1 -> email;
      case 2 -> points;
      case 3 -> tier;
      default -> throw new IndexOutOfBoundsException(field);
    };
  }

  @Override
  public void put(int field, Object value) {
    switch (field) {
      case 0 -> id = (CharSequence) value;
      case 1 -> email = (CharSequence) value;
      case 2 -> points = (Integer) value;
      case 3 -> tier = (Tier) value;
      default -> throw new IndexOutOfBoundsException(field);
    }
  }
}
