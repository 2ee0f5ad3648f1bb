package io.contractserde.serde;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.SchemaFormat;
import io.contractserde.registry.ContractRegistry;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Parsed contracts by schema id: a contract is parsed once per serde. A contract of another
 * format than the serde's is refused with a message that says so.
 */
final class ParsedContracts {
  private final SchemaFormat format;
  private final ContractRegistry registry;
  private final Cache<Integer, ContractSchema> byId;

  ParsedContracts(SchemaFormat format, ContractRegistry registry, int maxEntries) {
    this.format = format;
    this.registry = registry;
    this.byId = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  /**
   * The parsed contract. One fetched by id carries no subject version; when the same id later
   * comes with its version (from a by-version or latest look-up), that one replaces it, so
   * messages can name the version.
   */
  ContractSchema parse(RegisteredSchema contract) {
    if (contract.id() == null) {
      checkType(contract);
      return format.parse(contract, registry);
    }
    ContractSchema cached = byId.getIfPresent(contract.id());
    if (cached != null && (contract.version() == null || cached.contract().version() != null)) {
      return cached;
    }
    checkType(contract);
    ContractSchema parsed = format.parse(contract, registry);
    byId.put(contract.id(), parsed);
    return parsed;
  }

  private void checkType(RegisteredSchema contract) {
    if (!format.schemaType().equals(contract.schemaType())) {
      throw new SerializationException("Schema id " + contract.id() + " is of type " + contract.schemaType()
          + ", but this serde reads and writes " + format.schemaType());
    }
  }
}
