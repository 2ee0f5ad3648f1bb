package io.contractserde.contract;

/**
 * When a rule runs. WRITE, READ and WRITEREAD are the modes of domain and encoding rules; UPGRADE,
 * DOWNGRADE and UPDOWN those of migration rules.
 */
public enum RuleMode {
  UPGRADE,
  DOWNGRADE,
  UPDOWN,
  WRITE,
  READ,
  WRITEREAD;

  /** True for UPGRADE, DOWNGRADE and UPDOWN. */
  public boolean isMigration() {
    return this == UPGRADE || this == DOWNGRADE || this == UPDOWN;
  }

  /** True for the two modes whose actions may be a comma pair (WRITEREAD and UPDOWN). */
  public boolean isBidirectional() {
    return this == WRITEREAD || this == UPDOWN;
  }

  /**
   * Whether a rule declared with this mode runs when the engine executes {@code executing}
   * (always one of WRITE, READ, UPGRADE, DOWNGRADE).
   */
  public boolean appliesTo(RuleMode executing) {
    return switch (this) {
      case WRITEREAD -> executing == WRITE || executing == READ;
      case UPDOWN -> executing == UPGRADE || executing == DOWNGRADE;
      default -> this == executing;
    };
  }
}
