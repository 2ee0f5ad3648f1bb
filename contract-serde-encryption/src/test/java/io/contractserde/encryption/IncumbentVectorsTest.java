package io.contractserde.encryption;

import static io.contractserde.encryption.Vectors.SECRET;
import static io.contractserde.encryption.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.Aead;
import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.encryption.dek.MockDekRegistry;
import io.contractserde.encryption.kms.LocalKmsDriver;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.SerdeProps;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Byte compatibility with the incumbent: every DEK, record, field and payload of the vectors file
 * decrypts here, and deterministic (SIV) encryption here gives the incumbent's exact bytes.
 */
class IncumbentVectorsTest {
  private final String scope = "vectors-" + System.nanoTime();
  private final MockContractRegistry contracts = MockContractRegistry.scope(scope);
  private final MockDekRegistry keys = MockDekRegistry.scope(scope);

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
    MockDekRegistry.dropScope(scope);
  }

  private Map<String, Object> props(Object... pairs) {
    Map<String, Object> props = SerdeProps.props("mock://" + scope, pairs);
    props.putIfAbsent("rule.executors._default_.param.secret", SECRET);
    return props;
  }

  @Test
  void theLocalKmsDerivesTheIncumbentsKekAndUnwrapsEveryDekOfTheFile() throws Exception {
    Aead kek = new LocalKmsDriver().newAead("mykey", Map.of(LocalKmsDriver.SECRET, SECRET));
    int unwrapped = 0;
    for (JsonNode scenario : Vectors.JS.path("scenarios")) {
      for (JsonNode dek : scenario.path("deks")) {
        byte[] raw = kek.decrypt(Base64.getDecoder().decode(dek.path("encryptedKeyMaterial").asText()), new byte[0]);
        assertEquals(dek.path("keyMaterialHex_debug_only").asText(), HexFormat.of().formatHex(raw));
        unwrapped++;
      }
    }
    for (JsonNode c : Vectors.ROOT.path("javaProduced").path("cases")) {
      kek.decrypt(Base64.getDecoder().decode(c.path("encryptedKeyMaterial").asText()), new byte[0]);
      unwrapped++;
    }
    assertEquals(10, unwrapped);
  }

  @Test
  void everyRecordTheJavaScriptClientWroteDecryptsThroughTheDeserializer() {
    int records = 0;
    for (JsonNode scenario : Vectors.JS.path("scenarios")) {
      String name = scenario.path("name").asText();
      MockContractRegistry.dropScope(scope);
      MockDekRegistry.dropScope(scope);
      assertEquals(1, Vectors.register(MockContractRegistry.scope(scope), scenario, Vectors.SCHEMA).id(), name);
      Vectors.seed(MockDekRegistry.scope(scope), scenario);
      try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props(), false)) {
        for (JsonNode message : scenario.path("messages")) {
          GenericRecord read = deserializer.deserialize(Vectors.topic(scenario), hex(message.path("wireHex").asText()));
          assertPlaintext(message.path("decrypted"), read, name);
          records++;
        }
      }
    }
    assertEquals(6, records);
  }

  @Test
  void withoutTheSecretAReaderUnderErrorNoneGetsTheIncumbentsCiphertext() {
    JsonNode scenario = Vectors.scenario("gcm");
    Vectors.register(contracts, scenario, Vectors.SCHEMA);
    Vectors.seed(keys, scenario);
    JsonNode expected = scenario.path("readWithoutSecret");
    for (String secret : new String[] {null, "a-wrong-secret"}) {
      Map<String, Object> props = SerdeProps.props("mock://" + scope);
      if (secret != null) {
        props.put("rule.executors._default_.param.secret", secret);
      }
      try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props, false)) {
        GenericRecord read = deserializer.deserialize("csfle-gcm",
            hex(scenario.path("messages").get(0).path("wireHex").asText()));
        assertEquals(expected.path("name").asText(), read.get("name").toString());
        assertEquals(expected.path("ssn").asText(), read.get("ssn").toString());
        assertEquals(expected.path("cardHex").asText(), HexFormat.of().formatHex(bytes(read.get("card"))));
      }
    }
  }

  @Test
  void sivEncryptionHereWritesTheIncumbentsBytesExactlyEveryTime() {
    JsonNode scenario = Vectors.scenario("siv");
    Vectors.register(contracts, scenario, Vectors.SCHEMA);
    Vectors.seed(keys, scenario);
    GenericRecord record = plaintextRecord();
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(), false)) {
      for (JsonNode message : scenario.path("messages")) {
        assertEquals(message.path("wireHex").asText(), HexFormat.of().formatHex(serializer.serialize("csfle-siv", record)));
      }
    }
  }

  @Test
  void gcmRotationAndPayloadRecordsWrittenHereReadBackAndKeepTheIncumbentsLayout() {
    for (String name : List.of("gcm", "rotate", "payload")) {
      JsonNode scenario = Vectors.scenario(name);
      MockContractRegistry.dropScope(scope);
      MockDekRegistry.dropScope(scope);
      Vectors.register(MockContractRegistry.scope(scope), scenario, Vectors.SCHEMA);
      String topic = Vectors.topic(scenario);
      byte[] first;
      byte[] second;
      try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(), false)) {
        first = serializer.serialize(topic, plaintextRecord());
        second = serializer.serialize(topic, plaintextRecord());
      }
      byte[] incumbent = hex(scenario.path("messages").get(0).path("wireHex").asText());
      assertEquals(incumbent.length, first.length, name + ": same layout, same length");
      assertArrayEquals(java.util.Arrays.copyOf(incumbent, 5), java.util.Arrays.copyOf(first, 5), name);
      assertNotEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(second), name + ": GCM is randomized");
      try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props(), false)) {
        assertPlaintext(scenario.path("messages").get(0).path("decrypted"), deserializer.deserialize(topic, first), name);
        assertPlaintext(scenario.path("messages").get(0).path("decrypted"), deserializer.deserialize(topic, second), name);
      }
    }
  }

  @Test
  void fieldsMadeByTheJavaReimplementationDecryptAndSivReEncryptsToTheSameBytes() throws Exception {
    Aead kek = new LocalKmsDriver().newAead("mykey", Map.of(LocalKmsDriver.SECRET, SECRET));
    for (JsonNode c : Vectors.ROOT.path("javaProduced").path("cases")) {
      DekAlgorithm algorithm = DekAlgorithm.of(c.path("algorithm").asText());
      Cryptor cryptor = algorithm.cryptor(
          kek.decrypt(Base64.getDecoder().decode(c.path("encryptedKeyMaterial").asText()), new byte[0]));
      boolean prefixed = c.has("expiryDays");
      byte[] name = strip(Base64.getDecoder().decode(c.path("nameB64").asText()), prefixed, c);
      byte[] ssn = strip(Base64.getDecoder().decode(c.path("ssnB64").asText()), prefixed, c);
      byte[] card = strip(hex(c.path("cardHex").asText()), prefixed, c);
      assertEquals("Bob", new String(cryptor.decrypt(name), StandardCharsets.UTF_8));
      assertEquals("987-65-4321", new String(cryptor.decrypt(ssn), StandardCharsets.UTF_8));
      assertEquals("0a0b0c", HexFormat.of().formatHex(cryptor.decrypt(card)));
      if (algorithm == DekAlgorithm.AES256_SIV) {
        assertArrayEquals(name, cryptor.encrypt("Bob".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(card, cryptor.encrypt(hex("0a0b0c")));
      }
    }
  }

  private static byte[] strip(byte[] value, boolean prefixed, JsonNode c) {
    if (!prefixed) {
      return value;
    }
    ByteBuffer b = ByteBuffer.wrap(value);
    assertEquals(0, b.get());
    assertEquals(c.path("dekVersion").asInt(), b.getInt());
    return java.util.Arrays.copyOfRange(value, 5, value.length);
  }

  static GenericRecord plaintextRecord() {
    Schema schema = new Schema.Parser().parse(Vectors.SCHEMA);
    JsonNode p = Vectors.JS.path("plaintextRecord");
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", p.path("id").asInt());
    r.put("name", p.path("name").asText());
    r.put("ssn", p.path("ssn").asText());
    r.put("card", ByteBuffer.wrap(hex(p.path("cardHex").asText())));
    r.put("note", p.path("note").asText());
    return r;
  }

  private static void assertPlaintext(JsonNode expected, GenericRecord read, String scenario) {
    assertEquals(expected.path("id").asInt(), read.get("id"), scenario);
    assertEquals(expected.path("name").asText(), read.get("name").toString(), scenario);
    assertEquals(expected.path("ssn").asText(), read.get("ssn").toString(), scenario);
    assertEquals(expected.path("cardHex").asText(), HexFormat.of().formatHex(bytes(read.get("card"))), scenario);
    assertEquals(expected.path("note").asText(), read.get("note").toString(), scenario);
  }

  static byte[] bytes(Object value) {
    ByteBuffer b = ((ByteBuffer) value).duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
