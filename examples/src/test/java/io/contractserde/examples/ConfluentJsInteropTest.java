package io.contractserde.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.json.JsonContractDeserializer;
import io.contractserde.json.JsonContractSerializer;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.rule.RuleFailedException;
import io.contractserde.testing.TestRegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with the incumbent, checked by its own client: Confluent's JavaScript serdes
 * ({@code @confluentinc/schemaregistry}, installed by the build with npm) against the in-test HTTP
 * registry. Records it writes, with JSONata migration rules and {@code useLatestWithMetadata}, read
 * the same through our deserializers as through its own; records we write read the same through its
 * deserializers as through ours. Under a contract with CEL and CEL_FIELD rules both clients mask the
 * same fields to the same bytes and reject the same record.
 */
class ConfluentJsInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCRIPT_DIR = Path.of("src", "test", "js");
  private static TestRegistryServer registry;

  /** A contract with a CEL condition and a CEL_FIELD mask on PII found by inline and metadata tags. */
  private static final String CUSTOMER = """
      {"type":"record","name":"Customer","namespace":"interop","fields":[
        {"name":"id","type":"string"},
        {"name":"email","type":"string","confluent:tags":["PII"]},
        {"name":"age","type":"int"},
        {"name":"nickname","type":["null","string"],"default":null,"confluent:tags":["PII"]},
        {"name":"address","type":{"type":"record","name":"Address","fields":[
          {"name":"street","type":"string"},{"name":"city","type":"string"}]}},
        {"name":"phones","type":{"type":"array","items":"string"},"confluent:tags":["PII"]},
        {"name":"notes","type":{"type":"map","values":"string"}}]}""";

  @BeforeAll
  static void start() throws IOException {
    registry = TestRegistryServer.start();
    DemoContracts.registerAll(registry);
    TreeMap<String, SortedSet<String>> tags = new TreeMap<>();
    tags.put("**.street", new TreeSet<>(List.of("PII")));
    tags.put("interop.Customer.notes", new TreeSet<>(List.of("PII")));
    registry.register("customers-value", SchemaDefinition.of("AVRO", CUSTOMER)
        .withMetadata(new Metadata(tags, null, null))
        .withRuleSet(RuleSet.ofDomainRules(List.of(
            Rule.of("adult", RuleKind.CONDITION, RuleMode.WRITE, "CEL", "message.age >= 18"),
            // The guard: the Java incumbent (and we) visit a null nickname typed NULL; the JS client skips nulls.
            Rule.of("mask", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "typeName != 'NULL' ; "
                + "value.size() > 3 ? value.substring(0, 2) + '|' + name + '|' + typeName + '|' + fullName : value")
                .withTags("PII")))));
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private Map<String, Object> props(String major) {
    return Map.of("schema.registry.url", registry.url(), "use.latest.with.metadata", "major_version=" + major);
  }

  @Test
  void theIncumbentsClientAndOursReadEachOthersRecordsTheSame() throws Exception {
    Schema v1 = DemoContracts.avroSchema("accounts-value", 1);
    Schema v2 = DemoContracts.avroSchema("accounts-value", 2);
    List<String> javaAvro = new ArrayList<>();
    List<String> javaJson = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      javaAvro.add(b64(new AvroContractSerializer<>(props("1"), false).serialize("accounts", account(v1, i, "ssn"))));
      javaAvro.add(b64(new AvroContractSerializer<>(props("2"), false).serialize("accounts", account(v2, i + 10, "national_id"))));
      javaJson.add(b64(new JsonContractSerializer<>(props("1"), false).serialize("enriched_orders", order(i, "account_id"))));
      javaJson.add(b64(new JsonContractSerializer<>(props("2"), false).serialize("enriched_orders", order(i + 10, "customer_id"))));
    }

    ObjectNode plan = JSON.createObjectNode();
    plan.put("registryUrl", registry.url());
    ObjectNode avro = plan.putObject("avro");
    avro.put("topic", "accounts");
    ObjectNode avroRecords = avro.putObject("records");
    ObjectNode json = plan.putObject("json");
    json.put("topic", "enriched_orders");
    ObjectNode jsonRecords = json.putObject("records");
    for (String major : List.of("1", "2")) {
      ArrayNode a = avroRecords.putArray(major);
      ArrayNode j = jsonRecords.putArray(major);
      for (int i = 21; i <= 23; i++) {
        a.add(plain(account(major.equals("1") ? v1 : v2, i, major.equals("1") ? "ssn" : "national_id")));
        j.add(order(i, major.equals("1") ? "account_id" : "customer_id"));
      }
    }
    avro.set("javaWritten", JSON.valueToTree(javaAvro));
    json.set("javaWritten", JSON.valueToTree(javaJson));

    JsonNode answer = runNode(plan);

    int compared = 0;
    for (String format : List.of("avro", "json")) {
      String topic = plan.get(format).get("topic").asText();
      for (String major : List.of("1", "2")) {
        Deserializer<Object> ours = format.equals("avro")
            ? new AvroContractDeserializer<>(props(major), false)
            : new JsonContractDeserializer<>(props(major), false);
        Iterator<JsonNode> theirs = answer.get("readOwn").get(format).get(major).elements();
        for (JsonNode written : answer.get("written").get(format)) {
          Object read = ours.deserialize(topic, Base64.getDecoder().decode(written.asText()));
          assertSameJson(theirs.next(), plain(read), format + " written by the JS client, read as v" + major);
          compared++;
        }
        Iterator<JsonNode> theirReadOfOurs = answer.get("readJava").get(format).get(major).elements();
        for (String ourBytes : format.equals("avro") ? javaAvro : javaJson) {
          Object read = ours.deserialize(topic, Base64.getDecoder().decode(ourBytes));
          assertSameJson(theirReadOfOurs.next(), plain(read), format + " written by us, read by the JS client as v" + major);
          compared++;
        }
      }
    }
    assertEquals(2 * 2 * (6 + 6), compared);
  }

  @Test
  void theIncumbentsClientAndOursWriteTheSameBytesUnderCelRules() throws Exception {
    Schema schema = new Schema.Parser().parse(CUSTOMER);
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      GenericRecord address = new GenericData.Record(schema.getField("address").schema());
      address.put("street", i + " Long Street");
      address.put("city", "Leeds");
      GenericRecord r = new GenericData.Record(schema);
      r.put("id", "c-" + i);
      r.put("email", "person" + i + "@example.com");
      r.put("age", i == 4 ? 12 : 20 + i);
      r.put("nickname", i % 2 == 0 ? null : (i == 3 ? "Al" : "nick" + i));
      r.put("address", address);
      r.put("phones", List.of("0113 496 000" + i, "555"));
      r.put("notes", Map.of("vip", "likes tea"));
      records.add(r);
    }
    ObjectNode plan = JSON.createObjectNode();
    plan.put("registryUrl", registry.url());
    ObjectNode cel = plan.putObject("cel");
    cel.put("topic", "customers");
    ArrayNode planned = cel.putArray("records");
    records.forEach(r -> planned.add(plain(r)));

    JsonNode answer = runNode(plan).get("cel");

    AvroContractSerializer<Object> ours = new AvroContractSerializer<>(
        Map.of("schema.registry.url", registry.url(), "use.latest.version", true), false);
    for (int i = 0; i < records.size(); i++) {
      JsonNode theirs = answer.get(i);
      if (i == 4) {
        assertTrue(theirs.has("error"), "the JS client rejects the minor too: " + theirs);
        int record = i;
        RuleFailedException e = assertThrows(RuleFailedException.class, () -> ours.serialize("customers", records.get(record)));
        assertEquals("adult", e.ruleName());
        continue;
      }
      assertTrue(theirs.has("bytes"), "the JS client wrote record " + i + ": " + theirs);
      assertEquals(theirs.get("bytes").asText(), b64(ours.serialize("customers", records.get(i))),
          "record " + i + " is masked to the same bytes by both clients");
    }
    GenericRecord masked = new AvroContractDeserializer<GenericRecord>(
        Map.of("schema.registry.url", registry.url()), false)
        .deserialize("customers", Base64.getDecoder().decode(answer.get(1).get("bytes").asText()));
    assertEquals("pe|email|STRING|interop.Customer.email", masked.get("email").toString(),
        "the JS client's mask, read back by us");
    assertEquals("1 |street|STRING|interop.Address.street",
        ((GenericRecord) masked.get("address")).get("street").toString());
    assertEquals("Leeds", ((GenericRecord) masked.get("address")).get("city").toString());
  }

  @Test
  void theIncumbentsClientAndOursReadEachOthersHeaderIds() throws Exception {
    Schema v2 = DemoContracts.avroSchema("accounts-value", 2);
    Map<String, Object> headerIds = Map.of("schema.registry.url", registry.url(),
        "use.latest.with.metadata", "major_version=2",
        "value.schema.id.serializer", "io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer");
    AvroContractSerializer<Object> ours = new AvroContractSerializer<>(headerIds, false);
    ObjectNode plan = JSON.createObjectNode();
    plan.put("registryUrl", registry.url());
    ObjectNode headers = plan.putObject("headers");
    headers.put("topic", "accounts");
    headers.put("major", "2");
    ArrayNode records = headers.putArray("records");
    ArrayNode javaWritten = headers.putArray("javaWritten");
    List<GenericRecord> javaRecords = new ArrayList<>();
    for (int i = 31; i <= 33; i++) {
      records.add(plain(account(v2, i, "national_id")));
      GenericRecord mine = account(v2, i + 10, "national_id");
      javaRecords.add(mine);
      org.apache.kafka.common.header.internals.RecordHeaders written = new org.apache.kafka.common.header.internals.RecordHeaders();
      byte[] payload = ours.serialize("accounts", written, mine);
      ObjectNode w = javaWritten.addObject();
      w.put("payload", b64(payload));
      w.put("header", b64(written.lastHeader("__value_schema_id").value()));
    }

    JsonNode answer = runNode(plan).get("headers");

    AvroContractDeserializer<GenericRecord> reader = new AvroContractDeserializer<>(props("2"), false);
    Iterator<JsonNode> plainRecords = records.elements();
    for (JsonNode written : answer.get("written")) {
      byte[] header = Base64.getDecoder().decode(written.get("header").asText());
      assertEquals(17, header.length);
      assertEquals(1, header[0], "the JS client writes the GUID form");
      org.apache.kafka.common.header.internals.RecordHeaders h = new org.apache.kafka.common.header.internals.RecordHeaders();
      h.add("__value_schema_id", header);
      GenericRecord read = reader.deserialize("accounts", h, Base64.getDecoder().decode(written.get("payload").asText()));
      assertSameJson(plainRecords.next(), plain(read), "written with a header id by the JS client, read by us");
    }
    Iterator<GenericRecord> mine = javaRecords.iterator();
    for (JsonNode read : answer.get("readJava")) {
      assertSameJson(plain(mine.next()), read, "written with a header id by us, read by the JS client");
    }
    assertEquals(3, answer.get("readJava").size());
    assertEquals(javaWritten.get(0).get("header"), answer.get("written").get(0).get("header"),
        "both clients put the same GUID in the header for the same contract");
  }

  static JsonNode runNode(JsonNode plan) throws Exception {
    Process node = new ProcessBuilder("node", "interop.mjs").directory(SCRIPT_DIR.toFile()).start();
    CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(node.getInputStream()));
    CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(node.getErrorStream()));
    try (OutputStream in = node.getOutputStream()) {
      in.write(JSON.writeValueAsBytes(plan));
    }
    boolean finished = node.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      node.destroyForcibly();
    }
    String err = new String(stderr.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    assertTrue(finished && node.exitValue() == 0, "the JS client failed: " + err);
    return JSON.readTree(stdout.get(10, TimeUnit.SECONDS));
  }

  private static byte[] readAll(InputStream in) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Our record as plain JSON, unions unwrapped, as the JS client returns objects. */
  private static JsonNode plain(Object value) {
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof IndexedRecord record) {
      ObjectNode node = JSON.createObjectNode();
      for (Schema.Field f : record.getSchema().getFields()) {
        node.set(f.name(), plain(record.get(f.pos())));
      }
      return node;
    }
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof CharSequence || value instanceof GenericData.EnumSymbol) {
      return JSON.getNodeFactory().textNode(value.toString());
    }
    return JSON.valueToTree(value);
  }

  /** JSON equality with numbers compared by value (the JS client writes 25 for 25.0). */
  private static void assertSameJson(JsonNode expected, JsonNode actual, String what) {
    assertTrue(same(expected, actual), what + ": expected " + expected + " but was " + actual);
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!b.has(e.getKey()) || !same(e.getValue(), b.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static GenericRecord account(Schema schema, int i, String idField) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("account_id", "A-" + i);
    r.put("full_name", "Name " + i);
    r.put(idField, String.format("%09d", i));
    r.put("email", i % 2 == 0 ? null : "user" + i + "@example.com");
    r.put("tier", new GenericData.EnumSymbol(schema.getField("tier").schema(), i % 3 == 0 ? "GOLD" : "BASIC"));
    return r;
  }

  private static ObjectNode order(int i, String accountField) {
    ObjectNode n = JSON.createObjectNode();
    n.put("order_id", "O-" + i);
    n.put(accountField, "A-" + i);
    n.put("product_id", "P-" + i);
    n.put("product_name", "Widget " + i);
    n.put("quantity", 1 + i % 3);
    n.put("total", 10.5 * (1 + i % 3));
    return n;
  }
}
