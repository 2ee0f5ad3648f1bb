package io.contractserde.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RulePhase;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.NonConformingRecordException;
import io.contractserde.rule.RuleFailedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;

/**
 * Runs sample records through the real serdes: for each pair of adjacent versions, UPGRADE then
 * DOWNGRADE (domain and encoding rules switched off, so only the migration is judged); for each
 * version, each CONDITION domain rule on its own (the others switched off, actions forced to ERROR
 * so no DLQ is written). Samples are generated (reproducible from the seed) plus the folder's own.
 */
final class SampleChecks {
  private static final int EXAMPLE_CHARS = 400;

  private final ContractSource source;
  private final Map<String, ?> properties;
  private final long seed;
  private final int generated;
  private final RuleChecks rules;
  private final List<Finding> out;

  SampleChecks(ContractSource source, Map<String, ?> properties, long seed, int generated, RuleChecks rules,
      List<Finding> out) {
    this.source = source;
    this.properties = properties;
    this.seed = seed;
    this.generated = generated;
    this.rules = rules;
    this.out = out;
  }

  /** A sample record of one version: its native value, where it came from, and whether it must pass. */
  private record Sample(Object value, String origin, boolean user) {}

  /**
   * Runs every check on the subject's samples and returns how many samples each version used.
   * {@code parsed} holds the versions that parsed; the migration into a version of
   * {@code knownBroken} is not run (its compatibility finding already says why it fails).
   */
  Map<Integer, Integer> run(String subject, Map<Integer, RegisteredSchema> versions, Map<Integer, ContractSchema> parsed,
      Set<Integer> knownBroken) {
    Map<Integer, Integer> counts = new TreeMap<>();
    if (parsed.size() != versions.size() || versions.isEmpty()) {
      return counts;
    }
    try (SerdeScope scope = new SerdeScope(source.registry(), versions, properties)) {
      Map<Integer, List<Sample>> samples = new TreeMap<>();
      for (Map.Entry<Integer, ContractSchema> e : parsed.entrySet()) {
        samples.put(e.getKey(), samples(subject, e.getKey(), e.getValue(), scope));
        counts.put(e.getKey(), samples.get(e.getKey()).size());
      }
      List<Integer> order = new ArrayList<>(versions.keySet());
      for (int i = 0; i + 1 < order.size(); i++) {
        if (knownBroken.contains(order.get(i + 1))) {
          continue;
        }
        migrate(subject, versions, order.get(i), order.get(i + 1), samples.get(order.get(i)), scope);
      }
      for (int version : order) {
        domainRules(subject, versions.get(version), samples.get(version), invalidSamples(subject, version,
            parsed.get(version)), scope);
      }
    } catch (RuntimeException e) {
      // the scope could not be filled: an invalid rule set, already reported by the rule checks
      if (out.stream().noneMatch(f -> subject.equals(f.subject()) && f.severity() == Finding.Severity.ERROR)) {
        throw e;
      }
    }
    return counts;
  }

  /** Generated samples that the version accepts, and the folder's valid samples. */
  private List<Sample> samples(String subject, int version, ContractSchema schema, SerdeScope scope) {
    List<Sample> list = new ArrayList<>();
    Random random = new Random(seed * 31 + subject.hashCode() * 17L + version);
    RegisteredSchema contract = schema.contract();
    int refused = 0;
    String firstRefusal = null;
    Schema avro = null;
    JsonNode json = null;
    try {
      if (contract.schemaType().equals("AVRO")) {
        avro = AvroSchemas.parse(contract, source.registry());
      } else {
        json = ContractJson.mapper().readTree(contract.schema());
      }
    } catch (IOException | RuntimeException e) {
      return list;
    }
    AvroSamples avroSamples = new AvroSamples(random);
    JsonSamples jsonSamples = new JsonSamples(random);
    Map<String, String> noRules = disableAll(contract);
    for (int i = 0; i < generated; i++) {
      Object value = avro != null ? avroSamples.next(avro) : jsonSamples.next(json);
      try {
        scope.write(version, value, noRules);
        list.add(new Sample(value, "generated sample #" + (i + 1), false));
      } catch (RuntimeException e) {
        refused++;
        if (firstRefusal == null) {
          firstRefusal = rootMessage(e);
        }
      }
    }
    if (generated > 0 && refused * 2 > generated) {
      out.add(Check.SAMPLES_NOT_GENERATED.at(subject, version, "generator", refused + " of " + generated
          + " generated samples did not conform (first: " + firstRefusal + "); the migration and domain rules of this"
          + " version got fewer samples. Add samples as " + subject + "/samples/" + version + "/*.json."));
    }
    for (Path file : source.samples(subject, version, false)) {
      Object value = readSample(subject, version, schema, file);
      if (value != null) {
        try {
          scope.write(version, value, noRules);
          list.add(new Sample(value, location(file), true));
        } catch (RuntimeException e) {
          out.add(Check.SAMPLE_INVALID.at(subject, version, location(file), "The sample does not conform to version "
              + version + ": " + rootMessage(e) + ". Fix the sample or the schema."));
        }
      }
    }
    return list;
  }

  private List<Sample> invalidSamples(String subject, int version, ContractSchema schema) {
    List<Sample> list = new ArrayList<>();
    for (Path file : source.samples(subject, version, true)) {
      Object value = readSample(subject, version, schema, file);
      if (value != null) {
        list.add(new Sample(value, location(file), true));
      }
    }
    return list;
  }

  private String location(Path file) {
    return source.folder() == null ? file.toString() : source.folder().relativize(file).toString();
  }

  /** A sample file in the data model JSONata sees (for Avro: its JSON encoding, unions wrapped). */
  private Object readSample(String subject, int version, ContractSchema schema, Path file) {
    try {
      JsonNode node = ContractJson.mapper().readTree(file.toFile());
      if (schema.contract().schemaType().equals("JSON")) {
        return node;
      }
      return schema.fromModel(ContractJson.mapper().convertValue(node, Object.class));
    } catch (IOException | RuntimeException e) {
      out.add(Check.SAMPLE_INVALID.at(subject, version, location(file), "The sample cannot be read as a record of version "
          + version + ": " + rootMessage(e) + ". Samples hold one record in JSON (for Avro, in Avro's JSON encoding:"
          + " a non-null union value wrapped as {\"string\": \"x\"})."));
      return null;
    }
  }

  private void migrate(String subject, Map<Integer, RegisteredSchema> versions, int from, int to, List<Sample> samples,
      SerdeScope scope) {
    Map<String, String> migrationOnly = new LinkedHashMap<>();
    for (RegisteredSchema contract : versions.values()) {
      for (RulePhase phase : new RulePhase[] {RulePhase.DOMAIN, RulePhase.ENCODING}) {
        for (Rule rule : contract.rules().rules(phase)) {
          migrationOnly.put("rule.executors." + rule.name() + ".disabled", "true");
        }
      }
      for (Rule rule : contract.rules().migrationRules()) {
        migrationOnly.put("rule.executors." + rule.name() + ".onFailure", "ERROR");
        migrationOnly.put("rule.executors." + rule.name() + ".onSuccess", "NONE");
      }
    }
    String step = "v" + from + " -> v" + to;
    Map<String, Problem> problems = new LinkedHashMap<>();
    Set<String> differing = new TreeSet<>();
    int total = 0;
    for (Sample sample : samples) {
      total++;
      Object baseline;
      byte[] written;
      try {
        written = scope.write(from, sample.value(), migrationOnly);
        baseline = scope.read(from, written, migrationOnly);
      } catch (RuntimeException e) {
        continue;
      }
      Object upgraded;
      try {
        upgraded = scope.read(to, written, migrationOnly);
      } catch (RuntimeException e) {
        record(problems, e instanceof RuleFailedException || cause(e, RuleFailedException.class)
            ? Check.MIGRATION_RULE_THROWS : Check.UPGRADE_DOES_NOT_CONFORM, "UPGRADE", e, sample);
        continue;
      }
      byte[] rewritten;
      try {
        rewritten = scope.write(to, upgraded, migrationOnly);
      } catch (RuntimeException e) {
        record(problems, Check.UPGRADE_DOES_NOT_CONFORM, "UPGRADE", e, sample);
        continue;
      }
      Object downgraded;
      try {
        downgraded = scope.read(from, rewritten, migrationOnly);
      } catch (RuntimeException e) {
        record(problems, e instanceof RuleFailedException || cause(e, RuleFailedException.class)
            ? Check.MIGRATION_RULE_THROWS : Check.DOWNGRADE_DOES_NOT_CONFORM, "DOWNGRADE", e, sample);
        continue;
      }
      List<String> diff = new ArrayList<>();
      JsonNode before = tree(baseline);
      JsonNode after = tree(downgraded);
      JsonDiff.diff(before, after, "", diff);
      if (!diff.isEmpty()) {
        differing.addAll(diff);
        Problem p = problems.computeIfAbsent(Check.ROUND_TRIP_DIFFERS.id(), k -> new Problem(Check.ROUND_TRIP_DIFFERS,
            sample, "", before + " came back as " + after));
        p.count++;
      }
    }
    for (Problem p : problems.values()) {
      String message = switch (p.check) {
        case ROUND_TRIP_DIFFERS -> p.count + " of " + total + " samples did not come back equal after UPGRADE to v" + to
            + " and DOWNGRADE back to v" + from + "; the fields " + differing + " differ. Make the DOWNGRADE rules of v"
            + to + " restore what its UPGRADE rules change. Example (" + p.sample.origin() + "): " + p.detail;
        case MIGRATION_RULE_THROWS -> p.count + " of " + total + " samples made a migration rule fail during " + p.stage
            + " (" + step + "): " + p.detail + ". Fix the rule of v" + to + " so it handles such records. Example ("
            + p.sample.origin() + "): " + example(p.sample);
        case UPGRADE_DOES_NOT_CONFORM -> p.count + " of " + total + " samples, upgraded to v" + to
            + ", do not conform to v" + to + ": " + p.detail + ". Make the UPGRADE rules of v" + to
            + " produce every field v" + to + " requires. Example (" + p.sample.origin() + "): " + example(p.sample);
        default -> p.count + " of " + total + " samples, upgraded to v" + to + " and downgraded again, do not conform to v"
            + from + ": " + p.detail + ". Make the DOWNGRADE rules of v" + to + " produce every field v" + from
            + " requires. Example (" + p.sample.origin() + "): " + example(p.sample);
      };
      out.add(p.check.at(subject, to, p.sample.user() ? p.sample.origin() : step, message));
    }
  }

  private static final class Problem {
    final Check check;
    final Sample sample;
    final String stage;
    final String detail;
    int count;

    Problem(Check check, Sample sample, String stage, String detail) {
      this.check = check;
      this.sample = sample;
      this.stage = stage;
      this.detail = detail;
    }
  }

  private static void record(Map<String, Problem> problems, Check check, String stage, RuntimeException e, Sample sample) {
    String key = check.id() + " " + stage;
    problems.computeIfAbsent(key, k -> new Problem(check, sample, stage, rootMessage(e))).count++;
  }

  private void domainRules(String subject, RegisteredSchema contract, List<Sample> valid, List<Sample> invalid,
      SerdeScope scope) {
    int version = contract.version();
    List<Rule> conditions = new ArrayList<>();
    for (Rule rule : contract.rules().domainRules()) {
      if (rule.kind() == RuleKind.CONDITION && !rule.disabled() && rule.type() != null && rules.hasExecutor(rule.type())
          && !rule.mode().isMigration() && !broken(subject, version, rule)) {
        conditions.add(rule);
      }
    }
    Map<String, String> noRules = disableAll(contract);
    Map<Sample, Boolean> invalidFailed = new LinkedHashMap<>();
    for (Sample s : invalid) {
      boolean conforms;
      try {
        scope.write(version, s.value(), noRules);
        conforms = true;
      } catch (RuntimeException e) {
        conforms = false;
      }
      invalidFailed.put(s, !conforms);
    }
    for (Rule rule : conditions) {
      Map<String, String> only = new LinkedHashMap<>(noRules);
      only.remove("rule.executors." + rule.name() + ".disabled");
      only.put("rule.executors." + rule.name() + ".onFailure", "ERROR");
      only.put("rule.executors." + rule.name() + ".onSuccess", "NONE");
      int generatedTotal = 0;
      int generatedFailed = 0;
      for (Sample sample : valid) {
        boolean failed = fails(rule, sample, version, noRules, only, scope);
        if (!sample.user()) {
          generatedTotal++;
          generatedFailed += failed ? 1 : 0;
        } else if (failed) {
          out.add(Check.SAMPLE_FAILS_DOMAIN_RULE.at(subject, version, sample.origin(), "The sample fails the domain rule '"
              + rule.name() + "' (" + rule.expr() + "), but samples under samples/" + version + "/ must pass: fix the"
              + " rule, or move the sample to samples/" + version + "/invalid/."));
        }
      }
      for (Sample sample : invalid) {
        if (fails(rule, sample, version, noRules, only, scope)) {
          invalidFailed.put(sample, true);
        }
      }
      if (generatedFailed > 0) {
        out.add(Check.DOMAIN_RULE_FAILURES.at(subject, version, "rule " + rule.name(), "The domain rule '" + rule.name()
            + "' rejected " + generatedFailed + " of " + generatedTotal + " generated samples"
            + (generatedFailed == generatedTotal ? " (all: random values rarely meet it, or it is too strict)" : "")
            + "."));
      }
    }
    invalidFailed.forEach((sample, failed) -> {
      if (!failed) {
        out.add(Check.INVALID_SAMPLE_PASSES.at(subject, version, sample.origin(), "The sample passes every domain rule"
            + (conditions.isEmpty() ? " (version " + version + " has no CONDITION rule)" : " ("
                + String.join(", ", conditions.stream().map(Rule::name).toList()) + ")")
            + ", but samples under samples/" + version + "/invalid/ must fail one: tighten a rule or move the sample."));
      }
    });
  }

  /** True when a finding already says the rule cannot run (its expression does not compile). */
  private boolean broken(String subject, int version, Rule rule) {
    return out.stream().anyMatch(f -> (f.id().equals(Check.EXPRESSION_DOES_NOT_COMPILE.id())
        || f.id().equals(Check.EXPRESSION_NAMES_UNKNOWN_FIELD.id()))
        && subject.equals(f.subject()) && Integer.valueOf(version).equals(f.version())
        && f.location() != null && f.location().endsWith(" " + rule.name()));
  }

  private static boolean fails(Rule rule, Sample sample, int version, Map<String, String> noRules,
      Map<String, String> only, SerdeScope scope) {
    try {
      if (rule.mode().appliesTo(RuleMode.WRITE)) {
        scope.write(version, sample.value(), only);
      } else {
        scope.read(version, scope.write(version, sample.value(), noRules), only);
      }
      return false;
    } catch (RuleFailedException e) {
      return true;
    } catch (RuntimeException e) {
      return cause(e, RuleFailedException.class) || !cause(e, NonConformingRecordException.class);
    }
  }

  /** Properties that switch off every rule of the contract. */
  private static Map<String, String> disableAll(RegisteredSchema contract) {
    Map<String, String> props = new TreeMap<>();
    for (Rule rule : RuleChecks.all(contract)) {
      if (rule.name() != null) {
        props.put("rule.executors." + rule.name() + ".disabled", "true");
      }
    }
    return props;
  }

  private static boolean cause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof RuleFailedException || t instanceof NonConformingRecordException) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      return e.toString();
    }
    // the serdes ran on a private topic and registry: leave their names and ids out
    return message.replace(" of topic '" + SerdeScope.TOPIC + "'", "")
        .replace(" for topic '" + SerdeScope.TOPIC + "'", "")
        .replace(" topic '" + SerdeScope.TOPIC + "',", "")
        .replace("subject '" + SerdeScope.SUBJECT + "' ", "")
        .replaceAll(" ?\\(schema id [0-9]+\\)", "");
  }

  private static String example(Sample sample) {
    String text = tree(sample.value()).toString();
    return text.length() > EXAMPLE_CHARS ? text.substring(0, EXAMPLE_CHARS) + "..." : text;
  }

  /** A value as a JSON tree, for comparison and messages. */
  static JsonNode tree(Object value) {
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof GenericContainer) {
      try {
        return ContractJson.mapper().readTree(GenericData.get().toString(value));
      } catch (IOException e) {
        return ContractJson.mapper().getNodeFactory().textNode(String.valueOf(value));
      }
    }
    return ContractJson.mapper().valueToTree(value);
  }

  /** Differences between two JSON trees, as JSON pointers. */
  static final class JsonDiff {
    private JsonDiff() {}

    static void diff(JsonNode a, JsonNode b, String at, List<String> out) {
      if (a == null || b == null || a.isNull() || b.isNull()) {
        if (!((a == null || a.isNull()) && (b == null || b.isNull()))) {
          out.add(at.isEmpty() ? "/" : at);
        }
        return;
      }
      if (a.isNumber() && b.isNumber()) {
        if (a.decimalValue().compareTo(b.decimalValue()) != 0) {
          out.add(at.isEmpty() ? "/" : at);
        }
        return;
      }
      if (a.isObject() && b.isObject()) {
        Set<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
          diff(a.get(name), b.get(name), at + "/" + name, out);
        }
        return;
      }
      if (a.isArray() && b.isArray() && a.size() == b.size()) {
        Iterator<JsonNode> ia = ((ArrayNode) a).elements();
        Iterator<JsonNode> ib = ((ArrayNode) b).elements();
        for (int i = 0; ia.hasNext(); i++) {
          diff(ia.next(), ib.next(), at + "/" + i, out);
        }
        return;
      }
      if (!a.equals(b)) {
        out.add(at.isEmpty() ? "/" : at);
      }
    }
  }
}
