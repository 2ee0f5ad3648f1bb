package io.contractserde.avro.testdata;

/** The enum of {@link Order}, as avro-tools would generate it. */
public enum Status {
  NEW, PAID
}
