package io.contractserde.encryption;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contractserde.contract.Rule;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import java.util.Map;

/** What both encryption executors hold: the parameters, the key ring made on first use, parsed rule params. */
final class ExecutorState implements AutoCloseable {
  private volatile Map<String, ?> params = Map.of();
  private volatile KeyRing ring;
  /** Keyed by the rule object, which belongs to one parsed contract (whose metadata also feeds the params). */
  private final Cache<Rule, EncryptParams> rules = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

  private volatile Map<String, ?> registry = Map.of();

  void configureRegistry(Map<String, ?> registry) {
    this.registry = Map.copyOf(registry);
  }

  /** The executor's parameters, over the serde's registry settings. */
  void configure(Map<String, ?> params) {
    Map<String, Object> all = new java.util.HashMap<>(registry);
    all.putAll(params);
    this.params = Map.copyOf(all);
  }

  KeyRing ring() {
    KeyRing r = ring;
    if (r == null) {
      synchronized (this) {
        r = ring;
        if (r == null) {
          try {
            r = new KeyRing(params);
          } catch (RuntimeException e) {
            throw new RuleException("The encryption executor cannot start: " + e.getMessage(), e);
          }
          ring = r;
        }
      }
    }
    return r;
  }

  ValueCipher cipher(RuleContext ctx) {
    EncryptParams p = rules.get(ctx.rule(), r -> EncryptParams.of(ctx));
    return new ValueCipher(ring(), p, ctx);
  }

  @Override
  public void close() {
    KeyRing r = ring;
    if (r != null) {
      r.close();
    }
  }
}
