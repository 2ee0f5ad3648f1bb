package io.contractserde.cel.testdata;

/** The enum of {@link Member}, as avro-tools would generate it. */
public enum Tier {
  BASIC, GOLD
}
