package io.contractserde.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.testing.TestRegistryServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Field-level encryption interop, across processes, with the incumbent's own JavaScript client: its
 * local KMS and its DEK registry client talking HTTP to our test registry. Records it encrypts, our
 * deserializer decrypts; records we encrypt, its deserializer decrypts: AES256_GCM, AES256_SIV (the
 * same bytes from both clients, every time), with DEK rotation (versions made by both sides), and
 * ENCRYPT_PAYLOAD.
 */
class ConfluentJsEncryptionInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "interop-csfle-secret-0007";
  private static final String SCHEMA = """
      {"type":"record","name":"Customer","namespace":"com.example","fields":[
        {"name":"id","type":"int"},
        {"name":"name","type":"string","confluent:tags":["PII"]},
        {"name":"ssn","type":["null","string"],"confluent:tags":["PII"]},
        {"name":"card","type":"bytes","confluent:tags":["PII"]},
        {"name":"note","type":"string"}]}""";
  private static final Schema AVRO = new Schema.Parser().parse(SCHEMA);
  private static final long T0 = 1_767_225_600_000L;
  private static final long DAY_AND_HOUR = Duration.ofHours(25).toMillis();

  private final AtomicLong now = new AtomicLong(T0);

  private static Rule rule(String type, String kek, String... params) {
    Map<String, String> p = new LinkedHashMap<>(Map.of("encrypt.kek.name", kek, "encrypt.kms.type", "local-kms",
        "encrypt.kms.key.id", "interop-key"));
    for (int i = 0; i < params.length; i += 2) {
      p.put(params[i], params[i + 1]);
    }
    return ContractJson.read("{\"name\":\"encrypt\",\"kind\":\"TRANSFORM\",\"mode\":\"WRITEREAD\",\"type\":\"" + type
        + "\"" + (type.equals("ENCRYPT") ? ",\"tags\":[\"PII\"]" : "") + ",\"onFailure\":\"ERROR\"}", Rule.class)
        .withParams(p);
  }

  private static GenericRecord customer(int i) {
    GenericRecord r = new GenericData.Record(AVRO);
    r.put("id", i);
    r.put("name", "Person " + i);
    r.put("ssn", i % 2 == 0 ? null : String.format("555-%02d-%04d", i, 1000 + i));
    r.put("card", ByteBuffer.wrap(("4111-" + i).getBytes(StandardCharsets.UTF_8)));
    r.put("note", "note " + i);
    return r;
  }

  /** A record as the plan and the JS client show it: bytes as hex. */
  private static ObjectNode plain(GenericRecord r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", (Integer) r.get("id"));
    node.put("name", r.get("name").toString());
    if (r.get("ssn") == null) {
      node.putNull("ssn");
    } else {
      node.put("ssn", r.get("ssn").toString());
    }
    ByteBuffer card = ((ByteBuffer) r.get("card")).duplicate();
    byte[] bytes = new byte[card.remaining()];
    card.get(bytes);
    node.put("card", HexFormat.of().formatHex(bytes));
    node.put("note", r.get("note").toString());
    return node;
  }

  @Test
  void theIncumbentsClientAndOursDecryptEachOthersRecordsUnderEveryAlgorithmWithRotationAndPayloadEncryption()
      throws Exception {
    try (TestRegistryServer registry = TestRegistryServer.start()) {
      registry.dekClock(now::get);
      Map<String, Rule> cases = new LinkedHashMap<>();
      cases.put("gcm", rule("ENCRYPT", "interop-gcm"));
      cases.put("siv", rule("ENCRYPT", "interop-siv", "encrypt.dek.algorithm", "AES256_SIV"));
      cases.put("rot", rule("ENCRYPT", "interop-rot", "encrypt.dek.expiry.days", "1"));
      cases.put("payload", rule("ENCRYPT_PAYLOAD", "interop-payload"));
      cases.forEach((name, rule) -> registry.register("enc-" + name + "-value", SchemaDefinition.of("AVRO", SCHEMA)
          .withRuleSet(rule.type().equals("ENCRYPT")
              ? RuleSet.ofDomainRules(List.of(rule))
              : new RuleSet(null, null, List.of(rule), null))));
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("schema.registry.url", registry.url());
      props.put("use.latest.version", true);
      props.put("rule.executors._default_.param.secret", SECRET);
      props.put("rule.executors._default_.param.clock", new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(now.get());
        }
      });

      // We write first: our serializer creates the KEKs and the first DEKs, and rotates once.
      Map<String, List<GenericRecord>> javaRecords = new LinkedHashMap<>();
      Map<String, List<String>> javaWritten = new LinkedHashMap<>();
      try (AvroContractSerializer<GenericRecord> ours = new AvroContractSerializer<>(props, false)) {
        for (String name : cases.keySet()) {
          List<GenericRecord> records = name.equals("siv") ? List.of(customer(1), customer(1)) : List.of(customer(1), customer(2));
          List<String> bytes = new ArrayList<>();
          for (GenericRecord r : records) {
            bytes.add(Base64.getEncoder().encodeToString(ours.serialize("enc-" + name, r)));
            if (name.equals("rot")) {
              now.addAndGet(DAY_AND_HOUR);
            }
          }
          now.set(T0);
          javaRecords.put(name, records);
          javaWritten.put(name, bytes);
        }
      }
      assertEquals(Set.of(1, 2), registry.deks("interop-rot", "enc-rot-value", "AES256_GCM").keySet(),
          "we rotated the DEK after a day");
      assertEquals(javaWritten.get("siv").get(0), javaWritten.get("siv").get(1), "SIV is deterministic here");

      // Then the JS client, a day after our rotation: it rotates to version 3 itself.
      ObjectNode plan = JSON.createObjectNode();
      plan.put("registryUrl", registry.url());
      ObjectNode enc = plan.putObject("encryption");
      enc.put("secret", SECRET);
      enc.put("now", T0 + 2 * DAY_AND_HOUR);
      ArrayNode planned = enc.putArray("cases");
      Map<String, List<GenericRecord>> jsRecords = new LinkedHashMap<>();
      for (String name : cases.keySet()) {
        ObjectNode c = planned.addObject();
        c.put("name", name);
        c.put("topic", "enc-" + name);
        List<GenericRecord> records = name.equals("siv") ? List.of(customer(1), customer(1)) : List.of(customer(7), customer(8));
        jsRecords.put(name, records);
        ArrayNode rs = c.putArray("records");
        records.forEach(r -> rs.add(plain(r)));
        ArrayNode jw = c.putArray("javaWritten");
        javaWritten.get(name).forEach(jw::add);
      }
      now.set(T0 + 2 * DAY_AND_HOUR);
      JsonNode answer = ConfluentJsInteropTest.runNode(plan).get("encryption");

      int compared = 0;
      try (AvroContractDeserializer<GenericRecord> ours = new AvroContractDeserializer<>(props, false)) {
        for (String name : cases.keySet()) {
          JsonNode theirs = answer.get(name);
          for (int i = 0; i < 2; i++) {
            assertEquals(plain(javaRecords.get(name).get(i)), theirs.get("readJava").get(i),
                name + ": the JS client decrypts the record we wrote");
            byte[] jsBytes = Base64.getDecoder().decode(theirs.get("written").get(i).asText());
            GenericRecord expected = jsRecords.get(name).get(i);
            assertFalse(contains(jsBytes, expected.get("name").toString()), name + ": the name is not in clear");
            assertEquals(!name.equals("payload"), contains(jsBytes, expected.get("note").toString()),
                name + ": an untagged field is in clear unless the whole payload is encrypted");
            assertEquals(plain(expected), plain(ours.deserialize("enc-" + name, jsBytes)),
                name + ": we decrypt the record the JS client wrote");
            compared += 2;
          }
        }
      }
      assertEquals(16, compared);
      String sivJs = answer.get("siv").get("written").get(0).asText();
      assertEquals(sivJs, answer.get("siv").get("written").get(1).asText(), "SIV in the JS client: same bytes twice");
      assertEquals(javaWritten.get("siv").get(0), sivJs, "SIV: both clients write the same bytes");
      assertEquals(Set.of(1, 2, 3), registry.deks("interop-rot", "enc-rot-value", "AES256_GCM").keySet(),
          "the JS client rotated to version 3, and we read it");
      assertTrue(registry.requests().stream().anyMatch(r -> r.startsWith("GET /dek-registry/v1/keks/interop-gcm/deks/enc-gcm-value/versions/1")),
          "the JS client's request paths were served: " + registry.requests());
    }
  }

  private static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
  }
}
