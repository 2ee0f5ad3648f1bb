package io.contractserde.json;

import io.contractserde.serde.ContractSerde;

/**
 * The Kafka Streams {@code Serde} of {@link JsonContractSerializer} and
 * {@link JsonContractDeserializer}, configured together.
 */
public class JsonContractSerde<T> extends ContractSerde<T> {
  public JsonContractSerde() {
    super(new JsonContractSerializer<>(), new JsonContractDeserializer<>());
  }
}
