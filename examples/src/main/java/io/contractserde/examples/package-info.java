/**
 * The runnable story of a data product on Kafka: {@link io.contractserde.examples.DataProductDemo}
 * runs producers and consumers pinned to different contract versions on an
 * {@link io.contractserde.examples.EmbeddedKafka embedded KRaft broker}, with contracts read from a
 * {@code file://} folder.
 */
package io.contractserde.examples;
