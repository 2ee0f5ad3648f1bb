package io.contractserde.metrics;

import java.util.Locale;

/** How a record was migrated, the {@code engine} tag of {@link SerdeMetric#MIGRATIONS}. */
public enum MigrationEngine {
  /** Schema resolution only: no rules, or JSONata renames and drops recognized as resolution. */
  RESOLUTION,
  /** The JSONata interpreter ran the migration rules. */
  INTERPRETED,
  /** Compiled JSONata ran the migration rules. */
  COMPILED;

  /** The tag value: the name in lower case. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
