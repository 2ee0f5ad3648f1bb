package io.contractserde.migration;

import io.contractserde.format.ContractSchema;
import io.contractserde.format.ModelResolver;
import io.contractserde.format.NonConformingRecordException;
import io.contractserde.format.PayloadDecoder;
import io.contractserde.rule.RecordContext;
import io.contractserde.rule.RuleEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * How records of one writer contract become records of one reader contract. Immutable; shared by
 * every thread reading that (subject, writer, reader).
 *
 * <p>When no step has rules, {@link #needsRules()} is false and the format's own schema resolution
 * decodes writer to reader directly. When every rule is a plain field rename or drop,
 * {@link #resolution()} does the same with renamed fields. Otherwise the record is decoded with the
 * writer's schema into the data model, each step runs in turn, and the result is built in the
 * reader's shape. A step without rules in such a plan is the format's schema resolution of that
 * hop ({@link ContractSchema#resolverTo}), exactly what a reader of its target would get from a
 * record written with its source.
 */
public final class MigrationPlan {
  private final ContractSchema writer;
  private final ContractSchema reader;
  private final List<MigrationStep> steps;
  private final boolean needsRules;
  private final PayloadDecoder resolution;
  /** {@code from version 1 (schema id 4) to version 3 (schema id 9)}, for messages. */
  private final String description;
  /** Per step, the resolver of a step without rules, else null. */
  private final List<ModelResolver> resolvers;

  MigrationPlan(ContractSchema writer, ContractSchema reader, List<MigrationStep> steps, boolean compile) {
    this.writer = writer;
    this.reader = reader;
    this.steps = List.copyOf(steps);
    this.needsRules = steps.stream().anyMatch(s -> !s.isBridge());
    this.resolution = needsRules && compile ? ResolutionPlans.compile(writer, reader, this.steps) : null;
    this.description = "from " + version(writer) + " to " + version(reader);
    List<ModelResolver> bridges = new ArrayList<>(steps.size());
    for (MigrationStep step : this.steps) {
      bridges.add(needsRules && step.isBridge() ? step.source().resolverTo(step.target()) : null);
    }
    this.resolvers = Collections.unmodifiableList(bridges);
  }

  private static String version(ContractSchema schema) {
    Integer version = schema.contract().version();
    return version == null ? "schema id " + schema.contract().id()
        : "version " + version + " (schema id " + schema.contract().id() + ")";
  }

  /** How this plan migrates, for messages: {@code from version 1 (schema id 4) to version 3 (schema id 9)}. */
  public String description() {
    return description;
  }

  public ContractSchema writer() {
    return writer;
  }

  public ContractSchema reader() {
    return reader;
  }

  /** The hops, in the order they run. */
  public List<MigrationStep> steps() {
    return steps;
  }

  /** True when at least one hop has rules, so the record must go through the data model. */
  public boolean needsRules() {
    return needsRules;
  }

  /**
   * The compiled fast path: when every rule of the plan is a recognized field rename or drop, a
   * decoder that gives the interpreter's result by schema resolution; otherwise null.
   */
  public PayloadDecoder resolution() {
    return resolution;
  }

  /**
   * Runs the steps on a writer record in the data model and returns the reader's native record.
   */
  public Object migrate(RuleEngine engine, RecordContext record, Object writerModel) {
    RecordContext migrating = record.migrating(description);
    Object model = writerModel;
    int last = steps.size() - 1;
    for (int i = 0; i <= last; i++) {
      MigrationStep step = steps.get(i);
      if (step.isBridge()) {
        model = resolve(resolvers.get(i), model, step, migrating);
      } else {
        model = engine.execute(step.rules(), migrating, model, step.source(), step.target());
      }
    }
    return build(reader, model, steps.get(last), migrating);
  }

  /** A step without rules: the format's schema resolution of the hop. */
  private static Object resolve(ModelResolver resolver, Object model, MigrationStep step, RecordContext record) {
    try {
      return resolver.resolve(model);
    } catch (NonConformingRecordException e) {
      throw e.inContext(bridgeContext(step, record));
    } catch (SerializationException e) {
      throw new SerializationException(bridgeContext(step, record) + ": " + e.getMessage(), e);
    }
  }

  private static String bridgeContext(MigrationStep step, RecordContext record) {
    return "Migrating a record of topic '" + record.topic() + "', subject '" + record.subject() + "' "
        + record.migration() + ": schema resolution of the record " + step.mode() + " from version "
        + step.source().contract().version() + " (schema id " + step.source().contract().id() + ") to version "
        + step.target().contract().version() + " (schema id " + step.target().contract().id()
        + "), a hop without migration rules, failed";
  }

  private static Object build(ContractSchema target, Object model, MigrationStep step, RecordContext record) {
    try {
      return target.fromModel(model);
    } catch (NonConformingRecordException e) {
      throw e.inContext("Migrating a record of topic '" + record.topic() + "', subject '" + record.subject() + "' "
          + record.migration() + ": the record migrated " + step.mode() + " to version "
          + target.contract().version() + " (schema id " + target.contract().id() + ") does not fit it"
          + (step.isBridge() ? "" : " after rules " + step.rules().ruleNames()));
    }
  }
}
