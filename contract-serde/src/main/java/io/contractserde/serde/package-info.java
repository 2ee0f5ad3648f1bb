/**
 * The serializer and deserializer engines, written once against the format SPI: contract
 * resolution, conformance, domain rules, framing on write; framing, writer look-up, reader choice,
 * migration plans and domain rules on read. The Avro and JSON modules wrap them in Kafka's
 * {@code Serializer} and {@code Deserializer}; those faces are Kafka {@code Monitorable}s that
 * own the serde's metrics ({@code io.contractserde.metrics}) and hand them to each engine.
 */
package io.contractserde.serde;
