package io.contractserde.encryption.dek;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.registry.rest.RestContractRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Creates the DEK registry for an executor's parameters: {@code dek.registry.url} when set, else the
 * serde's {@code schema.registry.url}. {@code http(s)://} → the REST API on the same registry,
 * {@code mock://<scope>} → {@link MockDekRegistry#scope}, {@code file:///contracts} → the key folder
 * {@code keys} beside the contract folder ({@code file:///.../keys}), or the folder that
 * {@code dek.registry.url=file:///...} names.
 */
public final class DekRegistries {
  /** An executor parameter naming the DEK registry, when it is not the contract registry. */
  public static final String DEK_REGISTRY_URL = "dek.registry.url";

  private DekRegistries() {}

  public static DekRegistry create(Map<String, ?> params, Clock clock) {
    Object own = params.get(DEK_REGISTRY_URL);
    Object shared = params.get(ContractSerdeConfig.SCHEMA_REGISTRY_URL);
    String urls = own != null ? own.toString() : shared == null ? null
        : shared instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : shared.toString();
    if (urls == null || urls.isBlank()) {
      throw new ConfigException(ContractSerdeConfig.SCHEMA_REGISTRY_URL, null,
          "field encryption needs a DEK registry: set schema.registry.url (or the executor parameter "
              + DEK_REGISTRY_URL + ")");
    }
    String first = urls.split(",")[0].trim();
    String scheme = first.contains("://") ? first.substring(0, first.indexOf("://")).toLowerCase(Locale.ROOT) : "";
    switch (scheme) {
      case "mock":
        return MockDekRegistry.scope(first.substring("mock://".length()));
      case "file": {
        Path path = Path.of(URI.create(first));
        return new FileDekRegistry(own != null ? path : path.toAbsolutePath().resolveSibling("keys"), clock);
      }
      case "http":
      case "https": {
        Map<String, Object> config = new HashMap<>();
        params.forEach((k, v) -> {
          if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.") || k.startsWith("bearer.auth.")) {
            config.put(k, v);
          }
        });
        config.put(ContractSerdeConfig.SCHEMA_REGISTRY_URL, urls);
        return new RestDekRegistry(new RestContractRegistry(new ContractSerdeConfig(config)));
      }
      default:
        throw new ConfigException(DEK_REGISTRY_URL, "(redacted)", "unknown scheme " + scheme
            + "://; use http(s)://, mock:// or file://");
    }
  }
}
