package io.contractserde.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.contract.SchemaReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry whose state is held in memory: ids, GUIDs and the version list of each subject. The
 * base of the {@code mock://} and the {@code file://} registries. Reads are lock-free; writes are
 * serialised.
 */
abstract class InMemoryRegistry implements ContractRegistry {
  private final String name;
  private final Map<Integer, RegisteredSchema> byId = new ConcurrentHashMap<>();
  private final Map<String, RegisteredSchema> byGuid = new ConcurrentHashMap<>();
  /** Each value is an immutable list, index i holding version i + 1 ... or explicit versions. */
  private final Map<String, List<RegisteredSchema>> subjects = new ConcurrentHashMap<>();
  private final Map<DefinitionKey, Integer> idsByDefinition = new ConcurrentHashMap<>();
  /** Each stored version's comparison key, computed once when it is stored. */
  private final Map<RegisteredSchema, DefinitionKey> keys = new ConcurrentHashMap<>();
  private int nextId = 1;

  InMemoryRegistry(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }

  @Override
  public RegisteredSchema byId(int id, String subject) {
    RegisteredSchema schema = byId.get(id);
    if (schema == null) {
      throw new ContractNotFoundException("Schema id " + id + " not found in " + name);
    }
    return schema;
  }

  @Override
  public RegisteredSchema byGuid(String guid) {
    RegisteredSchema schema = guid == null ? null : byGuid.get(guid.toLowerCase());
    if (schema == null) {
      throw new ContractNotFoundException("Schema guid " + guid + " not found in " + name);
    }
    return schema;
  }

  @Override
  public RegisteredSchema byVersion(String subject, int version) {
    for (RegisteredSchema s : versionsOf(subject)) {
      if (s.version() == version) {
        return s;
      }
    }
    throw new ContractNotFoundException(
        "Version " + version + " of subject '" + subject + "' not found in " + name);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    List<RegisteredSchema> versions = versionsOf(subject);
    return versions.get(versions.size() - 1);
  }

  @Override
  public RegisteredSchema latestWithMetadata(String subject, Map<String, String> properties) {
    List<RegisteredSchema> versions = versionsOf(subject);
    for (int i = versions.size() - 1; i >= 0; i--) {
      RegisteredSchema s = versions.get(i);
      Metadata metadata = s.metadata();
      if (metadata != null && metadata.matches(properties)) {
        return s;
      }
    }
    throw new ContractNotFoundException(
        "No version of subject '" + subject + "' has metadata " + properties + " in " + name);
  }

  /** The names of the subjects that hold a version, sorted. */
  public List<String> subjects() {
    return subjects.keySet().stream().sorted().toList();
  }

  @Override
  public List<Integer> versions(String subject) {
    return versionsOf(subject).stream().map(RegisteredSchema::version).toList();
  }

  @Override
  public RegisteredSchema lookup(String subject, SchemaDefinition definition) {
    SchemaKey wanted = SchemaKey.of(definition);
    List<RegisteredSchema> versions = versionsOf(subject);
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (keys.get(versions.get(i)).schema().equals(wanted)) {
        return versions.get(i);
      }
    }
    throw new ContractNotFoundException(
        "Schema not registered under subject '" + subject + "' in " + name);
  }

  /**
   * Registers {@code definition}; {@code id}, {@code version} and {@code guid} may be given (file
   * folders carry them) or null to assign them.
   */
  synchronized RegisteredSchema store(
      String subject, SchemaDefinition definition, Integer id, Integer version, String guid) {
    definition.validate();
    DefinitionKey key = DefinitionKey.of(definition);
    List<RegisteredSchema> existing = subjects.getOrDefault(subject, List.of());
    if (id == null) {
      for (RegisteredSchema s : existing) {
        if (keys.get(s).equals(key)) {
          return s;
        }
      }
    }
    int assignedId = id != null ? id : idsByDefinition.computeIfAbsent(key, k -> nextId++);
    if (id != null) {
      nextId = Math.max(nextId, id + 1);
      idsByDefinition.putIfAbsent(key, id);
    }
    int assignedVersion =
        version != null ? version : existing.isEmpty() ? 1 : existing.get(existing.size() - 1).version() + 1;
    String assignedGuid = guid != null ? guid.toLowerCase() : guidOf(definition);
    RegisteredSchema registered =
        new RegisteredSchema(subject, assignedVersion, assignedId, assignedGuid, definition.schemaType(),
            definition.schema(), definition.references(), definition.metadata(), definition.ruleSet());
    List<RegisteredSchema> updated = new ArrayList<>(existing);
    updated.add(registered);
    updated.sort((a, b) -> Integer.compare(a.version(), b.version()));
    keys.put(registered, key);
    subjects.put(subject, List.copyOf(updated));
    RegisteredSchema idLevel = registered.withSubjectAndVersion(null, null);
    byId.putIfAbsent(assignedId, idLevel);
    byGuid.putIfAbsent(assignedGuid, idLevel);
    return registered;
  }

  private List<RegisteredSchema> versionsOf(String subject) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new ContractNotFoundException("Subject '" + subject + "' not found in " + name);
    }
    return versions;
  }

  private static String guidOf(SchemaDefinition definition) {
    return UUID.nameUUIDFromBytes(ContractJson.write(definition).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A schema compared as JSON trees when it parses as JSON (field order and spacing ignored). */
  record SchemaKey(String schemaType, Object canonical, List<SchemaReference> references) {
    static SchemaKey of(SchemaDefinition d) {
      Object canonical;
      try {
        canonical = ContractJson.mapper().readTree(d.schema());
      } catch (JsonProcessingException e) {
        canonical = d.schema();
      }
      return new SchemaKey(d.schemaType(), canonical, d.references());
    }
  }

  private record DefinitionKey(SchemaKey schema, Metadata metadata, RuleSet ruleSet) {
    static DefinitionKey of(SchemaDefinition d) {
      return new DefinitionKey(SchemaKey.of(d), d.metadata(), d.ruleSet());
    }
  }
}
