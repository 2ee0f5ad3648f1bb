package io.contractserde.avro.testdata;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A SpecificRecord with logical-type fields written by hand as avro-compiler generates it by
 * default: Java time, BigDecimal and UUID fields, the class's own {@code MODEL$} with the
 * conversions, and a conversion per field ({@code null} for the nullable one, which the model
 * converts).
 */
public class Payment extends SpecificRecordBase {
  public static final Schema SCHEMA$ = new Schema.Parser().parse("""
      {"type":"record","name":"Payment","namespace":"io.contractserde.avro.testdata","fields":[
        {"name":"ref","type":{"type":"string","logicalType":"uuid"}},
        {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
        {"name":"day","type":{"type":"int","logicalType":"date"}},
        {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
        {"name":"settled","type":["null",{"type":"long","logicalType":"timestamp-micros"}],"default":null}]}""");

  private static final SpecificData MODEL$ = new SpecificData();

  static {
    MODEL$.addLogicalTypeConversion(new Conversions.UUIDConversion());
    MODEL$.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    MODEL$.addLogicalTypeConversion(new TimeConversions.DateConversion());
    MODEL$.addLogicalTypeConversion(new Conversions.DecimalConversion());
    MODEL$.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
  }

  private static final Conversion<?>[] conversions = new Conversion<?>[] {
      new Conversions.UUIDConversion(),
      new TimeConversions.TimestampMillisConversion(),
      new TimeConversions.DateConversion(),
      new Conversions.DecimalConversion(),
      null,
      null
  };

  public UUID ref;
  public Instant ts;
  public LocalDate day;
  public BigDecimal amount;
  public Instant settled;

  public Payment() {}

  public Payment(UUID ref, Instant ts, LocalDate day, BigDecimal amount, Instant settled) {
    this.ref = ref;
    this.ts = ts;
    this.day = day;
    this.amount = amount;
    this.settled = settled;
  }

  @Override
  public SpecificData getSpecificData() {
    return MODEL$;
  }

  @Override
  public Schema getSchema() {
    return SCHEMA$;
  }

  @Override
  public Conversion<?> getConversion(int field) {
    return conversions[field];
  }

  @Override
  public Object get(int field) {
    return switch (field) {
      case 0 -> ref;
      case 1 -> ts;
      case 2 -> day;
      case 3 -> amount;
      case 4 -> settled;
      default -> throw new IndexOutOfBoundsException(field);
    };
  }

  @Override
  public void put(int field, Object value) {
    switch (field) {
      case 0 -> ref = (UUID) value;
      case 1 -> ts = (Instant) value;
      case 2 -> day = (LocalDate) value;
      case 3 -> amount = (BigDecimal) value;
      case 4 -> settled = (Instant) value;
      default -> throw new IndexOutOfBoundsException(field);
    }
  }
}
