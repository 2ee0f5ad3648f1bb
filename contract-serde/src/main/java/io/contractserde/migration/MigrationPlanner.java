package io.contractserde.migration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RulePhase;
import io.contractserde.format.ContractSchema;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.rule.PreparedRules;
import io.contractserde.rule.RuleEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Computes {@link MigrationPlan}s and keeps them: one per (subject, writer id, reader id), so the
 * per-record work is decode, run the plan, build the reader's record.
 *
 * <p>The walk is the incumbent's: versions from the lower to the higher of writer and reader, every
 * intermediate version included; for each adjacent pair the higher version's UPGRADE (or UPDOWN)
 * rules take a record up, its DOWNGRADE (or UPDOWN) rules, in reverse order, take it down.
 * Unlike the incumbent, a pair without rules is not skipped into a failure but bridged by
 * schema resolution.
 */
public final class MigrationPlanner {
  private final ContractRegistry registry;
  private final Function<RegisteredSchema, ContractSchema> parser;
  private final RuleEngine engine;
  private final Cache<PlanKey, MigrationPlan> plans;
  private final boolean compile;

  /**
   * @param parser parses (and caches) a contract of the serde's format
   * @param compile whether plans of plain field renames and drops run as schema resolution
   */
  public MigrationPlanner(ContractRegistry registry, Function<RegisteredSchema, ContractSchema> parser,
      RuleEngine engine, int maxPlans, boolean compile) {
    this.registry = registry;
    this.parser = parser;
    this.engine = engine;
    this.plans = Caffeine.newBuilder().maximumSize(maxPlans).build();
    this.compile = compile;
  }

  /** The plan from {@code writer} to {@code reader} under {@code subject}, computed on first use. */
  public MigrationPlan plan(String subject, ContractSchema writer, ContractSchema reader) {
    return plans.get(new PlanKey(subject, writer.contract().id(), reader.contract().id()),
        k -> compute(subject, writer, reader));
  }

  private MigrationPlan compute(String subject, ContractSchema writer, ContractSchema reader) {
    int writerVersion = versionOf(subject, writer);
    Integer readerVersion = reader.contract().version();
    if (readerVersion == null) {
      readerVersion = versionOf(subject, reader);
    }
    if (writerVersion == readerVersion) {
      return new MigrationPlan(writer, reader, List.of(), compile);
    }
    boolean upgrade = writerVersion < readerVersion;
    int low = Math.min(writerVersion, readerVersion);
    int high = Math.max(writerVersion, readerVersion);
    List<ContractSchema> chain = new ArrayList<>();
    chain.add(upgrade ? writer : reader);
    for (int v = low + 1; v < high; v++) {
      chain.add(parser.apply(registry.byVersion(subject, v).withSubjectAndVersion(subject, v)));
    }
    chain.add(upgrade ? reader : writer);
    List<MigrationStep> steps = new ArrayList<>();
    for (int i = 1; i < chain.size(); i++) {
      ContractSchema lower = chain.get(i - 1);
      ContractSchema higher = chain.get(i);
      if (upgrade) {
        PreparedRules rules = engine.prepare(subject, higher, RulePhase.MIGRATION, RuleMode.UPGRADE);
        steps.add(new MigrationStep(RuleMode.UPGRADE, lower, higher, rules));
      } else {
        PreparedRules rules = engine.prepare(subject, higher, RulePhase.MIGRATION, RuleMode.DOWNGRADE);
        steps.add(new MigrationStep(RuleMode.DOWNGRADE, higher, lower, rules));
      }
    }
    if (!upgrade) {
      Collections.reverse(steps);
    }
    return new MigrationPlan(writer, reader, steps, compile);
  }

  /**
   * The version of a contract under {@code subject}: its own when it was fetched under that subject,
   * its {@code confluent:version} property, or the registry's version of its id under the subject
   * (a version belongs to (subject, id), never to the id alone).
   */
  private int versionOf(String subject, ContractSchema schema) {
    RegisteredSchema contract = schema.contract();
    if (contract.version() != null && subject.equals(contract.subject())) {
      return contract.version();
    }
    String property = contract.property(Metadata.CONFLUENT_VERSION);
    if (property != null) {
      try {
        return Integer.parseInt(property.trim());
      } catch (NumberFormatException ignored) {
        // fall through to the registry
      }
    }
    try {
      return registry.versionOf(subject, contract.id());
    } catch (ContractNotFoundException e) {
      throw new SerializationException("Schema id " + contract.id() + " is not registered under subject '"
          + subject + "', so no migration to or from it can be planned", e);
    }
  }

  private record PlanKey(String subject, int writerId, int readerId) {}
}
