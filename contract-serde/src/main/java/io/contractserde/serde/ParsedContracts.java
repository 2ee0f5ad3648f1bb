package io.contractserde.serde;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.SchemaFormat;
import io.contractserde.registry.ContractRegistry;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Parsed contracts by (schema id, subject, version): a contract is parsed once per serde and per
 * registration. A contract's version belongs to the subject it was fetched under, never to the id
 * alone (one id can be version 3 of one subject and version 2 of another), so the same id fetched
 * by id, or under another subject, is another entry. A contract of another format than the serde's
 * is refused with a message that says so.
 */
final class ParsedContracts {
  private final SchemaFormat format;
  private final ContractRegistry registry;
  private final Cache<Key, ContractSchema> parsed;

  private record Key(int id, String subject, Integer version) {}

  ParsedContracts(SchemaFormat format, ContractRegistry registry, int maxEntries) {
    this.format = format;
    this.registry = registry;
    this.parsed = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  /** The parsed contract, carrying the subject and version (if any) that {@code contract} carries. */
  ContractSchema parse(RegisteredSchema contract) {
    if (contract.id() == null) {
      checkType(contract);
      return format.parse(contract, registry);
    }
    return parsed.get(new Key(contract.id(), contract.subject(), contract.version()), k -> {
      checkType(contract);
      return format.parse(contract, registry);
    });
  }

  private void checkType(RegisteredSchema contract) {
    if (!format.schemaType().equals(contract.schemaType())) {
      throw new SerializationException("Schema id " + contract.id() + " is of type " + contract.schemaType()
          + ", but this serde reads and writes " + format.schemaType());
    }
  }
}
