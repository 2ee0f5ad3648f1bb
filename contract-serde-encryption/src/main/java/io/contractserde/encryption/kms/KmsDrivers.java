package io.contractserde.encryption.kms;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/** The KMS drivers on the class path, by {@code kmsType}. Immutable. */
public final class KmsDrivers {
  private final Map<String, KmsDriver> byType;

  private KmsDrivers(Map<String, KmsDriver> byType) {
    this.byType = byType;
  }

  /** The drivers {@link ServiceLoader} finds (the first of each type wins). */
  public static KmsDrivers load() {
    Map<String, KmsDriver> drivers = new LinkedHashMap<>();
    for (KmsDriver driver : ServiceLoader.load(KmsDriver.class, KmsDrivers.class.getClassLoader())) {
      drivers.putIfAbsent(driver.type().toLowerCase(Locale.ROOT), driver);
    }
    return new KmsDrivers(Map.copyOf(drivers));
  }

  /** The driver of a {@code kmsType}, or null. */
  public KmsDriver find(String kmsType) {
    return kmsType == null ? null : byType.get(kmsType.trim().toLowerCase(Locale.ROOT));
  }

  /** The types available, for messages. */
  public String types() {
    return String.join(", ", new java.util.TreeSet<>(byType.keySet()));
  }
}
