package io.contractserde.serde;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.function.Function;

/**
 * An engine-level cache of derived values (write targets, read targets) that follows the
 * registry's {@code latest.cache.ttl.sec}: refreshed in the background after the TTL, never (null
 * TTL), or not cached at all (zero).
 */
final class Refreshing<K, V> {
  private final Function<K, V> loader;
  private final LoadingCache<K, V> cache;

  Refreshing(int maxEntries, Duration ttl, Function<K, V> loader) {
    this.loader = loader;
    if (ttl != null && ttl.isZero()) {
      this.cache = null;
    } else {
      Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(maxEntries);
      if (ttl != null) {
        builder.refreshAfterWrite(ttl);
      }
      this.cache = builder.build(loader::apply);
    }
  }

  V get(K key) {
    return cache == null ? loader.apply(key) : cache.get(key);
  }
}
