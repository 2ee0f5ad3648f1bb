package io.contractserde.registry;

import io.contractserde.contract.InvalidContractException;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory registry for tests and examples, selected by {@code schema.registry.url=mock://<scope>}.
 *
 * <p>All serdes of one JVM configured with the same scope share one instance, obtained with
 * {@link #scope(String)}; register contracts on it with {@link #register(String, SchemaDefinition)}.
 * Ids are assigned from 1 per scope (one id per distinct definition), versions from 1 per subject;
 * metadata and rule sets are kept as registered; a definition equal to one already registered
 * (compared parsed, as the registry compares) gets its id. {@link #deleteVersion} soft-deletes a
 * version. {@link #dropScope(String)} forgets a scope.
 */
public final class MockContractRegistry extends InMemoryRegistry {
  private static final Map<String, MockContractRegistry> SCOPES = new ConcurrentHashMap<>();

  /** A registry of its own, not reachable through any {@code mock://} URL. */
  public MockContractRegistry(String name) {
    super(name);
  }

  /** The shared registry of {@code mock://<scope>}, created on first use. */
  public static MockContractRegistry scope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new MockContractRegistry("mock://" + s));
  }

  /** Forgets the scope and everything registered in it. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  /**
   * Soft-deletes version {@code version} of {@code subject}, as {@code DELETE
   * /subjects/{subject}/versions/{version}} does: it is no longer the latest version nor found by
   * look-up, and stays readable by id and by version (records written with it remain).
   */
  public void deleteVersion(String subject, int version) {
    softDelete(subject, version);
  }

  @Override
  public RegisteredSchema register(String subject, SchemaDefinition definition) {
    return store(subject, definition, null, null, null);
  }

  /**
   * Registers {@code definition} with the given version and id, as a registry in IMPORT mode does
   * (contract-serde-tools' {@code publish --import}).
   *
   * @throws InvalidContractException when the id already names another
   *     schema or the version already exists
   */
  public synchronized RegisteredSchema importSchema(String subject, int version, int id, SchemaDefinition definition) {
    try {
      RegisteredSchema existing = byId(id, subject);
      if (!existing.schema().equals(definition.schema())) {
        throw new InvalidContractException(
            "Schema id " + id + " is already used by another schema");
      }
    } catch (ContractNotFoundException absent) {
      // a free id
    }
    try {
      byVersion(subject, version);
      throw new InvalidContractException(
          "Version " + version + " of subject '" + subject + "' already exists");
    } catch (ContractNotFoundException absent) {
      return store(subject, definition, id, version, null);
    }
  }
}
