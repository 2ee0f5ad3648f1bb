package io.contractserde.format;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.format.shape.FieldShape;
import java.io.OutputStream;
import java.util.Map;

/**
 * One parsed contract in a format: everything the engines do with records of that schema.
 * Implementations are immutable after construction and thread-safe.
 *
 * <p>The <em>data model</em> is what JSONata expressions see: {@code Map}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean} and null, in the format's JSON form (for Avro,
 * Avro's JSON encoding: unions wrapped, bytes as ISO-8859-1 strings).
 */
public interface ContractSchema {

  /** The registered contract this schema was parsed from. */
  RegisteredSchema contract();

  /** The full record name, or null when the schema has none. */
  String recordName();

  /**
   * Checks that {@code value} conforms to this schema and returns it ready to {@link #encode}: the
   * value itself, or (when it conforms by name but not by layout, or is a POJO) an equivalent
   * value in this schema's own form. Never mutates {@code value}.
   *
   * @throws NonConformingRecordException naming the field path, the expected and the actual type
   */
  Object conform(Object value);

  /** Encodes a value returned by {@link #conform} (or built by {@link #fromModel}) onto {@code out}. */
  void encode(Object value, OutputStream out);

  /**
   * A decoder of payloads written with this schema into values of {@code reader}'s shape (this
   * schema's shape when {@code reader} is this), by the format's schema resolution. Made once per
   * (writer, reader) and kept by the engine; thread-safe.
   */
  PayloadDecoder decoderFor(ContractSchema reader);

  /**
   * This schema's top-level record fields, for planning migrations as schema resolution; null when
   * the schema is not a record or the format does not support it.
   */
  default RecordLayout layout() {
    return null;
  }

  /**
   * A decoder of payloads written with this schema into {@code reader}'s shape in which reader
   * field {@code f} takes the value of writer field {@code readerToWriter.get(f)} (or its own name
   * when absent from the map), other writer fields are dropped and reader fields without a source
   * take their defaults; null when the format cannot do that. Made once per migration plan.
   */
  default PayloadDecoder renamingDecoder(ContractSchema reader, Map<String, String> readerToWriter) {
    return null;
  }

  /**
   * A migration hop without rules from this schema to {@code target}: the format's own schema
   * resolution applied to one record, so a rule-less hop anywhere in a chain gives what a reader of
   * {@code target} gets from a payload written with this schema (for Avro: aliases followed, enum
   * defaults applied, promotions and union branches as Avro resolves them). Made once per migration
   * plan. The default rebuilds the record in {@code target}'s shape by field name, defaults filling
   * missing fields, which is resolution for formats without aliases (JSON Schema keeps the document).
   */
  default ModelResolver resolverTo(ContractSchema target) {
    return model -> target.toModel(target.fromModel(model));
  }

  /**
   * This schema as field-level rules see it ({@code CEL_FIELD}, and {@code CEL} bindings), built
   * once per contract with every field's tags resolved; null when the format does not offer it.
   */
  default FieldShape fieldShape() {
    return null;
  }

  /**
   * Decodes a payload written with this schema into the data model; records may come as
   * {@link RecordView}s of a record decoded for this one use.
   */
  Object decodeModel(byte[] data, int offset, int length);

  /** The data model of a native value of this schema. Never the caller's object itself. */
  Object toModel(Object value);

  /**
   * The data model of a native value as {@link #toModel} gives it, but read from {@code value}
   * only as far as it is used: records as {@link RecordView}s. Never writes to {@code value}; good
   * while {@code value} does not change. The default is {@link #toModel}.
   */
  default Object view(Object value) {
    return toModel(value);
  }

  /**
   * Builds a native value of this schema from a data model: missing fields take their defaults,
   * unknown fields are dropped.
   *
   * @throws NonConformingRecordException when the model does not fit, naming the field
   */
  Object fromModel(Object model);
}
