package io.contractserde.avro;

import java.nio.ByteBuffer;
import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The kinds of Java data one serde reads and writes, from its configuration, with the data model
 * (and so the logical-type conversions) of each:
 *
 * <ul>
 *   <li><b>generic</b> ({@code GenericRecord}): raw logical values (a date is an {@code int}), or
 *       with {@code avro.use.logical.type.converters} the incumbent's conversions ({@link #addConversions});
 *   <li><b>specific</b> (generated classes): always the class's own {@code MODEL$} with its conversions;
 *       read with {@code specific.avro.reader}, into the class of the reader's record name or the
 *       configured {@code specific.avro.key.type} / {@code specific.avro.value.type};
 *   <li><b>reflect</b> (POJOs, with {@code schema.reflection}): {@code ReflectData}, or
 *       {@code ReflectData.AllowNull} with {@code avro.reflection.allow.null}, with the conversions
 *       when they are on.
 * </ul>
 *
 * Immutable; one per serde.
 *
 * @param generic the data model of generic records
 * @param reflect the data model of POJOs, or null when {@code schema.reflection} is off
 * @param specificReader whether records are read into generated classes
 * @param readerClass the generated class to read records into, or null for the class of the
 *     reader's record name
 * @param rules a data model with every conversion, which knows generated and generic data (and
 *     POJOs: a {@code ReflectData} when reflection is on): rules use it to resolve unions and to see
 *     a converted logical value as its underlying value
 */
record AvroDatumKinds(GenericData generic, ReflectData reflect, boolean specificReader, Class<?> readerClass,
    SpecificData rules) {

  /** The defaults: generic records without conversions, generated classes written, not read. */
  static final AvroDatumKinds DEFAULT = of(false, false, false, false, null);

  /** The kinds for the given configuration values. */
  static AvroDatumKinds of(boolean converters, boolean reflection, boolean allowNull, boolean specificReader,
      Class<?> readerClass) {
    GenericData generic = converters ? addConversions(new GenericData()) : GenericData.get();
    ReflectData reflect = null;
    if (reflection) {
      reflect = converters
          ? addConversions(allowNull ? new ReflectData.AllowNull() : new ReflectData())
          : allowNull ? ReflectData.AllowNull.get() : ReflectData.get();
    }
    SpecificData rules = addConversions(reflection ? new ReflectData() : new SpecificData());
    return new AvroDatumKinds(generic, reflect, specificReader, readerClass, rules);
  }

  /**
   * Adds the logical-type conversions the incumbent registers with
   * {@code avro.use.logical.type.converters}: decimal, uuid, date, time-millis, time-micros,
   * timestamp-millis, timestamp-micros, local-timestamp-millis and local-timestamp-micros.
   */
  static <T extends GenericData> T addConversions(T data) {
    data.addLogicalTypeConversion(new Conversions.DecimalConversion());
    data.addLogicalTypeConversion(new Conversions.UUIDConversion());
    data.addLogicalTypeConversion(new TimeConversions.DateConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    return data;
  }

  /**
   * The data model whose writer writes {@code value}: a generated class's own; the reflect model
   * for a POJO (when reflection is on); else the generic one.
   */
  GenericData modelOf(Object value) {
    if (value != null && value.getClass() == GenericData.Record.class) {
      // The common case first, by class: a failing instanceof of an interface scans the class's interfaces.
      return generic;
    }
    if (value instanceof SpecificRecordBase record) {
      return record.getSpecificData();
    }
    if (value instanceof SpecificRecord) {
      return SpecificData.get();
    }
    return reflect != null && isPojo(value) ? reflect : generic;
  }

  /** A value that is neither Avro data nor an Avro primitive: a POJO, for reflection. */
  static boolean isPojo(Object value) {
    return !(value instanceof GenericContainer || value instanceof CharSequence || value instanceof Number
        || value instanceof Boolean || value instanceof byte[] || value instanceof ByteBuffer
        || value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?> || value == null);
  }
}
