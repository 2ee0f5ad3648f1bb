package io.contractserde.registry;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import java.util.List;
import java.util.Map;

/**
 * A source of registered contracts, speaking the concepts of the Confluent Schema Registry API.
 *
 * <p>Every method either returns a value or throws: {@link ContractNotFoundException} when the
 * id, guid, subject or version does not exist, {@link RegistryUnavailableException} when the
 * registry cannot be reached, {@link RegistryException} for any other registry error, and Kafka's
 * {@code AuthenticationException} / {@code AuthorizationException} for 401 / 403. Implementations
 * are thread-safe.
 *
 * <p>Soft-deleted versions are history: records written with them remain in topics, and a
 * migration walks across them. So {@link #byId}, {@link #byGuid}, {@link #byVersion},
 * {@link #versions}, {@link #versionOf} and {@link #latestWithMetadata} (as the incumbent asks it)
 * include them; {@link #latest} and {@link #lookup}, which choose what to write with, do not.
 */
public interface ContractRegistry extends AutoCloseable {

  /** The schema with this id. {@code subject} (nullable) gives the lookup its context. */
  RegisteredSchema byId(int id, String subject);

  /** The schema with this GUID. */
  RegisteredSchema byGuid(String guid);

  /** Version {@code version} of {@code subject}, soft-deleted or not. */
  RegisteredSchema byVersion(String subject, int version);

  /** The newest version of {@code subject} that is not soft-deleted. */
  RegisteredSchema latest(String subject);

  /**
   * The newest version of {@code subject} whose metadata properties contain every given pair.
   */
  RegisteredSchema latestWithMetadata(String subject, Map<String, String> properties);

  /** The version numbers of {@code subject}, ascending, soft-deleted versions included. */
  List<Integer> versions(String subject);

  /**
   * The newest version of {@code subject} whose schema id is {@code id}, soft-deleted versions
   * included: a contract's version belongs to the subject, since one id may be version 3 of one
   * subject and version 2 of another. The default asks each version of the subject.
   *
   * @throws ContractNotFoundException when {@code id} is not registered under {@code subject}
   */
  default int versionOf(String subject, int id) {
    List<Integer> versions = versions(subject);
    for (int i = versions.size() - 1; i >= 0; i--) {
      Integer found = byVersion(subject, versions.get(i)).id();
      if (found != null && found == id) {
        return versions.get(i);
      }
    }
    throw new ContractNotFoundException("Schema id " + id + " is not registered under subject '" + subject + "'");
  }

  /**
   * The newest version registered under {@code subject}, not soft-deleted, whose schema is
   * {@code definition}'s schema (with its subject, version, id, metadata and rule set). Schemas are
   * compared as the registry compares them: parsed, not as text.
   */
  RegisteredSchema lookup(String subject, SchemaDefinition definition);

  /**
   * Registers {@code definition} under {@code subject} and returns the registered contract; an
   * identical definition already registered is returned as it is.
   */
  RegisteredSchema register(String subject, SchemaDefinition definition);

  /** Releases connections and threads. The default does nothing. */
  @Override
  default void close() {}
}
