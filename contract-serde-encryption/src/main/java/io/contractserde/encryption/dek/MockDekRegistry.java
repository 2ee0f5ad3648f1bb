package io.contractserde.encryption.dek;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An in-memory DEK registry, selected by {@code mock://<scope>}: every serde of one JVM with the same
 * scope shares one, obtained with {@link #scope(String)} (tests seed or inspect keys there).
 * {@link #dropScope(String)} forgets a scope.
 */
public final class MockDekRegistry implements DekRegistry {
  private static final Map<String, MockDekRegistry> SCOPES = new ConcurrentHashMap<>();

  private final String name;
  private final Clock clock;
  private final Map<String, Kek> keks = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentSkipListMap<Integer, Dek>> deks = new ConcurrentHashMap<>();

  /** A registry of its own, not reachable through any {@code mock://} URL. */
  public MockDekRegistry(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
  }

  /** The shared registry of {@code mock://<scope>}, created on first use. */
  public static MockDekRegistry scope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new MockDekRegistry("mock://" + s, Clock.systemUTC()));
  }

  /** Forgets the scope and its keys. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public Kek kek(String name, boolean deleted) {
    Kek kek = keks.get(name);
    return kek == null || kek.deleted() && !deleted ? null : kek;
  }

  @Override
  public Kek createKek(Kek kek) {
    Kek stored = new Kek(kek.name(), kek.kmsType(), kek.kmsKeyId(), kek.kmsProps(), kek.doc(), kek.shared(),
        clock.millis(), false);
    if (keks.putIfAbsent(kek.name(), stored) != null) {
      throw new KeyExistsException("KEK " + kek.name() + " exists in " + name);
    }
    return stored;
  }

  @Override
  public Dek dek(String kekName, String subject, String algorithm, Integer version, boolean deleted) {
    ConcurrentSkipListMap<Integer, Dek> versions = deks.get(key(kekName, subject, algorithm));
    if (versions == null || versions.isEmpty()) {
      return null;
    }
    Dek dek;
    if (version != null && version == LATEST) {
      dek = null;
      for (Dek d : versions.descendingMap().values()) {
        if (deleted || !d.deleted()) {
          dek = d;
          break;
        }
      }
    } else {
      dek = versions.get(version == null ? 1 : version);
    }
    return dek == null || dek.deleted() && !deleted ? null : dek;
  }

  @Override
  public Dek createDek(Dek dek) {
    int version = dek.version() <= 0 ? 1 : dek.version();
    Dek stored = new Dek(dek.kekName(), dek.subject(), version, dek.algorithm(), dek.encryptedKeyMaterial(),
        dek.keyMaterial(), dek.ts() > 0 ? dek.ts() : clock.millis(), false);
    if (deks.computeIfAbsent(key(dek.kekName(), dek.subject(), dek.algorithm()), k -> new ConcurrentSkipListMap<>())
        .putIfAbsent(version, stored) != null) {
      throw new KeyExistsException("DEK version " + version + " of subject " + dek.subject() + " under KEK "
          + dek.kekName() + " exists in " + name);
    }
    return stored;
  }

  private static String key(String kekName, String subject, String algorithm) {
    return kekName + '\u0000' + subject + '\u0000' + algorithm;
  }

  @Override
  public String toString() {
    return "MockDekRegistry[" + name + "]";
  }
}
