package io.contractserde.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.SchemaReference;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.SchemaFormat;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.ContractRegistries;
import io.contractserde.tools.Finding.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Verifies data contracts before they reach production: from a folder kept in git (the
 * {@code file://} layout) or a registry. Checks that each schema parses and its references
 * resolve, that rule sets are valid, that every rule type has an executor and every expression
 * compiles, that tags reach fields, that versions are compatible within their compatibility group
 * (and breaking changes across groups carry UPGRADE and DOWNGRADE rules), and runs migrations and
 * domain rules on sample records through the real serdes. See the README's finding table.
 *
 * <pre>{@code
 * VerificationReport report = new ContractVerifier.Builder().seed(42).build().verify(Path.of("contracts"));
 * assertTrue(report.passed(), report.toText());
 * }</pre>
 *
 * <p>Built once, a verifier is immutable and may verify many sources, from many threads.
 */
public final class ContractVerifier {
  /** How many records are generated per version unless {@link Builder#samples} says otherwise. */
  public static final int DEFAULT_SAMPLES = 20;

  private final Map<String, Object> properties;
  private final List<String> subjects;
  private final long seed;
  private final int samples;

  private ContractVerifier(Builder builder) {
    this.properties = Map.copyOf(builder.properties);
    this.subjects = List.copyOf(builder.subjects);
    this.seed = builder.seed;
    this.samples = builder.samples;
  }

  /** A builder holding this verifier's settings, to derive another. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ContractVerifier}. */
  public static final class Builder {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> subjects = new ArrayList<>();
    private long seed = 1;
    private int samples = DEFAULT_SAMPLES;

    /** A builder with the defaults: every subject, seed 1, {@value ContractVerifier#DEFAULT_SAMPLES} samples per version. */
    public Builder() {}

    Builder(ContractVerifier verifier) {
      properties.putAll(verifier.properties);
      subjects.addAll(verifier.subjects);
      seed = verifier.seed;
      samples = verifier.samples;
    }

    /**
     * Serde properties, under the serdes' own key names: the registry's auth and TLS
     * ({@code basic.auth.user.info}, {@code schema.registry.ssl.*}, ...), rule executor
     * parameters ({@code rule.executors.*}) and so on. {@code schema.registry.url} is set by
     * {@link ContractVerifier#verify(String)}.
     */
    public Builder properties(Map<String, ?> properties) {
      this.properties.putAll(properties);
      return this;
    }

    /** One serde property; see {@link #properties}. */
    public Builder property(String key, Object value) {
      this.properties.put(key, value);
      return this;
    }

    /** Verifies only these subjects (called again, adds more). Default: every subject. */
    public Builder subjects(List<String> subjects) {
      this.subjects.addAll(subjects);
      return this;
    }

    /** The seed of the sample generator: the same seed gives the same samples. Default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How many records to generate per version (0 runs only the folder's own samples). */
    public Builder samples(int samples) {
      if (samples < 0) {
        throw new IllegalArgumentException("samples must be >= 0, not " + samples);
      }
      this.samples = samples;
      return this;
    }

    public ContractVerifier build() {
      return new ContractVerifier(this);
    }
  }

  /** Verifies a contract folder ({@code <subject>/<version>.json}). */
  public VerificationReport verify(Path folder) {
    List<Finding> findings = new ArrayList<>();
    Optional<ContractSource> source = ContractSource.openFolder(folder, findings);
    if (source.isEmpty()) {
      return new VerificationReport(folder.toString(), findings, List.of());
    }
    try (ContractSource s = source.get()) {
      return verify(s, findings);
    }
  }

  /**
   * Verifies a folder (a path or a {@code file://} URL) or a registry ({@code http(s)://},
   * {@code mock://}).
   *
   * @throws RuntimeException when the registry cannot be reached or the folder read (an I/O error,
   *     not a finding)
   */
  public VerificationReport verify(String folderOrUrl) {
    if (ContractSource.isFolder(folderOrUrl)) {
      return verify(ContractSource.folderOf(folderOrUrl));
    }
    Map<String, Object> props = new LinkedHashMap<>(properties);
    props.put(ContractSerdeConfig.SCHEMA_REGISTRY_URL, folderOrUrl);
    try (ContractSource source = ContractSource.openRegistry(props)) {
      return verify(source, new ArrayList<>());
    }
  }

  private Map<String, Object> serdeProperties(ContractSource source) {
    Map<String, Object> props = new LinkedHashMap<>(properties);
    props.putIfAbsent(ContractSerdeConfig.SCHEMA_REGISTRY_URL, "mock://contract-serde-tools-unused");
    return props;
  }

  private VerificationReport verify(ContractSource source, List<Finding> findings) {
    Map<String, Object> props = serdeProperties(source);
    Formats formats = new Formats(props);
    List<VerificationReport.VersionSummary> summary = new ArrayList<>();
    try (RuleChecks ruleChecks = new RuleChecks(new ContractSerdeConfig(props))) {
      for (String subject : source.subjects(subjects)) {
        if (!source.hasSubject(subject)) {
          throw new ContractNotFoundException("Subject '" + subject + "' not found in " + source.description());
        }
        int before = findings.size();
        Map<Integer, Integer> sampleCounts = verifySubject(source, subject, formats, ruleChecks, props, findings);
        List<Finding> mine = findings.subList(before, findings.size());
        for (int version : source.versions(subject).keySet()) {
          summary.add(new VerificationReport.VersionSummary(subject, version, sampleCounts.getOrDefault(version, 0),
              count(mine, version, Severity.ERROR), count(mine, version, Severity.WARNING)));
        }
      }
    }
    return new VerificationReport(source.description(), findings, summary);
  }

  private static int count(List<Finding> findings, int version, Severity severity) {
    return (int) findings.stream()
        .filter(f -> f.severity() == severity && Objects.equals(f.version(), version)).count();
  }

  private Map<Integer, Integer> verifySubject(ContractSource source, String subject, Formats formats,
      RuleChecks ruleChecks, Map<String, Object> props, List<Finding> findings) {
    Map<Integer, RegisteredSchema> versions = source.versions(subject);
    SubjectConfig config = subjectConfig(source, subject, findings);
    Map<Integer, ContractSchema> parsed = new LinkedHashMap<>();
    for (RegisteredSchema contract : versions.values()) {
      int version = contract.version();
      boolean referencesResolve = true;
      for (SchemaReference ref : contract.references()) {
        try {
          source.registry().byVersion(ref.subject(), ref.version());
        } catch (ContractNotFoundException e) {
          referencesResolve = false;
          findings.add(Check.REFERENCE_UNRESOLVED.at(subject, version, "references " + ref.name(), "The reference '"
              + ref.name() + "' names version " + ref.version() + " of subject '" + ref.subject()
              + "', which does not exist: add that contract or fix the reference."));
        }
      }
      ruleChecks.check(contract, findings);
      Optional<SchemaFormat> format = formats.of(contract.schemaType());
      if (format.isEmpty()) {
        findings.add(Check.SCHEMA_DOES_NOT_PARSE.at(subject, version, "schemaType", "Schema type "
            + contract.schemaType() + " is not supported by contract-serde: use AVRO or JSON."));
        continue;
      }
      if (!referencesResolve) {
        continue;
      }
      ContractSchema schema;
      try {
        schema = format.get().parse(contract, source.registry());
      } catch (RuntimeException e) {
        findings.add(Check.SCHEMA_DOES_NOT_PARSE.at(subject, version, "schema", "The " + contract.schemaType()
            + " schema does not parse: " + SampleChecks.rootMessage(e) + ". Fix the schema."));
        continue;
      }
      parsed.put(version, schema);
      TagChecks.check(schema, findings);
      CelFieldChecks.check(schema, findings);
    }
    compatibility(source, subject, versions, parsed, config, findings);
    boolean rulesBroken = findings.stream().anyMatch(f -> subject.equals(f.subject())
        && (f.id().equals(Check.RULE_SET_INVALID.id()) || f.id().equals(Check.RULE_ACTION_UNKNOWN.id())));
    if (rulesBroken) {
      return Map.of();
    }
    Set<Integer> knownBroken = new java.util.HashSet<>();
    for (Finding f : findings) {
      boolean brokenMigrationRule = f.location() != null && f.location().startsWith("ruleSet.migrationRules")
          && (f.id().equals(Check.EXPRESSION_DOES_NOT_COMPILE.id()) || f.id().equals(Check.RULE_EXECUTOR_MISSING.id()));
      if (subject.equals(f.subject()) && f.version() != null && (f.id().equals(Check.INCOMPATIBLE_CHANGE.id())
          || f.id().equals(Check.BREAKING_CHANGE_WITHOUT_MIGRATION.id()) || brokenMigrationRule)) {
        knownBroken.add(f.version());
      }
    }
    return new SampleChecks(source, props, seed, samples, ruleChecks, findings).run(subject, versions, parsed,
        knownBroken);
  }

  /** A subject's {@code compatibilityGroup} and {@code compatibility} level. */
  private record SubjectConfig(String group, String level) {
    static final Set<String> LEVELS = Set.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE",
        "FULL", "FULL_TRANSITIVE");
  }

  private static SubjectConfig subjectConfig(ContractSource source, String subject, List<Finding> findings) {
    String location = source.folder() == null ? "config" : subject + "/config.json";
    JsonNode node;
    try {
      node = source.subjectConfig(subject).orElse(null);
    } catch (IllegalArgumentException e) {
      findings.add(Check.SUBJECT_CONFIG_INVALID.at(subject, null, location, "The subject config " + e.getMessage() + "."));
      return new SubjectConfig(null, "BACKWARD");
    }
    if (node == null) {
      return new SubjectConfig(null, "BACKWARD");
    }
    String group = node.hasNonNull("compatibilityGroup") ? node.get("compatibilityGroup").asText() : null;
    JsonNode levelNode = node.hasNonNull("compatibility") ? node.get("compatibility") : node.get("compatibilityLevel");
    String level = levelNode == null ? "BACKWARD" : levelNode.asText().trim().toUpperCase(Locale.ROOT);
    if (!SubjectConfig.LEVELS.contains(level)) {
      findings.add(Check.SUBJECT_CONFIG_INVALID.at(subject, null, location, "Unknown compatibility '" + levelNode.asText()
          + "': use one of " + String.join(", ", SubjectConfig.LEVELS.stream().sorted().toList()) + "."));
      level = "BACKWARD";
    }
    return new SubjectConfig(group, level);
  }

  private static void compatibility(ContractSource source, String subject, Map<Integer, RegisteredSchema> versions,
      Map<Integer, ContractSchema> parsed, SubjectConfig config, List<Finding> findings) {
    List<Integer> order = new ArrayList<>(versions.keySet());
    for (int i = 1; i < order.size(); i++) {
      int version = order.get(i);
      RegisteredSchema current = versions.get(version);
      if (!parsed.containsKey(version)) {
        continue;
      }
      String group = groupOf(current, config);
      if (!config.level().equals("NONE")) {
        boolean transitive = config.level().endsWith("_TRANSITIVE");
        for (int j = i - 1; j >= 0; j--) {
          RegisteredSchema earlier = versions.get(order.get(j));
          if (!Objects.equals(groupOf(earlier, config), group) || !parsed.containsKey(earlier.version())) {
            continue;
          }
          List<String> problems = new ArrayList<>();
          if (config.level().startsWith("BACKWARD") || config.level().startsWith("FULL")) {
            problems.addAll(incompatibilities(source, current, earlier));
          }
          if (config.level().startsWith("FORWARD") || config.level().startsWith("FULL")) {
            incompatibilities(source, earlier, current).forEach(p -> problems.add("(forward) " + p));
          }
          if (!problems.isEmpty()) {
            findings.add(Check.INCOMPATIBLE_CHANGE.at(subject, version, "v" + earlier.version() + " -> v" + version,
                "Version " + version + " is not " + config.level() + " compatible with version " + earlier.version()
                    + (config.group() == null ? "" : " (same " + config.group() + " " + group + ")") + ": "
                    + String.join("; ", problems) + ". Make the change compatible (for example, give a new field a"
                    + " default)" + (config.group() == null
                        ? ", or start a new compatibility group: set \"compatibilityGroup\" in " + subject
                            + "/config.json and bump that metadata property, with UPGRADE and DOWNGRADE rules."
                        : ", or bump metadata.properties." + config.group() + " and add UPGRADE and DOWNGRADE rules.")));
          }
          if (!transitive) {
            break;
          }
        }
      }
      RegisteredSchema previous = versions.get(order.get(i - 1));
      if (!Objects.equals(groupOf(previous, config), group) && parsed.containsKey(previous.version())) {
        List<String> breaking = incompatibilities(source, current, previous);
        boolean up = hasMigration(current, RuleMode.UPGRADE);
        boolean down = hasMigration(current, RuleMode.DOWNGRADE);
        if (!breaking.isEmpty() && (!up || !down)) {
          findings.add(Check.BREAKING_CHANGE_WITHOUT_MIGRATION.at(subject, version, "v" + previous.version() + " -> v"
              + version, "Version " + version + " starts " + config.group() + " " + group + " with a breaking change ("
              + String.join("; ", breaking) + ") but has no " + (!up && !down ? "UPGRADE or DOWNGRADE" : !up ? "UPGRADE"
                  : "DOWNGRADE") + " rule: add migrationRules to version " + version + " that turn v" + previous.version()
              + " records into v" + version + " records and back, so readers of either version keep working."));
        }
      }
    }
  }

  private static boolean hasMigration(RegisteredSchema contract, RuleMode mode) {
    for (Rule rule : contract.rules().migrationRules()) {
      if (rule.mode().appliesTo(mode) && !rule.disabled()) {
        return true;
      }
    }
    return false;
  }

  private static String groupOf(RegisteredSchema contract, SubjectConfig config) {
    return config.group() == null ? null : contract.property(config.group());
  }

  /** Why a reader of {@code reader} cannot read data written with {@code writer}; empty when it can. */
  private static List<String> incompatibilities(ContractSource source, RegisteredSchema reader, RegisteredSchema writer) {
    List<String> problems = new ArrayList<>();
    if (!reader.schemaType().equals(writer.schemaType())) {
      problems.add("the schema type changed from " + writer.schemaType() + " to " + reader.schemaType());
      return problems;
    }
    try {
      if (reader.schemaType().equals("AVRO")) {
        Schema r = AvroSchemas.parse(reader, source.registry());
        Schema w = AvroSchemas.parse(writer, source.registry());
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(r, w);
        for (SchemaCompatibility.Incompatibility inc : result.getResult().getIncompatibilities()) {
          problems.add(inc.getType().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " '" + inc.getMessage()
              + "' at " + inc.getLocation());
        }
      } else if (reader.schemaType().equals("JSON")) {
        problems.addAll(JsonSchemaCompatibility.backward(ContractJson.mapper().readTree(reader.schema()),
            ContractJson.mapper().readTree(writer.schema())));
      }
    } catch (IOException | RuntimeException e) {
      problems.add("cannot compare: " + e.getMessage());
    }
    return problems;
  }

  @Override
  public String toString() {
    return "ContractVerifier[seed=" + seed + ", samples=" + samples + ", subjects=" + subjects
        + ", properties=" + ContractRegistries.withoutUserInfo(properties.keySet().toString()) + "]";
  }
}
