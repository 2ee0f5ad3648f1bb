package io.contractserde.serde;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Cache;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.format.SchemaFormat;
import io.contractserde.metrics.SerdeMetrics;
import io.contractserde.registry.CachingContractRegistry;
import io.contractserde.registry.ContractRegistries;
import io.contractserde.rule.RuleEngine;
import io.contractserde.subject.SubjectNameStrategy;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
  private final long ttlNanos;
  private volatile long epoch;
  private volatile boolean closed;
  private volatile SerdeMetrics metrics = SerdeMetrics.disabled();
  private static final int MAX_TOPICS = 10_000;

  SerdeContext(SchemaFormat format, ContractSerdeConfig config, boolean isKey) {
    this.config = config;
    this.format = format;
    this.isKey = isKey;
    this.cacheSize = config.getInt(ContractSerdeConfig.MAX_SCHEMAS_PER_SUBJECT);
    long ttlSeconds = config.getLong(ContractSerdeConfig.LATEST_CACHE_TTL_SEC);
    this.ttl = ttlSeconds < 0 ? null : Duration.ofSeconds(ttlSeconds);
    this.ttlNanos = ttl == null ? Long.MAX_VALUE : ttl.toNanos();
    if (ttl != null && !ttl.isZero()) {
      tickAfter(ttlNanos, new WeakReference<>(this));
    }
    this.registry = ContractRegistries.create(config, r -> new MeteredRegistry(r, this::metrics));
    this.rules = new RuleEngine(config);
    this.contracts = new ParsedContracts(format, registry, cacheSize);
    this.subjects = config.subjectNameStrategy(isKey);
  }

  /** Where this serde counts. */
  SerdeMetrics metrics() {
    return metrics;
  }

  /** Counts into {@code metrics} from now on: records, rule failures, registry requests and cache hits. */
  void useMetrics(SerdeMetrics metrics) {
    this.metrics = metrics;
    registry.metrics(metrics);
    rules.metrics(metrics);
  }

  /** The registry under the cache and the metering: mock, file or REST. */
  io.contractserde.registry.ContractRegistry backingRegistry() {
    return registry.delegate() instanceof MeteredRegistry m ? m.delegate() : registry.delegate();
  }

  /**
   * The current TTL period. It advances once per TTL, on the JDK's shared delayed-task thread, so
   * the per-record freshness check is one volatile read instead of a clock read.
   */
  long epoch() {
    return epoch;
  }

  /**
   * Whether something cached in {@code loadedEpoch} is still within the TTL period: never with a
   * TTL of zero ("do not cache"), always with none (-1, never refresh).
   */
  boolean fresh(long loadedEpoch) {
    return ttlNanos > 0 && loadedEpoch == epoch;
  }

  /** Advances the epoch every TTL while this context is open and reachable. */
  private static void tickAfter(long ttlNanos, WeakReference<SerdeContext> ref) {
    CompletableFuture.delayedExecutor(ttlNanos, TimeUnit.NANOSECONDS).execute(() -> {
      SerdeContext ctx = ref.get();
      if (ctx != null && !ctx.closed) {
        ctx.epoch++;
        tickAfter(ttlNanos, ref);
      }
    });
  }

  /** Keeps a topic's last entry, unless caching is off; a serde fed unboundedly many topics starts over. */
  <V> void remember(Map<String, V> slots, String topic, V slot) {
    if (ttlNanos > 0) {
      if (slots.size() >= MAX_TOPICS) {
        slots.clear();
      }
      slots.put(topic, slot);
    }
  }

  /**
   * A bounded cache of what an engine derives from registry answers, kept for one TTL: the
   * registry layer underneath already serves stale answers through outages and refreshes them in
   * the background, so reloading here is cheap.
   */
  <K, V> Cache<K, V> expiring() {
    Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(cacheSize);
    if (ttl != null) {
      builder.expireAfterWrite(ttl);
    }
    return builder.build();
  }

  /** "key" or "value", for messages. */
  String part() {
    return isKey ? "key" : "value";
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    rules.close();
    registry.close();
  }
}
