package io.contractserde.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.contract.SchemaReference;
import io.contractserde.format.SchemaCanonicalForm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry whose state is held in memory: ids, GUIDs and the version list of each subject. The
 * base of the {@code mock://} and the {@code file://} registries. Reads are lock-free; writes are
 * serialised.
 *
 * <p>Schemas are compared as the Confluent registry compares them: parsed, through the format's
 * {@link SchemaCanonicalForm} (found by {@link ServiceLoader}), so a contract that spells a nested
 * type's namespace out, or writes {@code {"type":"string"}} for {@code "string"}, is the same schema
 * as a record's. A type without a canonical form is compared as a JSON tree, else as text. Each
 * stored version's key is computed once, on its first comparison.
 *
 * <p>Soft-deleted versions stay: by id, by version, in {@link #versions} and {@link #versionOf}; not
 * for {@link #latest} or {@link #lookup} (see {@link ContractRegistry}).
 */
abstract class InMemoryRegistry implements ContractRegistry {
  private static final Logger log = LoggerFactory.getLogger(InMemoryRegistry.class);

  private final String name;
  private final Map<String, SchemaCanonicalForm> canonicalForms;
  private final Map<Integer, RegisteredSchema> byId = new ConcurrentHashMap<>();
  private final Map<String, RegisteredSchema> byGuid = new ConcurrentHashMap<>();
  /** Each value is an immutable list of the subject's versions, ascending. */
  private final Map<String, List<Stored>> subjects = new ConcurrentHashMap<>();
  private final Map<DefinitionKey, Integer> idsByDefinition = new ConcurrentHashMap<>();
  /** Each stored version's comparison key, computed on its first comparison. */
  private final Map<RegisteredSchema, SchemaKey> keys = new ConcurrentHashMap<>();
  private int nextId = 1;

  /** One version of a subject and whether it is soft-deleted. */
  private record Stored(RegisteredSchema schema, boolean deleted) {}

  InMemoryRegistry(String name) {
    this.name = name;
    this.canonicalForms = loadCanonicalForms();
  }

  private static Map<String, SchemaCanonicalForm> loadCanonicalForms() {
    Map<String, SchemaCanonicalForm> forms = new HashMap<>();
    try {
      for (SchemaCanonicalForm form
          : ServiceLoader.load(SchemaCanonicalForm.class, InMemoryRegistry.class.getClassLoader())) {
        forms.putIfAbsent(form.schemaType(), form);
      }
    } catch (ServiceConfigurationError e) {
      log.warn("A schema canonical form could not be loaded; such schemas are compared as JSON: {}",
          e.getMessage());
    }
    return Map.copyOf(forms);
  }

  String name() {
    return name;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }

  /** Called before answering a question whose answer changes as contracts arrive. */
  void refreshIfStale() {}

  /** Called when an id, guid, subject or version is not known: whether new contracts were found. */
  boolean reloadOnMiss() {
    return false;
  }

  @Override
  public RegisteredSchema byId(int id, String subject) {
    RegisteredSchema schema = byId.get(id);
    if (schema == null && reloadOnMiss()) {
      schema = byId.get(id);
    }
    if (schema == null) {
      throw new ContractNotFoundException("Schema id " + id + " not found in " + name);
    }
    return schema;
  }

  @Override
  public RegisteredSchema byGuid(String guid) {
    RegisteredSchema schema = guid == null ? null : byGuid.get(guid.toLowerCase());
    if (schema == null && guid != null && reloadOnMiss()) {
      schema = byGuid.get(guid.toLowerCase());
    }
    if (schema == null) {
      throw new ContractNotFoundException("Schema guid " + guid + " not found in " + name);
    }
    return schema;
  }

  @Override
  public RegisteredSchema byVersion(String subject, int version) {
    RegisteredSchema found = find(subject, version);
    if (found == null && reloadOnMiss()) {
      found = find(subject, version);
    }
    if (found == null) {
      throw new ContractNotFoundException(
          "Version " + version + " of subject '" + subject + "' not found in " + name);
    }
    return found;
  }

  private RegisteredSchema find(String subject, int version) {
    for (Stored s : subjects.getOrDefault(subject, List.of())) {
      if (s.schema().version() == version) {
        return s.schema();
      }
    }
    return null;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    refreshIfStale();
    List<Stored> versions = versionsOf(subject);
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (!versions.get(i).deleted()) {
        return versions.get(i).schema();
      }
    }
    throw new ContractNotFoundException("Subject '" + subject + "' not found in " + name
        + " (every version is soft-deleted)");
  }

  @Override
  public RegisteredSchema latestWithMetadata(String subject, Map<String, String> properties) {
    refreshIfStale();
    List<Stored> versions = versionsOf(subject);
    for (int i = versions.size() - 1; i >= 0; i--) {
      RegisteredSchema s = versions.get(i).schema();
      Metadata metadata = s.metadata();
      if (metadata != null && metadata.matches(properties)) {
        return s;
      }
    }
    throw new ContractNotFoundException(
        "No version of subject '" + subject + "' has metadata " + properties + " in " + name);
  }

  @Override
  public List<Integer> versions(String subject) {
    refreshIfStale();
    return versionsOf(subject).stream().map(s -> s.schema().version()).toList();
  }

  @Override
  public int versionOf(String subject, int id) {
    refreshIfStale();
    List<Stored> versions = subjects.getOrDefault(subject, List.of());
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).schema().id() == id) {
        return versions.get(i).schema().version();
      }
    }
    throw new ContractNotFoundException(
        "Schema id " + id + " is not registered under subject '" + subject + "' in " + name);
  }

  @Override
  public RegisteredSchema lookup(String subject, SchemaDefinition definition) {
    refreshIfStale();
    SchemaKey wanted = keyOf(definition.schemaType(), definition.schema(), definition.references());
    List<Stored> versions = versionsOf(subject);
    for (int i = versions.size() - 1; i >= 0; i--) {
      Stored s = versions.get(i);
      if (!s.deleted() && keyOf(s.schema()).equals(wanted)) {
        return s.schema();
      }
    }
    throw new ContractNotFoundException(
        "Schema not registered under subject '" + subject + "' in " + name);
  }

  /** The names of the subjects that have at least one version, soft-deleted or not, sorted. */
  public List<String> subjects() {
    refreshIfStale();
    return subjects.keySet().stream().sorted().toList();
  }

  /** Whether version {@code version} of {@code subject} is soft-deleted. */
  public boolean isDeleted(String subject, int version) {
    for (Stored s : versionsOf(subject)) {
      if (s.schema().version() == version) {
        return s.deleted();
      }
    }
    throw new ContractNotFoundException(
        "Version " + version + " of subject '" + subject + "' not found in " + name);
  }

  /**
   * Soft-deletes a version, as the registry's {@code DELETE /subjects/{s}/versions/{v}} does: it is
   * no longer the latest nor found by look-up, but stays readable by id and by version.
   */
  synchronized void softDelete(String subject, int version) {
    List<Stored> existing = versionsOf(subject);
    List<Stored> updated = new ArrayList<>(existing.size());
    boolean found = false;
    for (Stored s : existing) {
      boolean hit = s.schema().version() == version;
      found |= hit;
      updated.add(hit ? new Stored(s.schema(), true) : s);
    }
    if (!found) {
      throw new ContractNotFoundException(
          "Version " + version + " of subject '" + subject + "' not found in " + name);
    }
    subjects.put(subject, List.copyOf(updated));
  }

  /**
   * Registers {@code definition}; {@code id}, {@code version} and {@code guid} may be given (file
   * folders carry them) or null to assign them. Without an id, a definition equal to a live version
   * of the subject is that version, and one equal to a definition registered elsewhere gets its id.
   */
  synchronized RegisteredSchema store(
      String subject, SchemaDefinition definition, Integer id, Integer version, String guid) {
    definition.validate();
    List<Stored> existing = subjects.getOrDefault(subject, List.of());
    Integer assignedId = id;
    if (id == null) {
      DefinitionKey key = DefinitionKey.of(keyOf(definition.schemaType(), definition.schema(),
          definition.references()), definition);
      for (Stored s : existing) {
        if (!s.deleted() && DefinitionKey.of(keyOf(s.schema()), s.schema().definition()).equals(key)) {
          return s.schema();
        }
      }
      assignedId = idsByDefinition.computeIfAbsent(key, k -> nextId++);
    } else {
      nextId = Math.max(nextId, id + 1);
    }
    int assignedVersion =
        version != null ? version : existing.isEmpty() ? 1 : existing.get(existing.size() - 1).schema().version() + 1;
    RegisteredSchema sameId = byId.get(assignedId);
    String assignedGuid = guid != null ? guid.toLowerCase()
        : sameId != null ? sameId.guid() : guidOf(definition);
    RegisteredSchema registered =
        new RegisteredSchema(subject, assignedVersion, assignedId, assignedGuid, definition.schemaType(),
            definition.schema(), definition.references(), definition.metadata(), definition.ruleSet());
    List<Stored> updated = new ArrayList<>(existing);
    updated.add(new Stored(registered, false));
    updated.sort((a, b) -> Integer.compare(a.schema().version(), b.schema().version()));
    subjects.put(subject, List.copyOf(updated));
    RegisteredSchema idLevel = registered.withSubjectAndVersion(null, null);
    byId.putIfAbsent(assignedId, idLevel);
    byGuid.putIfAbsent(assignedGuid, idLevel);
    return registered;
  }

  /** Whether schema id {@code id} holds {@code definition} (compared as the registry compares). */
  boolean sameDefinition(int id, SchemaDefinition definition) {
    RegisteredSchema existing = byId.get(id);
    return existing != null
        && DefinitionKey.of(keyOf(existing), existing.definition()).equals(DefinitionKey.of(
            keyOf(definition.schemaType(), definition.schema(), definition.references()), definition));
  }

  private List<Stored> versionsOf(String subject) {
    List<Stored> versions = subjects.get(subject);
    if ((versions == null || versions.isEmpty()) && reloadOnMiss()) {
      versions = subjects.get(subject);
    }
    if (versions == null || versions.isEmpty()) {
      throw new ContractNotFoundException("Subject '" + subject + "' not found in " + name);
    }
    return versions;
  }

  private static String guidOf(SchemaDefinition definition) {
    return UUID.nameUUIDFromBytes(ContractJson.write(definition).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A stored version's key: computed once, unless its schema could not be compared canonically yet. */
  private SchemaKey keyOf(RegisteredSchema stored) {
    SchemaKey known = keys.get(stored);
    if (known != null) {
      return known;
    }
    SchemaKey key = keyOf(stored.schemaType(), stored.schema(), stored.references());
    if (key.canonical()) {
      keys.putIfAbsent(stored, key);
    }
    return key;
  }

  /**
   * The comparison key of a schema: its format's canonical key when the format has one and the
   * schema (with its references) parses, else its JSON tree, else its text.
   */
  private SchemaKey keyOf(String schemaType, String schema, List<SchemaReference> references) {
    SchemaCanonicalForm form = canonicalForms.get(schemaType);
    if (form != null) {
      try {
        List<String> referenced = new ArrayList<>();
        collectReferenced(references, referenced, new HashSet<>());
        return new SchemaKey(schemaType, form.canonicalKey(schema, referenced), references, true);
      } catch (RuntimeException e) {
        log.debug("Schema of type {} compared as JSON: {}", schemaType, e.toString());
      }
    }
    Object tree;
    try {
      tree = ContractJson.mapper().readTree(schema);
    } catch (JsonProcessingException e) {
      tree = schema;
    }
    return new SchemaKey(schemaType, tree, references, form == null);
  }

  private void collectReferenced(List<SchemaReference> references, List<String> out, Set<String> seen) {
    for (SchemaReference ref : references) {
      if (seen.add(ref.subject() + ":" + ref.version())) {
        RegisteredSchema referenced = byVersion(ref.subject(), ref.version());
        collectReferenced(referenced.references(), out, seen);
        out.add(referenced.schema());
      }
    }
  }

  /**
   * A schema as compared: type, comparison key and references. {@code canonical} says whether the
   * key is final (a canonical form, or no form to ask), so it may be kept.
   */
  private record SchemaKey(String schemaType, Object key, List<SchemaReference> references, boolean canonical) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SchemaKey k && schemaType.equals(k.schemaType) && key.equals(k.key)
          && references.equals(k.references);
    }

    @Override
    public int hashCode() {
      return (schemaType.hashCode() * 31 + key.hashCode()) * 31 + references.hashCode();
    }
  }

  private record DefinitionKey(SchemaKey schema, Metadata metadata, RuleSet ruleSet) {
    static DefinitionKey of(SchemaKey schema, SchemaDefinition d) {
      return new DefinitionKey(schema, d.metadata(), d.ruleSet());
    }
  }
}
