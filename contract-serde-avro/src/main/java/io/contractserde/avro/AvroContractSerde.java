package io.contractserde.avro;

import io.contractserde.serde.ContractSerde;

/**
 * The Kafka Streams {@code Serde} of {@link AvroContractSerializer} and
 * {@link AvroContractDeserializer}, configured together.
 */
public class AvroContractSerde<T> extends ContractSerde<T> {
  public AvroContractSerde() {
    super(new AvroContractSerializer<>(), new AvroContractDeserializer<>());
  }
}
