package io.contractserde.json;

import static io.contractserde.json.EnrichedOrders.TOPIC;
import static io.contractserde.json.EnrichedOrders.props;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.Concurrently;
import io.contractserde.rule.RuleFailedException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 8-thread sharing test of the Avro serde, for JSON: a condition on write, migrations on read. */
class JsonConcurrencyTest {
  private final String scope = "json-concurrency-" + System.nanoTime();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  @Test
  void eightThreadsSharingOneSerdeOfEachDirectionGetTheirOwnDocuments() throws Exception {
    EnrichedOrders.register(MockContractRegistry.scope(scope));
    String url = "mock://" + scope;
    JsonContractSerializer<Object> v1Producer = new JsonContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false);
    JsonContractSerializer<Object> v2Producer = new JsonContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=2"), false);
    JsonContractDeserializer<JsonNode> v1Consumer = new JsonContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false);
    JsonContractDeserializer<JsonNode> v2Consumer = new JsonContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=2"), false);

    int threads = 8;
    int perThread = 5_000;
    AtomicInteger checked = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    Concurrently.forEachRecord(threads, perThread, n -> {
      int i = (int) n;
      boolean v1 = i % 2 == 0;
      ObjectNode order = v1 ? EnrichedOrders.v1(i) : EnrichedOrders.v2(i);
      boolean invalid = i % 10 == 3;
      if (invalid) {
        order.put("total", 1e9);
      }
      byte[] bytes;
      try {
        bytes = (v1 ? v1Producer : v2Producer).serialize(TOPIC, order);
      } catch (RuleFailedException e) {
        if (!invalid) {
          throw new AssertionError("document " + i + " rejected wrongly: " + e.getMessage(), e);
        }
        rejected.incrementAndGet();
        return;
      }
      if (invalid) {
        throw new AssertionError("invalid document " + i + " was accepted");
      }
      assertEquals(EnrichedOrders.v1(i), v1Consumer.deserialize(TOPIC, bytes), "document " + i);
      assertEquals(EnrichedOrders.v2(i), v2Consumer.deserialize(TOPIC, bytes), "document " + i);
      checked.incrementAndGet();
    });
    assertEquals(threads * perThread / 10, rejected.get());
    assertEquals(threads * perThread * 9 / 10, checked.get());
  }
}
