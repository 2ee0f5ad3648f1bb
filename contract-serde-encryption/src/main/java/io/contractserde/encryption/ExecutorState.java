package io.contractserde.encryption;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleMode;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * What both encryption executors hold: the parameters, the key ring made on first use, parsed rule
 * params, and the {@link ValueCipher}s of the rules run lately.
 */
final class ExecutorState implements AutoCloseable {
  /** How many ciphers are kept by the rule's identity hash (a power of two). */
  private static final int RECENT = 8;

  private volatile Map<String, ?> params = Map.of();
  private volatile KeyRing ring;
  /** Keyed by the rule object, which belongs to one parsed contract (whose metadata also feeds the params). */
  private final Cache<Rule, EncryptParams> rules = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();
  /**
   * The ciphers of the rules run last, each in the slot of its rule's identity hash and direction: a
   * serde runs one or a few rules, record after record, so a record reads one slot and no cache.
   */
  private final AtomicReferenceArray<ValueCipher> recent = new AtomicReferenceArray<>(RECENT);
  /**
   * The ciphers made lately: rules that share a slot, or more than eight taking turns (a consumer of
   * many topics), find theirs again with the keys it used last, instead of a new one per record.
   */
  private final Cache<CipherKey, ValueCipher> ciphers = Caffeine.newBuilder().maximumSize(256)
      .expireAfterAccess(Duration.ofMinutes(10)).build();

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

  /**
   * The cipher of the rule in {@code ctx} for its subject and mode: the one made for them before
   * (in its slot, or found again), else a new one (its parameters parsed once per rule).
   *
   * @throws RuleException for a mode other than WRITE and READ, or a bad parameter
   */
  ValueCipher cipher(RuleContext ctx) {
    Rule rule = ctx.rule();
    ValueCipher cipher = inSlot(rule, ctx.subject(), ctx.mode());
    return cipher != null ? cipher : found(rule, ctx.subject(), ctx.mode(), () -> EncryptParams.of(ctx));
  }

  /** {@link #cipher(RuleContext)} by its parts; {@code params} parses the rule's parameters if they are not known yet. */
  ValueCipher cipher(Rule rule, String subject, RuleMode mode, Supplier<EncryptParams> params) {
    ValueCipher cipher = inSlot(rule, subject, mode);
    return cipher != null ? cipher : found(rule, subject, mode, params);
  }

  private static int slot(Rule rule, boolean write) {
    return (System.identityHashCode(rule) * 2 + (write ? 1 : 0)) & (RECENT - 1);
  }

  /** The cipher in the rule's slot when it serves this subject and mode, else null (no allocation: once per record). */
  private ValueCipher inSlot(Rule rule, String subject, RuleMode mode) {
    boolean write = mode == RuleMode.WRITE;
    ValueCipher cipher = recent.get(slot(rule, write));
    return cipher != null && (write || mode == RuleMode.READ) && cipher.serves(rule, subject, write) ? cipher : null;
  }

  /** The cipher made before for the rule, subject and mode, else a new one; put in the rule's slot. */
  private ValueCipher found(Rule rule, String subject, RuleMode mode, Supplier<EncryptParams> params) {
    boolean write = mode == RuleMode.WRITE;
    EncryptParams p = rules.get(rule, r -> params.get());
    if (!write && mode != RuleMode.READ) {
      throw new RuleException(rule.type() + " rules run on WRITE and READ, not " + mode);
    }
    ValueCipher cipher = ciphers.get(new CipherKey(rule, subject, write), k -> new ValueCipher(ring(), p, rule, subject, write));
    recent.set(slot(rule, write), cipher);
    return cipher;
  }

  /** A rule (by identity), a subject and a direction, as {@link ValueCipher#serves} compares them. */
  private record CipherKey(Rule rule, String subject, boolean write) {
    @Override
    public boolean equals(Object o) {
      return o instanceof CipherKey k && k.rule == rule && k.write == write && Objects.equals(k.subject, subject);
    }

    @Override
    public int hashCode() {
      return (31 * System.identityHashCode(rule) + Objects.hashCode(subject)) * 2 + (write ? 1 : 0);
    }
  }

  @Override
  public void close() {
    KeyRing r = ring;
    if (r != null) {
      r.close();
    }
  }
}
