package io.contractserde.metrics;

/** The metrics of a serde that no Kafka client monitors: every call does nothing. */
enum DisabledSerdeMetrics implements SerdeMetrics {
  INSTANCE;

  @Override
  public void recordWritten() {}

  @Override
  public void recordNonConforming() {}

  @Override
  public void recordRejectedByRule() {}

  @Override
  public void recordDeadLettered() {}

  @Override
  public void recordRead() {}

  @Override
  public void recordRuleFailure(String subject, String rule) {}

  @Override
  public Counter migrations(String subject, Integer from, Integer to, MigrationEngine engine) {
    return Counter.NONE;
  }

  @Override
  public void recordRegistryRequest(long nanos, boolean failed) {}

  @Override
  public void recordCacheHits(int count) {}

  @Override
  public void recordStaleAnswer() {}
}
