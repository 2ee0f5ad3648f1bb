package io.contractserde.encryption;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.crypto.tink.Aead;
import io.contractserde.encryption.dek.Dek;
import io.contractserde.encryption.dek.DekRegistries;
import io.contractserde.encryption.dek.DekRegistry;
import io.contractserde.encryption.dek.Kek;
import io.contractserde.encryption.dek.KeyExistsException;
import io.contractserde.encryption.kms.KmsDriver;
import io.contractserde.encryption.kms.KmsDrivers;
import io.contractserde.rule.RuleException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor's keys: its DEK registry, KMS drivers and caches. KEKs and DEKs are cached with their
 * decrypted primitive (bounded, {@code cache.size}; expiring after {@code cache.expiry.secs} when set),
 * so the KMS is called once per DEK version, not per record. DEKs are created on first write and,
 * with {@code encrypt.dek.expiry.days}, rotated when the latest is that old; a producer that loses a
 * creation race reads the winner's DEK. Thread-safe. Failures throw {@link RuleException} naming the
 * KEK, never a key or a secret, so the rule's onFailure applies.
 *
 * <p>Each cached KEK and DEK carries when it was loaded, so a {@link ValueCipher} that keeps the ones
 * it used last can tell, without a cache look-up, whether the cache would still hand them out
 * ({@link #fresh}, {@link #writableWith}).
 */
final class KeyRing implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
  static final String CACHE_SIZE = "cache.size";
  static final String CACHE_EXPIRY_SECS = "cache.expiry.secs";
  static final String CLOCK = "clock";
  private static final long DAY_MS = 86_400_000L;

  /** The executor parameters ({@code rule.executors._default_.param.*} and the type's own). */
  static final ConfigDef CONFIG = new ConfigDef()
      .define(CACHE_SIZE, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
          "How many KEKs and DEKs (with their decrypted keys) each encryption executor keeps.")
      .define(CACHE_EXPIRY_SECS, Type.LONG, -1L, Importance.LOW,
          "Seconds after which a cached KEK or DEK is fetched and unwrapped again; -1 keeps it until evicted.")
      .define(io.contractserde.encryption.kms.LocalKmsDriver.SECRET, Type.PASSWORD, null, Importance.HIGH,
          "The local-kms secret the KEK key is derived from (else the environment variable LOCAL_SECRET).")
      .define(DekRegistries.DEK_REGISTRY_URL, Type.STRING, null, Importance.LOW,
          "Where DEKs are kept when not in the contract registry: http(s)://, mock://<scope>, or file:///folder"
              + " (default: schema.registry.url; for a file:// contract folder, the folder 'keys' beside it).");

  private final Map<String, ?> params;
  private final Clock clock;
  private final DekRegistry registry;
  private final KmsDrivers drivers;
  /** The caches' time: the system's, or the {@code clock} parameter's (tests move it by hand). */
  private final Ticker ticker;
  /** {@code cache.expiry.secs} in nanoseconds, or -1. */
  private final long expiryNanos;
  private final Cache<KekKey, KekEntry> keks;
  private final Cache<DekKey, DekEntry> deks;
  private final Map<String, Aead> kmsKeys = new ConcurrentHashMap<>();
  /** Creating or rotating a DEK is rare: one at a time per executor. */
  private final Object writeLock = new Object();

  KeyRing(Map<String, ?> params) {
    this.params = Map.copyOf(params);
    Map<String, Object> known = new HashMap<>();
    for (String name : CONFIG.names()) {
      if (params.get(name) != null) {
        known.put(name, params.get(name));
      }
    }
    AbstractConfig config = new AbstractConfig(CONFIG, known, false);
    Object clockParam = params.get(CLOCK);
    this.clock = clockParam instanceof Clock c ? c : Clock.systemUTC();
    this.ticker = clockParam instanceof Clock c ? () -> c.millis() * 1_000_000L : Ticker.systemTicker();
    this.registry = DekRegistries.create(params, clock);
    this.drivers = KmsDrivers.load();
    long expiry = config.getLong(CACHE_EXPIRY_SECS);
    int size = config.getInt(CACHE_SIZE);
    this.expiryNanos = expiry >= 0 ? Duration.ofSeconds(expiry).toNanos() : -1;
    Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(size).ticker(ticker);
    if (expiry >= 0) {
      builder.expireAfterWrite(Duration.ofSeconds(expiry));
    }
    this.keks = builder.build();
    Caffeine<Object, Object> dekBuilder = Caffeine.newBuilder().maximumSize(size).ticker(ticker);
    if (expiry >= 0) {
      dekBuilder.expireAfterWrite(Duration.ofSeconds(expiry));
    }
    this.deks = dekBuilder.build();
  }

  /** The KEK of a rule; on write created when missing (needs the KMS type and key id). */
  KekEntry kek(EncryptParams p, boolean write) {
    KekEntry entry = keks.get(new KekKey(p.kekName(), !write), k -> new KekEntry(loadKek(p, write), ticker.read()));
    Kek kek = entry.kek();
    if (p.kmsType() != null && !p.kmsType().equals(kek.kmsType())) {
      throw new RuleException("KEK '" + p.kekName() + "' has kmsType " + kek.kmsType() + ", but the rule says "
          + p.kmsType());
    }
    if (p.kmsKeyId() != null && !p.kmsKeyId().equals(kek.kmsKeyId())) {
      throw new RuleException("KEK '" + p.kekName() + "' has another kmsKeyId than the rule's "
          + EncryptParams.KMS_KEY_ID);
    }
    return entry;
  }

  /**
   * True while an entry loaded at {@code loaded} ({@link KekEntry#loaded}, {@link DekEntry#loaded})
   * is one the cache would still hand out: always, unless {@code cache.expiry.secs} is set. An entry
   * kept outside the cache expires no later than the cache's own copy, which is put after it is made.
   */
  boolean fresh(long loaded) {
    return expiryNanos < 0 || ticker.read() - loaded < expiryNanos;
  }

  /** True while {@link #dekForWrite} would still give {@code entry}: fresh, and not due for rotation. */
  boolean writableWith(DekEntry entry, EncryptParams p) {
    return fresh(entry.loaded()) && !expired(entry.dek(), p);
  }

  private Kek loadKek(EncryptParams p, boolean write) {
    Kek kek = store(() -> registry.kek(p.kekName(), !write), p.kekName());
    if (kek != null) {
      return kek;
    }
    if (!write) {
      throw new RuleException("No KEK '" + p.kekName() + "' found in the DEK registry during consume");
    }
    if (p.kmsType() == null || p.kmsKeyId() == null) {
      throw new RuleException("KEK '" + p.kekName() + "' does not exist; to create it, the rule needs "
          + EncryptParams.KMS_TYPE + " and " + EncryptParams.KMS_KEY_ID);
    }
    try {
      return store(() -> registry.createKek(Kek.of(p.kekName(), p.kmsType(), p.kmsKeyId())), p.kekName());
    } catch (KeyExistsException e) {
      Kek winner = store(() -> registry.kek(p.kekName(), false), p.kekName());
      if (winner == null) {
        throw new RuleException("KEK '" + p.kekName() + "' exists but cannot be read");
      }
      return winner;
    }
  }

  /** The DEK to write with: the unrotated one, or the latest version, rotated when expired. */
  DekEntry dekForWrite(EncryptParams p, Kek kek, String subject) {
    boolean rotating = p.expiryDays() > 0;
    DekKey key = new DekKey(kek.name(), subject, p.algorithm(), rotating ? DekRegistry.LATEST : null);
    DekEntry entry = deks.getIfPresent(key);
    if (entry != null && !expired(entry.dek(), p)) {
      return entry;
    }
    synchronized (writeLock) {
      entry = deks.getIfPresent(key);
      if (entry == null || expired(entry.dek(), p)) {
        entry = loadForWrite(key, p, kek);
        deks.put(key, entry);
      }
      return entry;
    }
  }

  private DekEntry loadForWrite(DekKey key, EncryptParams p, Kek kek) {
    Dek dek = store(() -> registry.dek(kek.name(), key.subject(), key.algorithm().name(), key.version(), false),
        kek.name());
    boolean missing = dek == null || dek.encryptedKeyMaterial() == null && dek.keyMaterial() == null;
    if (!missing && !expired(dek, p)) {
      return entry(dek, kek, p);
    }
    byte[] raw = kek.shared() ? null : key.algorithm().newKeyMaterial();
    try {
      String wrapped = raw == null ? null : Base64.getEncoder().encodeToString(wrap(kek, p, raw));
      int version = missing ? (key.version() == null ? 0 : 1) : dek.version() + 1;
      Dek created;
      try {
        created = store(() -> registry.createDek(new Dek(kek.name(), key.subject(), version, key.algorithm().name(),
            wrapped, null, clock.millis(), false)), kek.name());
      } catch (KeyExistsException e) {
        // Another producer created it first: use theirs.
        Dek winner = store(() -> registry.dek(kek.name(), key.subject(), key.algorithm().name(), key.version(), false),
            kek.name());
        if (winner == null) {
          throw new RuleException("A DEK of subject '" + key.subject() + "' under KEK '" + kek.name()
              + "' exists but cannot be read");
        }
        return entry(winner, kek, p);
      } catch (RuleException e) {
        if (!missing) {
          log.warn("Could not rotate the DEK of subject '{}' under KEK '{}' ({}); still using version {}",
              key.subject(), kek.name(), e.getMessage(), dek.version());
          return entry(dek, kek, p);
        }
        throw e;
      }
      DekEntry entry;
      try {
        entry = raw == null ? entry(created, kek, p)
            : new DekEntry(created, key.algorithm().cryptor(raw), ticker.read());
      } catch (GeneralSecurityException e) {
        throw new RuleException("The new DEK of KEK '" + kek.name() + "' cannot be used: " + e.getMessage());
      }
      deks.put(new DekKey(kek.name(), key.subject(), key.algorithm(), created.version()), entry);
      return entry;
    } finally {
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }

  /** The DEK to read with: {@code version} from the ciphertext's prefix, or null without rotation. */
  DekEntry dekForRead(EncryptParams p, Kek kek, String subject, Integer version) {
    DekKey key = new DekKey(kek.name(), subject, p.algorithm(), version);
    return deks.get(key, k -> {
      Dek dek = store(() -> registry.dek(kek.name(), subject, p.algorithm().name(), version, true), kek.name());
      if (dek == null || dek.encryptedKeyMaterial() == null && dek.keyMaterial() == null) {
        throw new RuleException("No DEK " + (version == null ? "" : "version " + version + " ") + "of subject '"
            + subject + "' found under KEK '" + kek.name() + "' during consume");
      }
      return entry(dek, kek, p);
    });
  }

  private DekEntry entry(Dek dek, Kek kek, EncryptParams p) {
    DekAlgorithm algorithm = DekAlgorithm.of(dek.algorithm());
    if (dek.keyMaterial() == null) {
      DekKey concrete = new DekKey(kek.name(), dek.subject(), algorithm, dek.version());
      DekEntry known = deks.getIfPresent(concrete);
      if (known != null && known.dek().ts() == dek.ts()) {
        return new DekEntry(dek, known.cryptor(), ticker.read());
      }
    }
    byte[] raw = dek.keyMaterial() != null ? dek.keyMaterial().bytes()
        : unwrap(kek, p, Base64.getDecoder().decode(dek.encryptedKeyMaterial()));
    try {
      return new DekEntry(dek, algorithm.cryptor(raw), ticker.read());
    } catch (GeneralSecurityException e) {
      throw new RuleException("The DEK version " + dek.version() + " of KEK '" + kek.name() + "' is not a valid "
          + algorithm + " key: " + e.getMessage());
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private boolean expired(Dek dek, EncryptParams p) {
    return p.expiryDays() > 0 && (clock.millis() - dek.ts()) / DAY_MS >= p.expiryDays();
  }

  private byte[] wrap(Kek kek, EncryptParams p, byte[] raw) {
    GeneralSecurityException last = null;
    for (String keyId : kmsKeyIds(kek, p)) {
      try {
        return kms(kek, keyId).encrypt(raw, DekAlgorithm.EMPTY_AAD);
      } catch (GeneralSecurityException e) {
        last = e;
        log.warn("Could not wrap a DEK with KMS key {} of KEK '{}': {}", keyId, kek.name(), e.getMessage());
      }
    }
    throw new RuleException("Failed to wrap a DEK with every KMS key of KEK '" + kek.name() + "': "
        + (last == null ? "no KMS key" : last.getMessage()));
  }

  private byte[] unwrap(Kek kek, EncryptParams p, byte[] wrapped) {
    GeneralSecurityException last = null;
    for (String keyId : kmsKeyIds(kek, p)) {
      try {
        return kms(kek, keyId).decrypt(wrapped, DekAlgorithm.EMPTY_AAD);
      } catch (GeneralSecurityException e) {
        last = e;
        log.debug("Could not unwrap a DEK with KMS key {} of KEK '{}': {}", keyId, kek.name(), e.getMessage());
      }
    }
    throw new RuleException("Failed to decrypt the DEK with every KMS key of KEK '" + kek.name() + "': "
        + (last == null ? "no KMS key" : last.getMessage()));
  }

  private List<String> kmsKeyIds(Kek kek, EncryptParams p) {
    List<String> ids = new ArrayList<>();
    ids.add(kek.kmsKeyId());
    String fromKek = kek.kmsProps().get(EncryptParams.ALTERNATE_KMS_KEY_IDS);
    List<String> alternates = fromKek != null ? List.of(fromKek.split(",")) : p.alternateKmsKeyIds();
    for (String id : alternates) {
      if (!id.isBlank() && !ids.contains(id.trim())) {
        ids.add(id.trim());
      }
    }
    return ids;
  }

  private Aead kms(Kek kek, String keyId) throws GeneralSecurityException {
    String url = kek.kmsType() + "://" + keyId;
    Aead aead = kmsKeys.get(url);
    if (aead != null) {
      return aead;
    }
    KmsDriver driver = drivers.find(kek.kmsType());
    if (driver == null) {
      throw new GeneralSecurityException("no KMS driver for kmsType " + kek.kmsType() + " (available: "
          + drivers.types() + "); add the driver's jar");
    }
    aead = driver.newAead(keyId, params);
    kmsKeys.putIfAbsent(url, aead);
    return aead;
  }

  /** Runs a DEK registry call; a failure to reach it becomes a {@link RuleException}. */
  private static <T> T store(java.util.function.Supplier<T> call, String kekName) {
    try {
      return call.get();
    } catch (KeyExistsException | RuleException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RuleException("The DEK registry failed for KEK '" + kekName + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    registry.close();
  }

  @Override
  public String toString() {
    return "KeyRing[" + registry + "]";
  }

  private record KekKey(String name, boolean read) {}

  private record DekKey(String kekName, String subject, DekAlgorithm algorithm, Integer version) {}

  /** A KEK as cached, with the ticker's time when it was loaded. */
  record KekEntry(Kek kek, long loaded) {}

  /** A DEK with its primitive, and the ticker's time when it was loaded. {@code toString} shows no key. */
  record DekEntry(Dek dek, Cryptor cryptor, long loaded) {}
}
