/**
 * JMH benchmarks of the serdes, each next to its raw baseline in the same class (raw Avro
 * {@code GenericDatumWriter} / {@code GenericDatumReader} with reused encoder and decoder, raw
 * Jackson), so every run reports both and the ratio between them is meaningful.
 */
package io.contractserde.benchmarks;
