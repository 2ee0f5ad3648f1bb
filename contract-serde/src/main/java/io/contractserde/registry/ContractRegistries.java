package io.contractserde.registry;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.registry.rest.RestContractRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.ConfigException;

/** Creates the registry that {@code schema.registry.url} names, behind the caching layer. */
public final class ContractRegistries {
  private ContractRegistries() {}

  /** The cached registry for a serde's configuration. */
  public static CachingContractRegistry create(ContractSerdeConfig config) {
    return create(config, UnaryOperator.identity());
  }

  /**
   * The cached registry for a serde's configuration, with {@code between} put between the cache
   * and the registry (to observe the requests that reach it).
   */
  public static CachingContractRegistry create(ContractSerdeConfig config, UnaryOperator<ContractRegistry> between) {
    Duration ttl = latestTtl(config);
    return new CachingContractRegistry(
        between.apply(uncached(config)), config.getInt(ContractSerdeConfig.MAX_SCHEMAS_PER_SUBJECT), ttl);
  }

  /** {@code latest.cache.ttl.sec}: null for -1 (never refresh), else the duration (zero: do not cache). */
  static Duration latestTtl(ContractSerdeConfig config) {
    long ttlSeconds = config.getLong(ContractSerdeConfig.LATEST_CACHE_TTL_SEC);
    return ttlSeconds < 0 ? null : Duration.ofSeconds(ttlSeconds);
  }

  /** The registry named by the URL scheme, without a cache. */
  public static ContractRegistry uncached(ContractSerdeConfig config) {
    List<String> urls = config.registryUrls();
    String scheme = scheme(urls.get(0));
    for (String url : urls) {
      String other = scheme(url);
      boolean bothHttp = isHttp(scheme) && isHttp(other);
      if (!other.equals(scheme) && !bothHttp) {
        throw new ConfigException(ContractSerdeConfig.SCHEMA_REGISTRY_URL, redacted(urls),
            "registry URLs cannot mix the schemes " + scheme + ":// and " + other + "://");
      }
    }
    if (isHttp(scheme)) {
      return new RestContractRegistry(config);
    }
    if (urls.size() > 1) {
      throw new ConfigException(ContractSerdeConfig.SCHEMA_REGISTRY_URL, redacted(urls),
          "only http(s):// registries take a list of URLs");
    }
    String url = urls.get(0).trim();
    return switch (scheme) {
      case "mock" -> MockContractRegistry.scope(url.substring("mock://".length()));
      // New contract files are picked up on the TTL of the other "latest" answers.
      case "file" -> new FileContractRegistry(Path.of(URI.create(url)), latestTtl(config));
      default -> throw new ConfigException(ContractSerdeConfig.SCHEMA_REGISTRY_URL, redacted(urls),
          "unknown scheme " + scheme + "://; use http(s)://, mock:// or file://");
    };
  }

  private static boolean isHttp(String scheme) {
    return scheme.equals("http") || scheme.equals("https");
  }

  private static String scheme(String url) {
    int colon = url.indexOf("://");
    if (colon <= 0) {
      throw new ConfigException(ContractSerdeConfig.SCHEMA_REGISTRY_URL, redacted(List.of(url)),
          "a registry URL needs a scheme: http(s)://, mock:// or file://");
    }
    return url.substring(0, colon).trim().toLowerCase(Locale.ROOT);
  }

  /** The URLs without user-info, for messages. */
  static String redacted(List<String> urls) {
    return String.join(",", urls.stream().map(ContractRegistries::withoutUserInfo).toList());
  }

  /** A URL, or any text holding one, without the {@code user:password@} part. */
  public static String withoutUserInfo(String text) {
    return text == null ? null : text.replaceAll("//[^@/\\s]*@", "//");
  }
}
