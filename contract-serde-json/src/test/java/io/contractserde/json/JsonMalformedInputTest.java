package io.contractserde.json;

import static io.contractserde.json.EnrichedOrders.TOPIC;
import static io.contractserde.json.EnrichedOrders.props;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input on the JSON read path: only SerializationExceptions, never a hang or a stack overflow. */
class JsonMalformedInputTest {
  private final String scope = "json-malformed-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private MockContractRegistry registry;
  private List<JsonContractDeserializer<Object>> readers;

  @BeforeEach
  void register() {
    registry = MockContractRegistry.scope(scope);
    EnrichedOrders.register(registry);
    readers = List.of(
        new JsonContractDeserializer<>(props(url), false),
        new JsonContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=2"), false),
        new JsonContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false));
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private byte[] frame(String payload) {
    return EnrichedOrders.framed(registry, "1", payload, StandardCharsets.ISO_8859_1);
  }


  @Test
  void theCorpus() {
    List<byte[]> corpus = List.of(new byte[] {3, 0, 0, 0, 1, '{', '}'}, new byte[] {0, 0}, new byte[0],
        frame(""), frame("{\"order_id\": \"o\""), frame("{\"order_id\": \"\u00C3\u0028\"}"), frame("nul"),
        frame("[".repeat(50_000)), frame("{\"a\":".repeat(20_000)), frame("\"\\ud800\""), frame("1e999999999"));
    for (byte[] frame : corpus) {
      for (JsonContractDeserializer<Object> reader : readers) {
        SerializationException e = assertThrows(SerializationException.class, () -> reader.deserialize(TOPIC, frame),
            HexFormat.of().formatHex(frame, 0, Math.min(frame.length, 40)));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
      }
    }
    for (JsonContractDeserializer<Object> reader : readers) {
      assertNull(reader.deserialize(TOPIC, null));
    }
  }

  @Test
  void fuzzedFramesFailOnlyWithSerializationExceptions() {
    JsonContractSerializer<Object> v1 = new JsonContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false);
    JsonContractSerializer<Object> v2 = new JsonContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=2"), false);
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      seeds.add(v1.serialize(TOPIC, EnrichedOrders.v1(i)));
      seeds.add(v2.serialize(TOPIC, EnrichedOrders.v2(i)));
    }
    Random random = new Random(7);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int accepted = 0;
    for (int n = 0; n < 100_000; n++) {
      byte[] frame = Fuzz.mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        readers.get(n % readers.size()).deserialize(TOPIC, frame);
        accepted++;
      } catch (SerializationException e) {
        // expected for most mutations
      } catch (Throwable t) {
        fail("frame " + HexFormat.of().formatHex(frame) + " escaped with " + t, t);
      }
      if (System.nanoTime() > deadline) {
        fail("100,000 frames did not finish within a minute (" + n + " done)");
      }
    }
    assertTrue(accepted > 100, accepted + " accepted");
  }
}
