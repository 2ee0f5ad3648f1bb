package io.contractserde.serde;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.format.SchemaFormat;
import io.contractserde.registry.CachingContractRegistry;
import io.contractserde.registry.ContractRegistries;
import io.contractserde.rule.RuleEngine;
import io.contractserde.subject.SubjectNameStrategy;
import java.time.Duration;

/** What both engines of a configured serde share: configuration, format, registry, rules. */
final class SerdeContext implements AutoCloseable {
  final ContractSerdeConfig config;
  final SchemaFormat format;
  final boolean isKey;
  final CachingContractRegistry registry;
  final RuleEngine rules;
  final ParsedContracts contracts;
  final SubjectNameStrategy subjects;
  final int cacheSize;
  final Duration ttl;

  SerdeContext(SchemaFormat format, ContractSerdeConfig config, boolean isKey) {
    this.config = config;
    this.format = format;
    this.isKey = isKey;
    this.cacheSize = config.getInt(ContractSerdeConfig.MAX_SCHEMAS_PER_SUBJECT);
    long ttlSeconds = config.getLong(ContractSerdeConfig.LATEST_CACHE_TTL_SEC);
    this.ttl = ttlSeconds < 0 ? null : Duration.ofSeconds(ttlSeconds);
    this.registry = ContractRegistries.create(config);
    this.rules = new RuleEngine(config);
    this.contracts = new ParsedContracts(format, registry, cacheSize);
    this.subjects = config.subjectNameStrategy(isKey);
  }

  /** "key" or "value", for messages. */
  String part() {
    return isKey ? "key" : "value";
  }

  @Override
  public void close() {
    rules.close();
    registry.close();
  }
}
