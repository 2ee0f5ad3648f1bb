package io.contractserde.avro;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.format.ContractSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.Utf8;

/**
 * One Avro contract: its parsed schema, a shared datum writer, datum readers per reader schema,
 * and per-thread encoders and decoders that are reused record after record.
 *
 * <p>As with the incumbent, a contract whose schema is the primitive {@code bytes} frames the raw
 * bytes as they are, and a top-level {@code string} is returned as a {@code String}.
 */
final class AvroContractSchema implements ContractSchema {
  private final RegisteredSchema contract;
  private final Schema schema;
  private final boolean specificReader;
  private final DatumWriter<Object> writer;
  private final Map<Schema, DatumReader<Object>> readers = new ConcurrentHashMap<>();
  private final DatumReader<Object> modelReader;
  /** Record schemas already compared with this one, by identity: true when equal. */
  private final Cache<Schema, Boolean> sameShape = Caffeine.newBuilder().weakKeys().maximumSize(64).build();
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  AvroContractSchema(RegisteredSchema contract, Schema schema, boolean specificReader) {
    this.contract = contract;
    this.schema = schema;
    this.specificReader = specificReader;
    this.writer = new SpecificDatumWriter<>(schema, SpecificData.get());
    this.modelReader = new GenericDatumReader<>(schema, schema, GenericData.get());
  }

  Schema schema() {
    return schema;
  }

  @Override
  public RegisteredSchema contract() {
    return contract;
  }

  @Override
  public String recordName() {
    return schema.getType() == Schema.Type.RECORD ? schema.getFullName() : null;
  }

  @Override
  public void checkConformance(Object value) {
    if (schema.getType() == Schema.Type.BYTES && value instanceof byte[]) {
      return;
    }
    AvroConformance.check(schema, value);
  }

  @Override
  public void encode(Object value, OutputStream out) {
    try {
      if (schema.getType() == Schema.Type.BYTES) {
        byte[] raw = value instanceof byte[] b ? b : bytes((ByteBuffer) value);
        out.write(raw);
        return;
      }
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
      encoders.set(encoder);
      writer.write(inContractShape(value), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A record whose schema is another object than the contract's but conforms by name is rebuilt in
   * the contract's shape unless the two schemas are equal: the writer goes by field position.
   */
  private Object inContractShape(Object value) {
    if (value instanceof IndexedRecord record && record.getSchema() != schema) {
      Boolean same = sameShape.get(record.getSchema(), schema::equals);
      if (!same) {
        return fromModel(toModel(value));
      }
    }
    return value;
  }

  @Override
  public Object decode(byte[] data, int offset, int length, ContractSchema reader) {
    Schema readerSchema = ((AvroContractSchema) reader).schema;
    if (schema.getType() == Schema.Type.BYTES && readerSchema.getType() == Schema.Type.BYTES) {
      return Arrays.copyOfRange(data, offset, offset + length);
    }
    Object value = read(readers.computeIfAbsent(readerSchema, this::reader), data, offset, length);
    return value instanceof Utf8 && readerSchema.getType() == Schema.Type.STRING ? value.toString() : value;
  }

  @Override
  public Object decodeModel(byte[] data, int offset, int length) {
    if (schema.getType() == Schema.Type.BYTES) {
      return toModel(Arrays.copyOfRange(data, offset, offset + length));
    }
    return toModel(read(modelReader, data, offset, length));
  }

  private Object read(DatumReader<Object> reader, byte[] data, int offset, int length) {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, offset, length, decoders.get());
    decoders.set(decoder);
    try {
      return reader.read(null, decoder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DatumReader<Object> reader(Schema readerSchema) {
    if (specificReader && readerSchema.getType() == Schema.Type.RECORD) {
      Class<?> type = SpecificData.get().getClass(readerSchema);
      if (type != null) {
        return new SpecificDatumReader<>(schema, SpecificData.get().getSchema(type));
      }
    }
    return new GenericDatumReader<>(schema, readerSchema, GenericData.get());
  }

  @Override
  public Object toModel(Object value) {
    return AvroDataModel.toModel(schema, value);
  }

  @Override
  public Object fromModel(Object model) {
    Object generic = AvroDataModel.fromModel(schema, model, GenericData.get());
    if (specificReader && schema.getType() == Schema.Type.RECORD && SpecificData.get().getClass(schema) != null) {
      // A generated class may use String or Java enums; its own reader knows: round-trip once.
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      encode(generic, out);
      byte[] bytes = out.toByteArray();
      return decode(bytes, 0, bytes.length, this);
    }
    return generic;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  @Override
  public String toString() {
    return "AvroContractSchema[id " + contract.id() + ", " + schema.getFullName() + "]";
  }
}
