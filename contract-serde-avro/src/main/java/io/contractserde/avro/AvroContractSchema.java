package io.contractserde.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.ModelResolver;
import io.contractserde.format.PayloadDecoder;
import io.contractserde.format.RecordLayout;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.TagPatterns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.reflect.ReflectDatumReader;
import org.apache.avro.reflect.ReflectDatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One Avro contract: its parsed schema, shared datum writers (generic and specific), datum
 * readers made per reader schema, and per-thread encoders and decoders reused record after record.
 *
 * <p>As with the incumbent, a contract whose schema is the primitive {@code bytes} frames the raw
 * bytes as they are, and a top-level {@code string} is returned as a {@code String}.
 */
final class AvroContractSchema implements ContractSchema {
  private final RegisteredSchema contract;
  private final Schema schema;
  private final AvroDatumKinds kinds;
  private final DatumWriter<Object> genericWriter;
  /** The writer of POJOs, with {@code schema.reflection}; else null. */
  private final DatumWriter<Object> reflectWriter;
  /** Writers of generated records, by the class's data model (weakly: classes come and go). */
  private final Cache<SpecificData, DatumWriter<Object>> specificWriters =
      Caffeine.newBuilder().weakKeys().maximumSize(64).build();
  private volatile ModelWriter lastSpecificWriter;
  private final DatumReader<Object> modelReader;
  /** The reader of this schema's payloads into the serde's own kind of data, made on first need. */
  private volatile Optional<DatumReader<Object>> readerSelf;
  private final TagPatterns tags;
  private final FieldShape fieldShape;
  /** Record schemas found equal to a (sub-)schema of this contract, by identity. */
  private final Cache<Schema, Schema> equalTo = Caffeine.newBuilder().weakKeys().maximumSize(256).build();
  /** The last record schema found equal to each record (sub-)schema of this contract. */
  private final Map<Schema, Schema> lastEqualBySchema = new ConcurrentHashMap<>();
  /** The last (record schema, contract's top-level schema) pair found the same layout: most records ask it again. */
  private volatile SchemaPair lastSame;
  private final AvroConformance.Layouts layouts = this::sameLayout;
  /** Views of records decoded for one use, and of a caller's records. */
  private final AvroDataModel.Views ownedViews = new AvroDataModel.Views(true, layouts);
  private final AvroDataModel.Views callerViews = new AvroDataModel.Views(false, layouts);
  /**
   * Which fields of a record may move as they are into a record of another schema, per pair of
   * record schemas met while building records from views (the versions' nested records).
   */
  private final Cache<SchemaPair, int[]> movableFields = Caffeine.newBuilder().maximumSize(256).build();
  /** The pair asked last, so a plan of one hop finds its answer without hashing. */
  private volatile Movable lastMovable;
  private final AvroDataModel.Movability movability = this::movableFields;
  private final ThreadLocal<Encoding> encoders = ThreadLocal.withInitial(Encoding::new);
  private final ThreadLocal<Decoders> decoders = ThreadLocal.withInitial(Decoders::new);
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  AvroContractSchema(RegisteredSchema contract, Schema schema, AvroDatumKinds kinds) {
    this.contract = contract;
    this.schema = schema;
    this.kinds = kinds;
    this.genericWriter = new GenericDatumWriter<>(schema, kinds.generic());
    this.reflectWriter = kinds.reflect() == null ? null : new ReflectDatumWriter<>(schema, kinds.reflect());
    this.lastSpecificWriter = new ModelWriter(SpecificData.get(), new SpecificDatumWriter<>(schema, SpecificData.get()));
    this.modelReader = new GenericDatumReader<>(schema, schema, GenericData.get());
    this.tags = TagPatterns.of(contract);
    this.fieldShape = AvroFieldShapes.of(schema, tags, kinds);
  }

  @Override
  public FieldShape fieldShape() {
    return fieldShape;
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
  public Object conform(Object value) {
    if (schema.getType() == Schema.Type.BYTES && value instanceof byte[]) {
      return value;
    }
    GenericData model = kinds.modelOf(value);
    return AvroConformance.conforms(schema, value, layouts, model, tags) ? value
        : AvroConformance.rebuild(schema, value, model);
  }

  /**
   * Whether a record's schema equals a (sub-)schema of the contract, so its fields can be checked
   * and written by position. Producers build records from one schema object, so the last one
   * found equal to the top-level schema is remembered; others are compared once and remembered by
   * identity. A record found different is compared again next time (and rebuilt by name).
   */
  private boolean sameLayout(Schema recordSchema, Schema contractSchema) {
    SchemaPair last = lastSame;
    if (last != null && last.from() == recordSchema && last.to() == contractSchema) {
      return true; // the pair asked last (the conformance check and a rule's view ask the same per record)
    }
    if (lastEqualBySchema.get(contractSchema) == recordSchema) {
      remember(recordSchema, contractSchema);
      return true;
    }
    Schema known = equalTo.getIfPresent(recordSchema);
    if (known == contractSchema || known == null && recordSchema.equals(contractSchema)) {
      equalTo.put(recordSchema, contractSchema);
      lastEqualBySchema.put(contractSchema, recordSchema);
      remember(recordSchema, contractSchema);
      return true;
    }
    return false;
  }

  /** Keeps the top-level pair only: nested records asking in turn would replace it per record. */
  private void remember(Schema recordSchema, Schema contractSchema) {
    if (contractSchema == schema) {
      lastSame = new SchemaPair(recordSchema, contractSchema);
    }
  }

  @Override
  public void encode(Object value, OutputStream out) {
    try {
      if (schema.getType() == Schema.Type.BYTES) {
        byte[] raw = value instanceof byte[] b ? b : bytes((ByteBuffer) value);
        out.write(raw);
        return;
      }
      Encoding e = encoders.get();
      if (e.out != out) {
        e.encoder = EncoderFactory.get().binaryEncoder(out, e.encoder);
        e.out = out;
      }
      boolean written = false;
      try {
        writerOf(value).write(value, e.encoder);
        e.encoder.flush();
        written = true;
      } finally {
        if (!written) {
          // The encoder still buffers part of the failed record, and would hand it to the next
          // one (even reconfiguring flushes it): drop it, so the next write starts clean.
          e.encoder = null;
          e.out = null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The writer of a value that {@link #conform}s: by its kind (generated, POJO, generic). */
  private DatumWriter<Object> writerOf(Object value) {
    if (value instanceof SpecificRecord record) {
      return specificWriter(record);
    }
    return reflectWriter != null && AvroDatumKinds.isPojo(value) ? reflectWriter : genericWriter;
  }

  /**
   * The writer of a generated record: with its class's own data model, so its logical-type
   * conversions apply as in the incumbent. A contract sees one class or a few: the last writer is
   * kept, the others in a small cache by model.
   */
  private DatumWriter<Object> specificWriter(SpecificRecord record) {
    SpecificData model = record instanceof SpecificRecordBase base ? base.getSpecificData() : SpecificData.get();
    ModelWriter last = lastSpecificWriter;
    if (last.model == model) {
      return last.writer;
    }
    DatumWriter<Object> writer = specificWriters.get(model, m -> new SpecificDatumWriter<>(schema, m));
    lastSpecificWriter = new ModelWriter(model, writer);
    return writer;
  }

  private record ModelWriter(SpecificData model, DatumWriter<Object> writer) {}

  @Override
  public PayloadDecoder decoderFor(ContractSchema reader) {
    Schema readerSchema = ((AvroContractSchema) reader).schema;
    if (schema.getType() == Schema.Type.BYTES && readerSchema.getType() == Schema.Type.BYTES) {
      return (data, offset, length) -> Arrays.copyOfRange(data, offset, offset + length);
    }
    DatumReader<Object> datumReader = reader(readerSchema);
    if (readerSchema.getType() == Schema.Type.STRING) {
      return (data, offset, length) -> read(datumReader, data, offset, length).toString();
    }
    return (data, offset, length) -> read(datumReader, data, offset, length);
  }

  @Override
  public Object decodeModel(byte[] data, int offset, int length) {
    if (schema.getType() == Schema.Type.BYTES) {
      return toModel(Arrays.copyOfRange(data, offset, offset + length));
    }
    return AvroDataModel.view(schema, read(modelReader, data, offset, length), GenericData.get(), ownedViews);
  }

  private Object read(DatumReader<Object> reader, byte[] data, int offset, int length) {
    Decoders d = decoders.get();
    d.binary = DecoderFactory.get().binaryDecoder(data, offset, length, d.binary);
    try {
      return reader.read(null, d.bounded.reset(d.binary));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One thread's encoder, bound to the stream it last wrote to: the engine hands each thread the
   * same buffer every time, so the encoder is configured once, not per record. A write that fails
   * drops it.
   */
  private static final class Encoding {
    OutputStream out;
    BinaryEncoder encoder;
  }

  /**
   * One thread's buffer for re-encoding a record on a migration hop without rules. Its encoder
   * writes straight through (no buffer of its own), and the buffer is reset before each use, so
   * nothing of a failed hop is left for the next.
   */
  private static final class Scratch extends ByteArrayOutputStream {
    BinaryEncoder encoder;

    byte[] bytes() {
      return buf;
    }
  }

  /** One thread's reusable decoders: Avro's, and the bounds check in front of it. */
  private static final class Decoders {
    BinaryDecoder binary;
    final BoundedDecoder bounded = new BoundedDecoder();
  }

  private DatumReader<Object> reader(Schema readerSchema) {
    return reader(schema, readerSchema);
  }

  /**
   * The reader of payloads of {@code writerSchema} into records of {@code readerSchema}, in the
   * serde's kind of data: with {@code schema.reflection}, instances of the class of the reader's
   * record name (ReflectData's schema of that class is the reader's schema, as for the incumbent);
   * with {@code specific.avro.reader}, instances of the configured class or of the generated class
   * of the reader's record name, through the class's own data model ({@code MODEL$}, with its
   * logical-type conversions); otherwise generic records, with the conversions when
   * {@code avro.use.logical.type.converters} is on. Throws when reflection finds no class.
   */
  private DatumReader<Object> reader(Schema writerSchema, Schema readerSchema) {
    DatumReader<Object> reader = classReader(writerSchema, readerSchema);
    if (reader == null && kinds.reflect() != null && readerSchema.getType() == Schema.Type.RECORD) {
      throw new SerializationException("schema.reflection: no class " + readerSchema.getFullName()
          + " (the reader's record name) on the class path to read schema id " + contract.id() + " into");
    }
    return reader != null ? reader : new GenericDatumReader<>(writerSchema, readerSchema, kinds.generic());
  }

  /** The reader into a class (reflect or generated) for a record reader schema, or null. */
  private DatumReader<Object> classReader(Schema writerSchema, Schema readerSchema) {
    if (readerSchema.getType() != Schema.Type.RECORD) {
      return null;
    }
    ReflectData reflect = kinds.reflect();
    if (reflect != null) {
      Class<?> type = kinds.readerClass() != null && kinds.specificReader()
          ? kinds.readerClass() : reflect.getClass(readerSchema);
      return type == null ? null : new ReflectDatumReader<>(writerSchema, reflect.getSchema(type), reflect);
    }
    if (kinds.specificReader()) {
      Class<?> type = kinds.readerClass() != null ? kinds.readerClass() : SpecificData.get().getClass(readerSchema);
      if (type != null) {
        SpecificData model = SpecificData.getForClass(type);
        return new SpecificDatumReader<>(writerSchema, model.getSchema(type), model);
      }
    }
    return null;
  }

  /**
   * Avro's own schema resolution of one record, from this schema to {@code target}: the record is
   * built from the data model, encoded in binary with this schema and read back by a generic
   * resolving reader of ({@code this}, {@code target}), then given as {@code target}'s data model.
   * So the hop gives what {@code GenericDatumReader(writer, reader)} gives (aliases, enum defaults,
   * promotions, union branches), at the cost of one binary encode and decode per record; no JSON
   * text. Generic on purpose: an intermediate version is never read into a generated class.
   */
  @Override
  public ModelResolver resolverTo(ContractSchema target) {
    Schema targetSchema = ((AvroContractSchema) target).schema;
    DatumReader<Object> resolving = new GenericDatumReader<>(schema, targetSchema, GenericData.get());
    return model -> {
      Object datum = AvroDataModel.fromModel(schema, model, GenericData.get(), movability);
      Scratch s = scratch.get();
      s.reset();
      s.encoder = EncoderFactory.get().directBinaryEncoder(s, s.encoder);
      Object resolved;
      try {
        genericWriter.write(datum, s.encoder);
        resolved = read(resolving, s.bytes(), 0, s.size());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (AvroRuntimeException e) {
        throw new SerializationException(e.getMessage(), e);
      }
      return AvroDataModel.view(targetSchema, resolved, GenericData.get(), ownedViews);
    };
  }

  private record Movable(Schema from, Schema to, int[] fields) {}

  /**
   * Two schema objects, by identity: schemas equal in Avro's sense may differ in doc and aliases,
   * which decide whether a value may move ({@link AvroDataModel#movableFields}).
   */
  private record SchemaPair(Schema from, Schema to) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SchemaPair p && p.from == from && p.to == to;
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(from) + System.identityHashCode(to);
    }
  }

  private int[] movableFields(Schema from, Schema to) {
    Movable last = lastMovable;
    if (last != null && last.from == from && last.to == to) {
      return last.fields;
    }
    int[] fields = movableFields.get(new SchemaPair(from, to), pair -> AvroDataModel.movableFields(from, to));
    lastMovable = new Movable(from, to, fields);
    return fields;
  }

  @Override
  public RecordLayout layout() {
    if (schema.getType() != Schema.Type.RECORD) {
      return null;
    }
    Map<String, RecordLayout.Field> fields = new LinkedHashMap<>();
    boolean aliases = !schema.getAliases().isEmpty();
    for (Schema.Field f : schema.getFields()) {
      fields.put(f.name(), new RecordLayout.Field(f.schema(), f.hasDefaultValue(), f.defaultVal()));
      aliases |= !f.aliases().isEmpty();
    }
    return new RecordLayout(schema.getFullName(), fields, aliases);
  }

  /**
   * Schema resolution with renamed fields: the writer's schema is rewritten so each writer field
   * carries the name of the reader field it feeds (fields feeding none get a name no reader field
   * has), then Avro resolves it against the reader's schema as usual.
   */
  @Override
  public PayloadDecoder renamingDecoder(ContractSchema reader, Map<String, String> readerToWriter) {
    Map<String, String> writerToReader = new HashMap<>();
    readerToWriter.forEach((r, w) -> writerToReader.put(w, r));
    ObjectNode root;
    try {
      root = (ObjectNode) ContractJson.mapper().readTree(schema.toString());
    } catch (IOException e) {
      return null;
    }
    int unused = 0;
    for (JsonNode field : root.withArray("fields")) {
      ObjectNode f = (ObjectNode) field;
      f.remove("aliases");
      String target = writerToReader.get(f.get("name").asText());
      f.put("name", target != null ? target : "__contract_serde_unused_" + unused++);
    }
    Schema rewritten = new Schema.Parser().parse(root.toString());
    DatumReader<Object> datumReader = reader(rewritten, ((AvroContractSchema) reader).schema);
    return (data, offset, length) -> read(datumReader, data, offset, length);
  }

  @Override
  public Object toModel(Object value) {
    return AvroDataModel.toModel(schema, value, kinds.modelOf(value));
  }

  /** Records (at any depth) as {@link io.contractserde.format.RecordView}s of the caller's record. */
  @Override
  public Object view(Object value) {
    return AvroDataModel.view(schema, value, kinds.modelOf(value), callerViews);
  }

  /**
   * The record of a data model, in the serde's kind of data: a generated class or a POJO may use
   * {@code String}, Java enums and converted logical values, which its own reader knows, so it
   * round-trips once through the binary encoding; a generic record with conversions too.
   */
  @Override
  public Object fromModel(Object model) {
    Object generic = AvroDataModel.fromModel(schema, model, GenericData.get(), movability);
    DatumReader<Object> self = readerSelf();
    if (self == null) {
      return generic;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    encode(generic, out);
    byte[] bytes = out.toByteArray();
    return read(self, bytes, 0, bytes.length);
  }

  private DatumReader<Object> readerSelf() {
    Optional<DatumReader<Object>> self = readerSelf;
    if (self == null) {
      DatumReader<Object> reader = classReader(schema, schema);
      if (reader == null && kinds.generic() != GenericData.get()
          && (schema.getType() == Schema.Type.RECORD || schema.getLogicalType() != null)) {
        reader = new GenericDatumReader<>(schema, schema, kinds.generic());
      }
      self = Optional.ofNullable(reader);
      readerSelf = self;
    }
    return self.orElse(null);
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
