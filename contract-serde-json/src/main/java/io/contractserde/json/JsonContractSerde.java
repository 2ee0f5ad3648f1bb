package io.contractserde.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contractserde.serde.ContractSerde;

/**
 * The Kafka Streams {@code Serde} of {@link JsonContractSerializer} and
 * {@link JsonContractDeserializer}, configured together.
 */
public class JsonContractSerde<T> extends ContractSerde<T> {
  public JsonContractSerde() {
    super(new JsonContractSerializer<>(), new JsonContractDeserializer<>());
  }

  /**
   * A serde whose serializer and deserializer use a copy of the application's own
   * {@code objectMapper}; see {@link JsonContractSerializer#JsonContractSerializer(ObjectMapper)}.
   */
  public JsonContractSerde(ObjectMapper objectMapper) {
    super(new JsonContractSerializer<>(objectMapper), new JsonContractDeserializer<>(objectMapper));
  }
}
