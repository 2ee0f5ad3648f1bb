package io.contractserde.serde;

import com.github.benmanes.caffeine.cache.Cache;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.contract.RulePhase;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.NonConformingRecordException;
import io.contractserde.format.SchemaFormat;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.registry.FileContractRegistry;
import io.contractserde.rule.PreparedRules;
import io.contractserde.rule.RecordContext;
import io.contractserde.metrics.SerdeMetrics;
import io.contractserde.wire.SchemaIdPlacement;
import io.contractserde.wire.WireFormat;
import java.util.UUID;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;

/**
 * The write path, for any format: resolve the contract to write with, check the record conforms to
 * it, run its WRITE domain rules, encode, frame with the contract's id, run its WRITE encoding rules
 * on the body after the header. A record the rules changed is checked again, unless only field-level
 * rules can change it and the format's shapes build conforming records (see
 * {@link RecordShape#buildsConforming}), as field encryption's do.
 *
 * <p>The contract is, first match wins: {@code use.schema.id}; {@code use.latest.with.metadata};
 * {@code use.latest.version}; the registration of the record's schema with
 * {@code auto.register.schemas}; otherwise the registered version of the record's schema under the
 * subject, or, for a value that carries no schema of its own (a JSON document), the subject's
 * latest version. In every case the rules of the registered contract apply. Thread-safe.
 */
public final class ContractSerializerEngine implements AutoCloseable {
  private final SerdeContext ctx;
  private final Mode mode;
  private final boolean keyed;
  private final Cache<WriteKey, WriteTarget> targets;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  /** The slot used last: producers write one topic's records in runs, so this spares the map. */
  private volatile Slot lastSlot;
  private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

  private final SchemaIdPlacement placement;
  private final boolean normalize;

  private enum Mode { SCHEMA_ID, SCHEMA_GUID, LATEST_WITH_METADATA, LATEST, AUTO_REGISTER, LOOKUP }

  /** An engine for keys ({@code isKey}) or values, configured from serde properties. */
  public ContractSerializerEngine(SchemaFormat format, ContractSerdeConfig config, boolean isKey) {
    this.ctx = new SerdeContext(format, config, isKey);
    if (config.getInt(ContractSerdeConfig.USE_SCHEMA_ID) >= 0) {
      mode = Mode.SCHEMA_ID;
    } else if (config.schemaGuid() != null) {
      mode = Mode.SCHEMA_GUID;
    } else if (!config.useLatestWithMetadata().isEmpty()) {
      mode = Mode.LATEST_WITH_METADATA;
    } else if (config.getBoolean(ContractSerdeConfig.USE_LATEST_VERSION)) {
      mode = Mode.LATEST;
    } else if (config.getBoolean(ContractSerdeConfig.AUTO_REGISTER_SCHEMAS)) {
      mode = Mode.AUTO_REGISTER;
    } else {
      mode = Mode.LOOKUP;
    }
    if (mode == Mode.AUTO_REGISTER && ctx.backingRegistry() instanceof FileContractRegistry) {
      throw new ConfigException(ContractSerdeConfig.AUTO_REGISTER_SCHEMAS, true,
          "a file:// contract folder is read-only: add contracts to the folder instead");
    }
    this.keyed = mode == Mode.AUTO_REGISTER || mode == Mode.LOOKUP || ctx.subjects.usesRecordName();
    this.targets = ctx.expiring();
    this.placement = config.schemaIdPlacement(isKey);
    this.normalize = config.getBoolean(ContractSerdeConfig.NORMALIZE_SCHEMAS);
  }

  /**
   * Counts into {@code metrics} from now on. What was derived from the registry is dropped, so
   * per-contract counters are made again in {@code metrics}.
   */
  public void useMetrics(SerdeMetrics metrics) {
    ctx.useMetrics(metrics);
    targets.invalidateAll();
    slots.clear();
    lastSlot = null;
  }

  /** The registry this engine reads contracts from. */
  public ContractRegistry registry() {
    return ctx.registry;
  }

  /**
   * Serializes {@code value} for {@code topic}: null stays null (a tombstone).
   *
   * @throws SerializationException naming topic, subject, version and field or rule when the
   *     record does not conform or a rule fails
   */
  public byte[] serialize(String topic, Headers headers, Object value) {
    if (value == null) {
      return null;
    }
    WriteTarget target = target(topic, value);
    ContractSchema schema = target.schema();
    Buffer buffer = buffers.get();
    // Everything that walks the record is guarded: the conformance check and the rules recurse
    // as deep as the record does, and the writer may meet a value that changes under it.
    try {
      Object message = conform(topic, target, value);
      if (!target.writeRules().isEmpty()) {
        RecordContext record = new RecordContext(topic, target.subject(), ctx.isKey, headers, value);
        Object transformed = ctx.rules.execute(target.writeRules(), record, message, schema, schema);
        if (transformed != message) {
          message = target.recheck() ? conform(topic, target, transformed) : transformed;
        }
      }
      buffer.reset();
      buffer.write(target.prefix(), 0, target.prefix().length);
      schema.encode(message, buffer);
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new SerializationException("Error serializing " + ctx.part() + " for topic '" + topic + "' with "
          + describe(target.subject(), schema.contract()) + ": "
          + (e instanceof StackOverflowError ? "the record is nested too deeply" : e.toString()), e);
    }
    if (target.headerId() != null) {
      if (headers == null) {
        throw new SerializationException("Missing headers: " + ContractSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER.replace(
            "value", ctx.part()) + "=HeaderSchemaIdSerializer writes the schema id of " + ctx.part() + "s for topic '"
            + topic + "' in a header, but the record has no headers to write it to");
      }
      WireFormat.addIdHeader(headers, ctx.isKey, target.headerId());
    }
    byte[] framed = buffer.copy();
    byte[] out = target.encodingRules().isEmpty() ? framed : encodeRules(topic, headers, value, target, framed);
    ctx.metrics().recordWritten();
    return out;
  }

  /** Runs the ENCODING rules (ENCRYPT_PAYLOAD) on the body after the header, which stays as it is. */
  private byte[] encodeRules(String topic, Headers headers, Object value, WriteTarget target, byte[] framed) {
    int header = target.prefix().length;
    RecordContext record = new RecordContext(topic, target.subject(), ctx.isKey, headers, value);
    Object body = ctx.rules.execute(target.encodingRules(), record, Arrays.copyOfRange(framed, header, framed.length),
        target.schema(), target.schema());
    if (!(body instanceof byte[] bytes)) {
      throw new SerializationException("An encoding rule of " + describe(target.subject(), target.schema().contract())
          + " returned " + (body == null ? "nothing" : "a " + body.getClass().getSimpleName()) + " instead of bytes");
    }
    byte[] out = Arrays.copyOf(framed, header + bytes.length);
    System.arraycopy(bytes, 0, out, header, bytes.length);
    return out;
  }

  /**
   * The contract to write {@code value} with: the topic's last one when the record's schema is the
   * same object and the TTL has not passed (one map look-up), else from the bounded cache.
   */
  private WriteTarget target(String topic, Object value) {
    Object schemaKey = keyed ? ctx.format.schemaKey(value) : null;
    Slot last = lastSlot;
    Slot slot = last != null && last.topic == topic ? last : slots.get(topic);
    if (slot != null && slot.schemaKey == schemaKey && ctx.fresh(slot.epoch)) {
      if (slot != last) {
        lastSlot = slot;
      }
      return slot.target;
    }
    String recordName = ctx.subjects.usesRecordName() ? ctx.format.recordName(value) : null;
    String subject = ctx.subjects.subjectName(topic, ctx.isKey, recordName);
    boolean bySchema = mode == Mode.AUTO_REGISTER || mode == Mode.LOOKUP;
    WriteTarget target = targets.get(new WriteKey(subject, bySchema ? schemaKey : null), this::resolve);
    Slot fresh = new Slot(topic, schemaKey, target, ctx.epoch());
    ctx.remember(slots, topic, fresh);
    lastSlot = fresh;
    return target;
  }

  private Object conform(String topic, WriteTarget target, Object value) {
    try {
      return target.schema().conform(value);
    } catch (NonConformingRecordException e) {
      ctx.metrics().recordNonConforming();
      throw e.inContext("Record " + ctx.part() + " for topic '" + topic
          + "' does not conform to the contract of " + describe(target.subject(), target.schema().contract()));
    }
  }

  private WriteTarget resolve(WriteKey key) {
    String subject = key.subject();
    RegisteredSchema contract;
    try {
      contract = switch (mode) {
        case SCHEMA_ID -> ctx.registry.byId(ctx.config.getInt(ContractSerdeConfig.USE_SCHEMA_ID), subject);
        case SCHEMA_GUID -> byGuid(subject);
        case LATEST_WITH_METADATA -> ctx.registry.latestWithMetadata(subject, ctx.config.useLatestWithMetadata());
        case LATEST -> ctx.registry.latest(subject);
        case AUTO_REGISTER -> ctx.registry.register(subject, definition(key));
        case LOOKUP -> key.schemaKey() == null
            ? ctx.registry.latest(subject)
            : ctx.registry.lookup(subject, definition(key));
      };
    } catch (ContractNotFoundException e) {
      throw new ContractNotFoundException(noContract(subject) + " (" + e.getMessage() + ")");
    }
    ContractSchema schema = ctx.contracts.parse(contract);
    PreparedRules rules = ctx.rules.prepare(subject, schema, RulePhase.DOMAIN, RuleMode.WRITE);
    PreparedRules encoding = ctx.rules.prepare(subject, schema, RulePhase.ENCODING, RuleMode.WRITE);
    boolean recheck = !(rules.onlyFieldTransforms() && schema.fieldShape() instanceof RecordShape shape
        && shape.buildsConforming());
    if (placement == SchemaIdPlacement.HEADER) {
      return new WriteTarget(subject, schema, rules, recheck, new byte[0],
          WireFormat.guidPrefix(guidOf(subject, contract)), encoding);
    }
    return new WriteTarget(subject, schema, rules, recheck, WireFormat.idPrefix(contract.id()), null, encoding);
  }

  /** {@code use.schema.guid}: the contract by GUID, with its id under the subject as the incumbent looks it up. */
  private RegisteredSchema byGuid(String subject) {
    RegisteredSchema contract = ctx.registry.byGuid(ctx.config.schemaGuid().toString());
    if (contract.id() != null || placement == SchemaIdPlacement.HEADER) {
      return contract;
    }
    return ctx.registry.lookup(subject, contract.definition());
  }

  /** The GUID a header carries: from the contract, else from the registry's answer by id. */
  private UUID guidOf(String subject, RegisteredSchema contract) {
    String guid = contract.guid();
    if (guid == null && contract.id() != null) {
      guid = ctx.registry.byId(contract.id(), subject).guid();
    }
    if (guid == null) {
      throw new SerializationException("Schema GUID is null: HeaderSchemaIdSerializer writes the schema's GUID,"
          + " but the registry gave none for " + describe(subject, contract) + " (GUIDs come with Confluent"
          + " Schema Registry 8.0); use PrefixSchemaIdSerializer with this registry");
    }
    try {
      return UUID.fromString(guid);
    } catch (IllegalArgumentException e) {
      throw new SerializationException("The registry gave " + describe(subject, contract) + " the GUID '" + guid
          + "', which is not a GUID", e);
    }
  }

  private SchemaDefinition definition(WriteKey key) {
    if (key.schemaKey() == null) {
      throw new SerializationException("The record carries no schema of its own, so there is nothing to"
          + " register: register its contract and name it with " + ContractSerdeConfig.USE_LATEST_WITH_METADATA
          + ", " + ContractSerdeConfig.USE_LATEST_VERSION + " or " + ContractSerdeConfig.USE_SCHEMA_ID);
    }
    SchemaDefinition definition = ctx.format.definitionOf(key.schemaKey());
    return normalize ? ctx.format.normalize(definition) : definition;
  }

  private String noContract(String subject) {
    return switch (mode) {
      case SCHEMA_ID -> "No contract with schema id " + ctx.config.getInt(ContractSerdeConfig.USE_SCHEMA_ID);
      case SCHEMA_GUID -> "No contract with schema guid " + ctx.config.schemaGuid() + " under subject '" + subject + "'";
      case LATEST_WITH_METADATA -> "No version of subject '" + subject + "' has metadata "
          + ctx.config.useLatestWithMetadata();
      case LATEST -> "Subject '" + subject + "' has no contract";
      case AUTO_REGISTER -> "Could not register the record's schema under subject '" + subject + "'";
      case LOOKUP -> "The record's schema is not registered under subject '" + subject + "': contract-first"
          + " serdes write only registered contracts (register it, pin a version with "
          + ContractSerdeConfig.USE_LATEST_WITH_METADATA + " or set " + ContractSerdeConfig.AUTO_REGISTER_SCHEMAS
          + "=true)";
    };
  }

  static String describe(String subject, RegisteredSchema contract) {
    return "subject '" + subject + "'" + (contract.version() == null ? "" : " version " + contract.version())
        + " (schema id " + contract.id() + ")";
  }

  @Override
  public void close() {
    ctx.close();
  }

  private record WriteKey(String subject, Object schemaKey) {}

  /**
   * {@code recheck}: whether a record {@code writeRules} changed is checked against the contract
   * again; {@code prefix} goes before the payload; {@code headerId}, when not null, in the schema id
   * header; {@code encodingRules} (ENCRYPT_PAYLOAD) run on the payload after the prefix.
   */
  private record WriteTarget(String subject, ContractSchema schema, PreparedRules writeRules, boolean recheck,
      byte[] prefix, byte[] headerId, PreparedRules encodingRules) {}

  /** A topic's last write target, for the record schema object it was resolved for. */
  private record Slot(String topic, Object schemaKey, WriteTarget target, long epoch) {}

  /**
   * A reusable output buffer, one per thread: unlike {@code ByteArrayOutputStream} it takes no
   * lock per write.
   */
  private static final class Buffer extends OutputStream {
    private byte[] buf = new byte[256];
    private int count;

    void reset() {
      count = 0;
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }

    byte[] copy() {
      return Arrays.copyOf(buf, count);
    }
  }

  @Override
  public String toString() {
    return "ContractSerializerEngine[" + ctx.format.schemaType() + ", " + mode + ", " + ctx.registry + "]";
  }
}
