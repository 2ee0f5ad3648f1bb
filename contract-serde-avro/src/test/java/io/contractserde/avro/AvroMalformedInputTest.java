package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static io.contractserde.avro.Accounts.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.ThreadMXBean;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.Fuzz;
import io.contractserde.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the read path: every failure is a SerializationException with a message; nothing
 * else escapes, nothing hangs, and a payload that claims gigabytes allocates next to nothing.
 */
class AvroMalformedInputTest {
  private final String scope = "avro-malformed-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private int v1Id;
  private int ordersId;
  private int arraysId;
  private List<AvroContractDeserializer<Object>> readers;

  @BeforeEach
  void register() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    v1Id = Accounts.register(registry).get(0).id();
    ordersId = registry.register("orders-value", SchemaDefinition.of("AVRO",
        "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"n\",\"type\":\"long\"}]}")).id();
    arraysId = registry.register("arrays-value", SchemaDefinition.of("AVRO",
        "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"xs\",\"type\":{\"type\":\"array\",\"items\":\"long\"}}]}")).id();
    readers = List.of(
        new AvroContractDeserializer<>(props(url), false),
        new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=2"), false),
        new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=2",
            "migration.fast.path", false), false),
        new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false));
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private byte[] frame(int id, byte[] payload) {
    byte[] out = new byte[5 + payload.length];
    WireFormat.writeIdPrefix(out, 0, id);
    System.arraycopy(payload, 0, out, 5, payload.length);
    return out;
  }

  /** An Avro long (zig-zag varint). */
  private static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private void rejectedByEveryReader(String what, byte[] frame) {
    for (AvroContractDeserializer<Object> reader : readers) {
      SerializationException e = assertThrows(SerializationException.class, () -> reader.deserialize(TOPIC, frame), what);
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what);
    }
  }

  @Test
  void theCorpus() {
    byte[] valid = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false)
        .serialize(TOPIC, Accounts.v1Record(1));
    rejectedByEveryReader("wrong magic byte", concat(new byte[] {2}, java.util.Arrays.copyOfRange(valid, 1, valid.length)));
    rejectedByEveryReader("truncated header", new byte[] {0, 0, 1});
    rejectedByEveryReader("empty value", new byte[0]);
    rejectedByEveryReader("header only", frame(v1Id, new byte[0]));
    rejectedByEveryReader("unknown id", frame(4711, java.util.Arrays.copyOfRange(valid, 5, valid.length)));
    rejectedByEveryReader("truncated payload", java.util.Arrays.copyOf(valid, valid.length - 3));
    rejectedByEveryReader("a string claiming 2 GB", frame(v1Id, concat(varint(Integer.MAX_VALUE - 8), new byte[] {'a', 'b'})));
    rejectedByEveryReader("a string claiming 2^60 bytes", frame(v1Id, concat(varint(1L << 60), new byte[] {'a'})));
    rejectedByEveryReader("a negative length", frame(v1Id, concat(varint(-5), new byte[] {'a'})));
    for (AvroContractDeserializer<Object> reader : readers) {
      assertNull(reader.deserialize(TOPIC, null), "a tombstone stays null");
    }
    SerializationException other = assertThrows(SerializationException.class,
        () -> readers.get(1).deserialize(TOPIC, frame(ordersId, varint(5))));
    assertTrue(other.getMessage().contains("not registered under subject 'accounts-value'"), other.getMessage());
  }

  @Test
  void invalidUtf8IsReadLikeAvroDoes() {
    byte[] badUtf8 = {(byte) 0xC3, (byte) 0x28};
    byte[] payload = concat(varint(2), "id".getBytes(), varint(1), "n".getBytes(), varint(2), badUtf8,
        new byte[] {0}, varint(0));
    Object read = readers.get(0).deserialize(TOPIC, frame(v1Id, payload));
    assertEquals(2, ((GenericRecord) read).get("ssn").toString().length(), "malformed UTF-8 becomes replacement chars");
  }

  @Test
  void hugeClaimedLengthsAllocateNextToNothing() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[] arrayClaim = frame(arraysId, varint(1L << 40));
    AvroContractDeserializer<Object> reader = readers.get(0);
    for (byte[] frame : List.of(frame(v1Id, concat(varint(Integer.MAX_VALUE - 8), new byte[] {'a'})),
        frame(v1Id, concat(varint(1_000_000_000), new byte[10])), arrayClaim)) {
      assertThrows(SerializationException.class, () -> reader.deserialize(TOPIC, frame));
      long before = threads.getCurrentThreadAllocatedBytes();
      assertThrows(SerializationException.class, () -> reader.deserialize(TOPIC, frame));
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes");
    }
  }

  @Test
  void anArrayClaimingABillionItemsIsRejected() {
    SerializationException e = assertThrows(SerializationException.class,
        () -> new AvroContractDeserializer<>(props(url), false).deserialize("arrays", frame(arraysId, varint(1_000_000_000))));
    assertTrue(e.getMessage().contains("1000000000 array items are claimed"), e.getMessage());
  }

  /** At least 100,000 mutated frames: any outcome but a SerializationException is a bug. */
  @Test
  void fuzzedFramesFailOnlyWithSerializationExceptions() {
    AvroContractSerializer<Object> v1 = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false);
    AvroContractSerializer<Object> v2 = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=2"), false);
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      seeds.add(v1.serialize(TOPIC, Accounts.v1Record(i * 7919)));
      seeds.add(v2.serialize(TOPIC, Accounts.v2Record(i * 104729)));
    }
    Random random = new Random(42);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int accepted = 0;
    int rejected = 0;
    for (int n = 0; n < 100_000; n++) {
      byte[] frame = Fuzz.mutate(seeds.get(random.nextInt(seeds.size())), random);
      AvroContractDeserializer<Object> reader = readers.get(n % readers.size());
      try {
        reader.deserialize(TOPIC, frame);
        accepted++;
      } catch (SerializationException e) {
        rejected++;
      } catch (Throwable t) {
        fail("frame " + HexFormat.of().formatHex(frame) + " escaped with " + t, t);
      }
      if (System.nanoTime() > deadline) {
        fail("100,000 frames did not finish within a minute (" + n + " done)");
      }
    }
    assertTrue(accepted > 1000 && rejected > 1000, accepted + " accepted, " + rejected + " rejected");
  }
}
