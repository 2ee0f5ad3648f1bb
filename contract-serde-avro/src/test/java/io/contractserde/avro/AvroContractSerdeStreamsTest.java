package io.contractserde.avro;

import static io.contractserde.avro.Accounts.props;
import static io.contractserde.avro.Accounts.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.registry.MockContractRegistry;
import java.util.Properties;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AvroContractSerde in a Kafka Streams topology: v1 records in, the app works on v2, v2 records out. */
class AvroContractSerdeStreamsTest {
  private final String scope = "avro-streams-" + System.nanoTime();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  @Test
  void aTopologyPinnedToV2ReadsV1RecordsAndWritesV2() {
    Accounts.register(MockContractRegistry.scope(scope));
    String url = "mock://" + scope;
    AvroContractSerde<GenericRecord> v2Serde = new AvroContractSerde<>();
    v2Serde.configure(props(url, "use.latest.with.metadata", "major_version=2"), false);

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("accounts", Consumed.with(Serdes.String(), v2Serde))
        .mapValues(account -> {
          GenericRecord copy = new GenericData.Record(account.getSchema());
          account.getSchema().getFields().forEach(f -> copy.put(f.pos(), account.get(f.pos())));
          copy.put("name", account.get("name").toString().toUpperCase());
          return copy;
        })
        .to("accounts-clean", Produced.with(Serdes.String(), v2Serde));

    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "contract-serde-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
      AvroContractSerializer<Object> v1Producer = new AvroContractSerializer<>(
          props(url, "use.latest.with.metadata", "major_version=1"), false);
      TestInputTopic<String, Object> in = driver.createInputTopic("accounts", Serdes.String().serializer(), v1Producer);
      // The output subject accounts-clean-value has the same contracts.
      MockContractRegistry.scope(scope).register("accounts-clean-value", Accounts.v1());
      MockContractRegistry.scope(scope).register("accounts-clean-value", Accounts.v2());
      TestOutputTopic<String, GenericRecord> out = driver.createOutputTopic("accounts-clean",
          Serdes.String().deserializer(), new AvroContractDeserializer<>(props(url), false));

      in.pipeInput("k1", Accounts.v1Record(21));
      in.pipeInput("k2", Accounts.v1Record(22));
      GenericRecord first = out.readValue();
      GenericRecord second = out.readValue();
      assertEquals("NAME 21", str(first, "name"));
      assertEquals("000000021", str(first, "national_id"), "upgraded from v1 by the contract's rule");
      assertEquals("000000022", str(second, "national_id"));
      assertEquals(Accounts.V2_SCHEMA, first.getSchema());
      assertTrue(out.isEmpty());
    }
  }
}
