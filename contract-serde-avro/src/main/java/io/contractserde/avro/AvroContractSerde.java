package io.contractserde.avro;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Kafka Streams {@link Serde} of {@link AvroContractSerializer} and
 * {@link AvroContractDeserializer}, configured together.
 */
public class AvroContractSerde<T> implements Serde<T> {
  private final AvroContractSerializer<T> serializer = new AvroContractSerializer<>();
  private final AvroContractDeserializer<T> deserializer = new AvroContractDeserializer<>();

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
