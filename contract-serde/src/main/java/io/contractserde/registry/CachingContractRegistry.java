package io.contractserde.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.metrics.SerdeMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache every serde puts in front of its registry.
 *
 * <ul>
 *   <li>By id, by GUID, by (subject, version) and the version of (subject, id): immutable in a
 *       registry, so cached for the life of the serde, bounded in size.
 *   <li>Latest, latest-with-metadata, versions and look-ups: refreshed in the background once
 *       older than the TTL, the last known answer being served meanwhile. When a refresh fails
 *       (the registry is down) the last known answer keeps being served, the outage is logged once
 *       (not per record) and the next refresh is tried a TTL later.
 *   <li>{@link #register} goes to the registry and drops the cached "latest" answers, so a new
 *       version is seen at once by this serde.
 * </ul>
 *
 * A first look-up that fails is not cached: it throws, and the next call asks the registry again.
 */
public final class CachingContractRegistry implements ContractRegistry {
  private static final Logger log = LoggerFactory.getLogger(CachingContractRegistry.class);

  private final ContractRegistry delegate;
  private final Cache<Integer, RegisteredSchema> byId;
  private final Cache<String, RegisteredSchema> byGuid;
  private final Cache<SubjectVersion, RegisteredSchema> byVersion;
  private final Cache<SubjectVersion, Integer> versionOfId;
  private final Refreshing<String, RegisteredSchema> latest;
  private final Refreshing<SubjectMetadata, RegisteredSchema> latestWithMetadata;
  private final Refreshing<String, List<Integer>> versions;
  private final Refreshing<SubjectDefinition, RegisteredSchema> lookups;
  private final AtomicBoolean degraded = new AtomicBoolean();
  private final Ticker ticker;
  private final Executor executor;
  private volatile SerdeMetrics metrics = SerdeMetrics.disabled();
  /** Caffeine's statistics hook: hits go to {@link #metrics}, the rest is not kept. */
  private final StatsCounter stats = new StatsCounter() {
    @Override public void recordHits(int count) {
      metrics.recordCacheHits(count);
    }

    @Override public void recordMisses(int count) {}

    @Override public void recordLoadSuccess(long loadTime) {}

    @Override public void recordLoadFailure(long loadTime) {}

    @Override public void recordEviction(int weight, RemovalCause cause) {}

    @Override public CacheStats snapshot() {
      return CacheStats.empty();
    }
  };

  /**
   * Caches {@code delegate}'s answers: at most {@code maxEntries} per cache; "latest" answers are
   * refreshed after {@code latestTtl} (null: never; zero: not cached).
   */
  public CachingContractRegistry(ContractRegistry delegate, int maxEntries, Duration latestTtl) {
    this(delegate, maxEntries, latestTtl, Ticker.systemTicker(), ForkJoinPool.commonPool());
  }

  /** As above, on {@code ticker}'s clock, refreshing on {@code executor} (tests move the clock). */
  CachingContractRegistry(ContractRegistry delegate, int maxEntries, Duration latestTtl, Ticker ticker,
      Executor executor) {
    this.delegate = delegate;
    this.ticker = ticker;
    this.executor = executor;
    this.byId = Caffeine.newBuilder().maximumSize(maxEntries).recordStats(() -> stats).build();
    this.byGuid = Caffeine.newBuilder().maximumSize(maxEntries).recordStats(() -> stats).build();
    this.byVersion = Caffeine.newBuilder().maximumSize(maxEntries).recordStats(() -> stats).build();
    this.versionOfId = Caffeine.newBuilder().maximumSize(maxEntries).recordStats(() -> stats).build();
    this.latest = new Refreshing<>(maxEntries, latestTtl, delegate::latest);
    this.latestWithMetadata = new Refreshing<>(maxEntries, latestTtl,
        k -> delegate.latestWithMetadata(k.subject(), k.properties()));
    this.versions = new Refreshing<>(maxEntries, latestTtl, delegate::versions);
    this.lookups = new Refreshing<>(maxEntries, latestTtl,
        k -> delegate.lookup(k.subject(), k.definition()));
  }

  /** Where cache hits and stale answers are counted from now on. */
  public void metrics(SerdeMetrics metrics) {
    this.metrics = metrics;
  }

  /** The registry behind the cache. */
  public ContractRegistry delegate() {
    return delegate;
  }

  @Override
  public RegisteredSchema byId(int id, String subject) {
    RegisteredSchema cached = byId.getIfPresent(id);
    return cached != null ? cached : byId.get(id, k -> delegate.byId(k, subject));
  }

  @Override
  public RegisteredSchema byGuid(String guid) {
    return byGuid.get(guid, delegate::byGuid);
  }

  @Override
  public RegisteredSchema byVersion(String subject, int version) {
    return byVersion.get(new SubjectVersion(subject, version), k -> delegate.byVersion(subject, version));
  }

  @Override
  public int versionOf(String subject, int id) {
    return versionOfId.get(new SubjectVersion(subject, id), k -> delegate.versionOf(subject, id));
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return latest.get(subject);
  }

  @Override
  public RegisteredSchema latestWithMetadata(String subject, Map<String, String> properties) {
    return latestWithMetadata.get(new SubjectMetadata(subject, Map.copyOf(properties)));
  }

  @Override
  public List<Integer> versions(String subject) {
    return versions.get(subject);
  }

  @Override
  public RegisteredSchema lookup(String subject, SchemaDefinition definition) {
    return lookups.get(new SubjectDefinition(subject, definition));
  }

  @Override
  public RegisteredSchema register(String subject, SchemaDefinition definition) {
    RegisteredSchema registered = delegate.register(subject, definition);
    latest.invalidateAll();
    latestWithMetadata.invalidateAll();
    versions.invalidateAll();
    lookups.invalidateAll();
    return registered;
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "CachingContractRegistry[" + delegate + "]";
  }

  /** A subject and a number: a version, or a schema id. */
  private record SubjectVersion(String subject, int number) {}

  private record SubjectMetadata(String subject, Map<String, String> properties) {}

  private record SubjectDefinition(String subject, SchemaDefinition definition) {}

  /** A cache of answers that can change: refreshed after the TTL, stale answers kept on failure. */
  private final class Refreshing<K, V> {
    private final LoadingCache<K, V> cache;
    private final Function<K, V> loader;

    Refreshing(int maxEntries, Duration ttl, Function<K, V> loader) {
      this.loader = loader;
      if (ttl != null && ttl.isZero()) {
        this.cache = null;
        return;
      }
      Caffeine<Object, Object> builder =
          Caffeine.newBuilder().maximumSize(maxEntries).ticker(ticker).executor(executor)
          .recordStats(() -> stats);
      if (ttl != null) {
        builder.refreshAfterWrite(ttl);
      }
      this.cache = builder.build(new CacheLoader<K, V>() {
        @Override
        public V load(K key) {
          V value = loader.apply(key);
          recovered();
          return value;
        }

        @Override
        public V reload(K key, V oldValue) {
          try {
            return load(key);
          } catch (RuntimeException e) {
            metrics.recordStaleAnswer();
            if (degraded.compareAndSet(false, true)) {
              log.warn("Registry {} cannot be reached; serving the last known contracts until it"
                  + " answers again ({})", delegate, e.getMessage());
            }
            return oldValue;
          }
        }
      });
    }

    V get(K key) {
      return cache == null ? loader.apply(key) : cache.get(key);
    }

    void invalidateAll() {
      if (cache != null) {
        cache.invalidateAll();
      }
    }
  }

  private void recovered() {
    if (degraded.compareAndSet(true, false)) {
      log.info("Registry {} answers again", delegate);
    }
  }
}
