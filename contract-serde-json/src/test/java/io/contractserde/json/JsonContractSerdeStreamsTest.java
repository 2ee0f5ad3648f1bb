package io.contractserde.json;

import static io.contractserde.json.EnrichedOrders.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.registry.MockContractRegistry;
import java.util.Properties;
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

/** JsonContractSerde in a Kafka Streams topology: v1 orders in, the app works on v2, v2 orders out. */
class JsonContractSerdeStreamsTest {
  private final String scope = "json-streams-" + System.nanoTime();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  @Test
  void aTopologyPinnedToV2ReadsV1OrdersAndWritesV2() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    EnrichedOrders.register(registry);
    String url = "mock://" + scope;
    JsonContractSerde<JsonNode> v2 = new JsonContractSerde<>();
    v2.configure(props(url, "use.latest.with.metadata", "major_version=2"), false);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("enriched_orders", Consumed.with(Serdes.String(), v2))
        .mapValues(order -> (JsonNode) ((ObjectNode) order.deepCopy()).put("quantity", order.get("quantity").asInt() + 1))
        .to("orders-out", Produced.with(Serdes.String(), v2));
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "json-contract-serde-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
      registry.register("orders-out-value", EnrichedOrders.v2Definition());
      TestInputTopic<String, Object> in = driver.createInputTopic("enriched_orders", Serdes.String().serializer(),
          new JsonContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false));
      TestOutputTopic<String, JsonNode> out = driver.createOutputTopic("orders-out", Serdes.String().deserializer(),
          new JsonContractDeserializer<>(props(url), false));
      in.pipeInput("o-1", EnrichedOrders.v1(1));
      JsonNode result = out.readValue();
      assertEquals("acc-1", result.get("customer_id").asText(), "upgraded by the contract's rule");
      assertEquals(EnrichedOrders.v1(1).get("quantity").asInt() + 1, result.get("quantity").asInt());
      assertTrue(out.isEmpty());
    }
  }
}
