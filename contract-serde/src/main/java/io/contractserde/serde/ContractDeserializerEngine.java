package io.contractserde.serde;

import com.github.benmanes.caffeine.cache.Cache;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RulePhase;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.PayloadDecoder;
import io.contractserde.format.SchemaFormat;
import io.contractserde.migration.MigrationPlan;
import io.contractserde.migration.MigrationPlanner;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.registry.RegistryUnavailableException;
import io.contractserde.rule.PreparedRules;
import io.contractserde.rule.RecordContext;
import io.contractserde.rule.RuleEngine;
import io.contractserde.wire.Frame;
import io.contractserde.wire.SchemaId;
import io.contractserde.metrics.MigrationEngine;
import io.contractserde.metrics.SerdeMetrics;
import io.contractserde.wire.SchemaIdSource;
import org.apache.kafka.common.config.ConfigException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;

/**
 * The read path, for any format: unframe, fetch the writer's contract by id, choose the reader's
 * contract, run the writer's READ encoding rules on the body, decode (through the cached migration plan when versions differ and rules apply), run
 * the reader's READ domain rules (in reverse order).
 *
 * <p>The reader is the newest version matching {@code use.latest.with.metadata}, else the latest
 * version with {@code use.latest.version}, else the writer's own contract. The choice is cached per
 * (subject, writer id) and follows {@code latest.cache.ttl.sec}. Thread-safe.
 */
public final class ContractDeserializerEngine implements AutoCloseable {
  private final SerdeContext ctx;
  private final Mode mode;
  private final MigrationPlanner planner;
  private final SchemaIdSource idSource;
  private final SchemaId configuredId;
  private final Cache<ReadKey, ReadTarget> targets;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  /** The slot used last: consumers read one topic's records in runs, so this spares the map. */
  private volatile Slot lastSlot;

  private enum Mode { LATEST_WITH_METADATA, LATEST, WRITER }

  /** An engine for keys ({@code isKey}) or values, configured from serde properties. */
  public ContractDeserializerEngine(SchemaFormat format, ContractSerdeConfig config, boolean isKey) {
    this.ctx = new SerdeContext(format, config, isKey);
    if (!config.useLatestWithMetadata().isEmpty()) {
      mode = Mode.LATEST_WITH_METADATA;
    } else if (config.getBoolean(ContractSerdeConfig.USE_LATEST_VERSION)) {
      mode = Mode.LATEST;
    } else {
      mode = Mode.WRITER;
    }
    this.planner = new MigrationPlanner(ctx.registry, ctx.contracts::parse, ctx.rules, ctx.cacheSize,
        config.getBoolean(ContractSerdeConfig.MIGRATION_FAST_PATH));
    this.targets = ctx.expiring();
    this.idSource = config.schemaIdSource(isKey);
    int useId = config.getInt(ContractSerdeConfig.USE_SCHEMA_ID);
    this.configuredId = useId >= 0 ? SchemaId.ofId(useId)
        : config.schemaGuid() != null ? SchemaId.ofGuid(config.schemaGuid()) : null;
    if (idSource == SchemaIdSource.CONFIG && configuredId == null) {
      throw new ConfigException(isKey ? ContractSerdeConfig.KEY_SCHEMA_ID_DESERIALIZER
          : ContractSerdeConfig.VALUE_SCHEMA_ID_DESERIALIZER, SchemaIdSource.CONFIG.className(),
          "ConfigSchemaIdDeserializer reads every record as written with the schema of "
              + ContractSerdeConfig.USE_SCHEMA_ID + " or " + ContractSerdeConfig.USE_SCHEMA_GUID + "; set one of them");
    }
  }

  /**
   * Counts into {@code metrics} from now on. What was derived from the registry is dropped, so
   * per-migration counters are made again in {@code metrics}.
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
   * Deserializes a framed record of {@code topic}: null stays null (a tombstone).
   *
   * @throws SerializationException naming topic, schema id and, as they apply, subject, version,
   *     rule and field
   */
  public Object deserialize(String topic, Headers headers, byte[] data) {
    if (data == null) {
      return null;
    }
    Frame frame = idSource.frame(topic, ctx.isKey, headers, data, configuredId);
    ReadTarget target = target(topic, frame);
    byte[] payload = data;
    int offset = frame.offset();
    int length = frame.length();
    if (!target.encodingRules().isEmpty()) {
      payload = decodeRules(topic, headers, data, offset, length, target);
      offset = 0;
      length = payload.length;
    }
    Object value;
    try {
      MigrationPlan plan = target.plan();
      if (plan == null || !plan.needsRules()) {
        value = target.decoder().decode(payload, offset, length);
        if (plan != null) {
          target.migratedByResolution().increment();
        }
      } else if (plan.resolution() != null && !namesARule(headers)) {
        value = plan.resolution().decode(payload, offset, length);
        target.migratedByResolution().increment();
      } else {
        Object model = target.writer().decodeModel(payload, offset, length);
        value = plan.migrate(ctx.rules, new RecordContext(topic, target.subject(), ctx.isKey, headers, data), model);
        target.migratedByRules().increment();
      }
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      MigrationPlan plan = target.plan();
      throw new SerializationException("Error deserializing " + ctx.part() + " of topic '" + topic + "' written with "
          + ContractSerializerEngine.describe(target.subject(), target.writer().contract())
          + (plan == null ? "" : ", migrating " + plan.description()) + ": "
          + (e instanceof StackOverflowError ? "the payload is nested too deeply" : e.toString()), e);
    }
    if (!target.readRules().isEmpty()) {
      // The record was just decoded: the rules may set its fields rather than copy it.
      value = ctx.rules.executeOnOwn(target.readRules(),
          new RecordContext(topic, target.subject(), ctx.isKey, headers, data), value, target.reader());
    }
    ctx.metrics().recordRead();
    return value;
  }

  /** Runs the writer's READ encoding rules (ENCRYPT_PAYLOAD) on the body after the header. */
  private byte[] decodeRules(String topic, Headers headers, byte[] data, int offset, int length, ReadTarget target) {
    RecordContext record = new RecordContext(topic, target.subject(), ctx.isKey, headers, data);
    Object body = ctx.rules.execute(target.encodingRules(), record,
        java.util.Arrays.copyOfRange(data, offset, offset + length), target.writer(), target.writer());
    if (!(body instanceof byte[] bytes)) {
      throw new SerializationException("An encoding rule of " + ContractSerializerEngine.describe(target.subject(),
          target.writer().contract()) + " returned " + (body == null ? "nothing" : "a "
          + body.getClass().getSimpleName()) + " instead of bytes");
    }
    return bytes;
  }

  /**
   * A record re-read from a DLQ names the rule to skip: then a migration runs rule by rule through
   * the rule engine (compiled where it can), not as schema resolution, so the named rule can be skipped.
   */
  private static boolean namesARule(Headers headers) {
    return headers != null && headers.lastHeader(RuleEngine.RULE_NAME_HEADER) != null;
  }

  /**
   * How to read records of the frame's writer on {@code topic}: from the topic's slot when it knows
   * the writer id and the TTL has not passed (no look-up beyond the topic), else from the bounded
   * cache. A topic's slot remembers a few writer ids: topics mid-migration mix versions.
   */
  private ReadTarget target(String topic, Frame frame) {
    SchemaId id = frame.schemaId();
    Slot last = lastSlot;
    Slot slot = last != null && last.topic == topic ? last : slots.get(topic);
    if (slot != null && !id.isGuid() && ctx.fresh(slot.epoch)) {
      ReadTarget known = slot.find(id.id());
      if (known != null) {
        if (slot != last) {
          lastSlot = slot;
        }
        return known;
      }
    }
    String subject = ctx.subjects.usesRecordName() ? null : ctx.subjects.subjectName(topic, ctx.isKey, null);
    ContractSchema writer = ctx.contracts.parse(frame.writerSchema(ctx.registry, topic, subject));
    if (subject == null) {
      subject = ctx.subjects.subjectName(topic, ctx.isKey, writer.recordName());
    }
    Integer writerId = writer.contract().id();
    if (writerId == null) {
      return resolve(topic, subject, writer);
    }
    ReadTarget target = targets.get(new ReadKey(subject, writerId), k -> resolve(topic, k.subject(), writer));
    if (!id.isGuid()) {
      long epoch = ctx.epoch();
      Slot fresh = slot != null && slot.epoch == epoch
          ? slot.with(writerId, target)
          : Slot.of(topic, writerId, target, epoch);
      ctx.remember(slots, topic, fresh);
      lastSlot = fresh;
    }
    return target;
  }

  private ReadTarget resolve(String topic, String subject, ContractSchema writer) {
    ContractSchema reader;
    try {
      reader = switch (mode) {
        case LATEST_WITH_METADATA -> ctx.contracts.parse(
            ctx.registry.latestWithMetadata(subject, ctx.config.useLatestWithMetadata()));
        case LATEST -> ctx.contracts.parse(ctx.registry.latest(subject));
        case WRITER -> writer;
      };
    } catch (ContractNotFoundException e) {
      throw new ContractNotFoundException("No reader contract for subject '" + subject + "' ("
          + e.getMessage() + ")");
    }
    boolean sameContract = reader.contract().id() != null && reader.contract().id().equals(writer.contract().id());
    MigrationPlan plan = null;
    if (sameContract) {
      // The reader was fetched under the subject: the same contract, with its version there.
      writer = reader;
    } else if (mode != Mode.WRITER) {
      writer = inSubject(subject, writer);
      plan = plan(topic, subject, writer, reader);
    }
    PreparedRules readRules = ctx.rules.prepare(subject, reader, RulePhase.DOMAIN, RuleMode.READ);
    SerdeMetrics.Counter byResolution = SerdeMetrics.Counter.NONE;
    SerdeMetrics.Counter byRules = SerdeMetrics.Counter.NONE;
    if (plan != null) {
      Integer to = plan.reader().contract().version() != null
          ? plan.reader().contract().version() : reader.contract().version();
      Integer from = plan.writer().contract().version();
      if (from == null && to != null) {
        // The plan has one step per version between writer and reader.
        int hops = plan.steps().size();
        from = hops > 0 && plan.steps().get(0).mode() == RuleMode.DOWNGRADE ? to + hops : to - hops;
      }
      if (!plan.needsRules() || plan.resolution() != null) {
        byResolution = ctx.metrics().migrations(subject, from, to, MigrationEngine.RESOLUTION);
      }
      if (plan.needsRules()) {
        boolean compiled = plan.steps().stream().allMatch(step -> step.isBridge() || step.rules().allCompiled());
        byRules = ctx.metrics().migrations(subject, from, to,
            compiled ? MigrationEngine.COMPILED : MigrationEngine.INTERPRETED);
      }
    }
    PreparedRules encoding = ctx.rules.prepare(subject, writer, RulePhase.ENCODING, RuleMode.READ);
    return new ReadTarget(subject, writer, reader, writer.decoderFor(reader), plan, readRules, encoding, byResolution,
        byRules);
  }

  /**
   * The writer's contract as a version of {@code subject}, where the writer's id is registered:
   * a record's id says nothing of its version (one id can be version 3 of one subject and version 2
   * of another), so the version is the registry's answer for (subject, id), soft-deleted versions
   * included. A writer not registered under the subject is left as it is: the migration planner
   * then reports it.
   */
  private ContractSchema inSubject(String subject, ContractSchema writer) {
    RegisteredSchema contract = writer.contract();
    if (contract.id() == null || (subject.equals(contract.subject()) && contract.version() != null)) {
      return writer;
    }
    int version;
    try {
      version = ctx.registry.versionOf(subject, contract.id());
    } catch (ContractNotFoundException e) {
      return writer;
    }
    return ctx.contracts.parse(contract.withSubjectAndVersion(subject, version));
  }

  /** The migration plan; a failure to make it names topic, subject, writer and reader. */
  private MigrationPlan plan(String topic, String subject, ContractSchema writer, ContractSchema reader) {
    try {
      return planner.plan(subject, writer, reader);
    } catch (SerializationException e) {
      String context = "No migration of " + ctx.part() + "s of topic '" + topic + "', subject '" + subject
          + "' from " + version(writer.contract()) + " to " + version(reader.contract()) + ": ";
      if (e instanceof ContractNotFoundException) {
        throw new ContractNotFoundException(context + e.getMessage());
      }
      if (e instanceof RegistryUnavailableException) {
        throw new RegistryUnavailableException(context + e.getMessage(), e);
      }
      throw new SerializationException(context + e.getMessage(), e);
    }
  }

  private static String version(RegisteredSchema contract) {
    return contract.version() == null ? "schema id " + contract.id()
        : "version " + contract.version() + " (schema id " + contract.id() + ")";
  }

  @Override
  public void close() {
    ctx.close();
  }

  @Override
  public String toString() {
    return "ContractDeserializerEngine[" + ctx.format.schemaType() + ", " + mode + ", " + ctx.registry + "]";
  }

  private record ReadKey(String subject, int writerId) {}

  private record ReadTarget(String subject, ContractSchema writer, ContractSchema reader, PayloadDecoder decoder,
      MigrationPlan plan, PreparedRules readRules, PreparedRules encodingRules,
      SerdeMetrics.Counter migratedByResolution, SerdeMetrics.Counter migratedByRules) {}

  /** A topic's read targets of one TTL period, by writer id (a few; the oldest make way). */
  private record Slot(String topic, int[] writerIds, ReadTarget[] targets, long epoch) {
    private static final int MAX_WRITERS = 8;

    static Slot of(String topic, int writerId, ReadTarget target, long epoch) {
      return new Slot(topic, new int[] {writerId}, new ReadTarget[] {target}, epoch);
    }

    ReadTarget find(int writerId) {
      for (int i = 0; i < writerIds.length; i++) {
        if (writerIds[i] == writerId) {
          return targets[i];
        }
      }
      return null;
    }

    Slot with(int writerId, ReadTarget target) {
      int keep = Math.min(writerIds.length, MAX_WRITERS - 1);
      int[] ids = new int[keep + 1];
      ReadTarget[] ts = new ReadTarget[keep + 1];
      ids[0] = writerId;
      ts[0] = target;
      System.arraycopy(writerIds, 0, ids, 1, keep);
      System.arraycopy(targets, 0, ts, 1, keep);
      return new Slot(topic, ids, ts, epoch);
    }
  }
}
