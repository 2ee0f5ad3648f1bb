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
 */
public interface ContractRegistry extends AutoCloseable {

  /** The schema with this id. {@code subject} (nullable) gives the lookup its context. */
  RegisteredSchema byId(int id, String subject);

  /** The schema with this GUID. */
  RegisteredSchema byGuid(String guid);

  /** Version {@code version} of {@code subject}. */
  RegisteredSchema byVersion(String subject, int version);

  /** The newest version of {@code subject}. */
  RegisteredSchema latest(String subject);

  /**
   * The newest version of {@code subject} whose metadata properties contain every given pair.
   */
  RegisteredSchema latestWithMetadata(String subject, Map<String, String> properties);

  /** The version numbers of {@code subject}, ascending. */
  List<Integer> versions(String subject);

  /**
   * The newest version registered under {@code subject} whose schema is {@code definition}'s schema
   * (with its subject, version, id, metadata and rule set).
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
