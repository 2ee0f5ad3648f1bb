package io.contractserde.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.json.JsonContractDeserializer;
import io.contractserde.json.JsonContractSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The data-product story on a real (embedded) Kafka broker, with contracts from a {@code file://}
 * folder:
 *
 * <ol>
 *   <li>accounts: producers pinned to v1 ({@code ssn}) and to v2 ({@code national_id}, a breaking
 *       rename with migration rules) both write; a consumer pinned to v1 and one pinned to v2 each
 *       read every record in their own shape;
 *   <li>non-conforming writes are rejected, and the error a user sees is printed;
 *   <li>the PII field is encrypted on the topic ({@code ENCRYPT} rule, local KMS, a {@code file://}
 *       key folder): a plain consumer sees ciphertext bytes, a contract consumer without the key the
 *       Base64 ciphertext, one with the key the plaintext;
 *   <li>enriched_orders: the same with a JSON Schema contract.
 * </ol>
 *
 * Exits 0 when every expectation holds, 1 otherwise. Argument: the contracts folder.
 */
public final class DataProductDemo {
  private static final String ACCOUNTS = "accounts";
  private static final String ORDERS = "enriched_orders";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The demo's local-KMS secret: whoever has it reads the accounts' PII. */
  private static final String KMS_SECRET = "demo-local-kms-secret";

  private final String bootstrap;
  private final String registryUrl;
  private final String keyFolder;
  private final List<String> failures = new ArrayList<>();

  private DataProductDemo(String bootstrap, String registryUrl, String keyFolder) {
    this.bootstrap = bootstrap;
    this.registryUrl = registryUrl;
    this.keyFolder = keyFolder;
  }

  public static void main(String[] args) throws Exception {
    Path contracts = Path.of(args.length > 0 ? args[0] : "examples/contracts").toAbsolutePath().normalize();
    if (!Files.isDirectory(contracts)) {
      System.err.println("No contracts folder at " + contracts);
      System.exit(2);
    }
    int exit;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(1, ACCOUNTS, ORDERS);
      System.out.println("Embedded KRaft broker at " + kafka.bootstrapServers() + "; contracts from " + contracts.toUri());
      Path keys = contracts.resolveSibling("target").resolve("demo-keys");
      DataProductDemo demo = new DataProductDemo(kafka.bootstrapServers(), contracts.toUri().toString(),
          keys.toUri().toString());
      Map<String, String> nationalIds = demo.accounts();
      demo.encryption(nationalIds);
      demo.orders();
      exit = demo.report();
    }
    System.exit(exit);
  }

  // --- accounts (Avro) ------------------------------------------------------------------------

  private Map<String, String> accounts() throws Exception {
    banner("accounts: producers pinned to v1 and v2 write; consumers pinned to v1 and v2 read");
    Schema v1 = new Schema.Parser().parse(schemaText("accounts-value/1.json"));
    Schema v2 = new Schema.Parser().parse(schemaText("accounts-value/2.json"));
    Map<String, String> nationalIds = new LinkedHashMap<>();
    try (KafkaProducer<String, Object> v1Producer = producer(AvroContractSerializer.class, "1");
        KafkaProducer<String, Object> v2Producer = producer(AvroContractSerializer.class, "2")) {
      for (int i = 1; i <= 3; i++) {
        String id = "A-10" + i;
        String ssn = "10000000" + i;
        v1Producer.send(new ProducerRecord<>(ACCOUNTS, id, account(v1, id, "Ada Lovelace " + i, "ssn", ssn, i))).get();
        nationalIds.put(id, ssn);
      }
      for (int i = 1; i <= 3; i++) {
        String id = "A-20" + i;
        String nid = "20000000" + i;
        v2Producer.send(new ProducerRecord<>(ACCOUNTS, id, account(v2, id, "Grace Hopper " + i, "national_id", nid, i))).get();
        nationalIds.put(id, nid);
      }
      System.out.println("wrote 3 records with the v1 producer and 3 with the v2 producer");

      banner("a non-conforming write is rejected at send()");
      rejected("v2-shaped record sent by the producer pinned to v1", () ->
          v1Producer.send(new ProducerRecord<>(ACCOUNTS, "A-999", account(v2, "A-999", "Wrong Shape", "national_id", "999999999", 0))).get());
      rejected("v1 record whose ssn breaks the contract's rule", () ->
          v1Producer.send(new ProducerRecord<>(ACCOUNTS, "A-998", account(v1, "A-998", "Bad Ssn", "ssn", "12-345", 0))).get());
    }

    List<ConsumerRecord<String, GenericRecord>> asV1 = consume(AvroContractDeserializer.class, ACCOUNTS, "1", nationalIds.size());
    List<ConsumerRecord<String, GenericRecord>> asV2 = consume(AvroContractDeserializer.class, ACCOUNTS, "2", nationalIds.size());
    banner("the same topic, seen by the consumer pinned to v1 (left) and to v2 (right)");
    for (int i = 0; i < Math.max(asV1.size(), asV2.size()); i++) {
      String left = i < asV1.size() ? brief(asV1.get(i).value(), "ssn") : "-";
      String right = i < asV2.size() ? brief(asV2.get(i).value(), "national_id") : "-";
      String key = i < asV1.size() ? asV1.get(i).key() : asV2.get(i).key();
      System.out.printf("%-6s written by v%s | %-58s | %s%n", key, key.startsWith("A-1") ? "1" : "2", left, right);
    }
    check(asV1.size() == nationalIds.size(), "the v1 consumer read " + asV1.size() + " of " + nationalIds.size() + " records");
    check(asV2.size() == nationalIds.size(), "the v2 consumer read " + asV2.size() + " of " + nationalIds.size() + " records");
    for (ConsumerRecord<String, GenericRecord> r : asV1) {
      check(r.value().getSchema().getField("ssn") != null && nationalIds.get(r.key()).equals(String.valueOf(r.value().get("ssn"))),
          "v1 view of " + r.key() + " has ssn " + nationalIds.get(r.key()));
    }
    for (ConsumerRecord<String, GenericRecord> r : asV2) {
      check(r.value().getSchema().getField("national_id") != null
              && nationalIds.get(r.key()).equals(String.valueOf(r.value().get("national_id"))),
          "v2 view of " + r.key() + " has national_id " + nationalIds.get(r.key()));
    }
    return nationalIds;
  }

  // --- encryption -----------------------------------------------------------------------------

  /** The accounts' PII as it is on the topic, and as consumers with and without the key read it. */
  private void encryption(Map<String, String> nationalIds) throws Exception {
    banner("encryption: national_id on the topic, seen by a plain consumer, a contract consumer with another"
        + " secret, and one with the key");
    List<ConsumerRecord<String, byte[]>> raw = consume(ByteArrayDeserializer.class, ACCOUNTS, "2", nationalIds.size(),
        "raw", null);
    List<ConsumerRecord<String, GenericRecord>> keyless = consume(AvroContractDeserializer.class, ACCOUNTS, "2",
        nationalIds.size(), "another-secret", "another-teams-secret");
    List<ConsumerRecord<String, GenericRecord>> keyed = consume(AvroContractDeserializer.class, ACCOUNTS, "2",
        nationalIds.size(), "with-key", KMS_SECRET);
    Map<String, String> withoutKey = new LinkedHashMap<>();
    keyless.forEach(r -> withoutKey.put(r.key(), String.valueOf(r.value().get("national_id"))));
    Map<String, String> withKey = new LinkedHashMap<>();
    keyed.forEach(r -> withKey.put(r.key(), String.valueOf(r.value().get("national_id"))));
    System.out.printf("%-6s | %-44s | %-54s | %s%n", "key", "plain consumer: value bytes (printable)",
        "another secret: national_id", "the key: national_id");
    for (ConsumerRecord<String, byte[]> r : raw) {
      String id = nationalIds.get(r.key());
      String bytes = new String(r.value(), StandardCharsets.ISO_8859_1);
      System.out.printf("%-6s | %-44s | %-54s | %s%n", r.key(), printable(r.value(), 44), withoutKey.get(r.key()),
          withKey.get(r.key()));
      check(!bytes.contains(id), "the bytes of " + r.key() + " on the topic hold no plaintext national id");
      check(withoutKey.get(r.key()) != null && !id.equals(withoutKey.get(r.key())),
          "a consumer with another secret reads the ciphertext of " + r.key());
      check(id.equals(withKey.get(r.key())), "a consumer with the key reads national_id " + id + " of " + r.key());
    }
    check(raw.size() == nationalIds.size(), "the plain consumer read " + raw.size() + " of " + nationalIds.size());
    System.out.println("key folder " + Path.of(java.net.URI.create(keyFolder)) + ":");
    try (var files = Files.walk(Path.of(java.net.URI.create(keyFolder)))) {
      files.filter(Files::isRegularFile).sorted()
          .forEach(f -> System.out.println("  " + Path.of(java.net.URI.create(keyFolder)).relativize(f)));
    }
  }

  /** The first {@code max} bytes, non-printable ones as dots. */
  private static String printable(byte[] bytes, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, max); i++) {
      int b = bytes[i] & 0xff;
      sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return sb.toString();
  }

  private static GenericRecord account(Schema schema, String id, String name, String idField, String idValue, int i) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("account_id", id);
    r.put("full_name", name);
    r.put(idField, idValue);
    r.put("email", i % 2 == 1 ? "user" + i + "@example.com" : null);
    r.put("tier", new GenericData.EnumSymbol(schema.getField("tier").schema(), i == 3 ? "GOLD" : "BASIC"));
    return r;
  }

  private static String brief(GenericRecord r, String idField) {
    return "{" + idField + ": " + r.get(idField) + ", name: " + r.get("full_name") + ", tier: " + r.get("tier") + "}";
  }

  // --- enriched orders (JSON Schema) ----------------------------------------------------------

  private void orders() throws Exception {
    banner("enriched_orders (JSON Schema): v1 and v2 producers write, a consumer pinned to v2 reads");
    Map<String, String> accounts = new LinkedHashMap<>();
    try (KafkaProducer<String, Object> v1Producer = producer(JsonContractSerializer.class, "1");
        KafkaProducer<String, Object> v2Producer = producer(JsonContractSerializer.class, "2")) {
      for (int i = 1; i <= 2; i++) {
        v1Producer.send(new ProducerRecord<>(ORDERS, "O-1" + i, order("O-1" + i, "account_id", "A-10" + i, i))).get();
        v2Producer.send(new ProducerRecord<>(ORDERS, "O-2" + i, order("O-2" + i, "customer_id", "A-20" + i, i))).get();
        accounts.put("O-1" + i, "A-10" + i);
        accounts.put("O-2" + i, "A-20" + i);
      }
      ObjectNode leaky = order("O-999", "customer_id", "A-201", 1);
      leaky.put("internal_margin", 0.42);
      rejected("order with an internal field the contract forbids", () ->
          v2Producer.send(new ProducerRecord<>(ORDERS, "O-999", leaky)).get());
    }
    List<ConsumerRecord<String, JsonNode>> asV2 = consume(JsonContractDeserializer.class, ORDERS, "2", accounts.size());
    for (ConsumerRecord<String, JsonNode> r : asV2) {
      System.out.printf("%-6s %s%n", r.key(), r.value());
      check(accounts.get(r.key()).equals(r.value().path("customer_id").asText()) && !r.value().has("account_id"),
          "v2 view of order " + r.key() + " has customer_id " + accounts.get(r.key()));
    }
    check(asV2.size() == accounts.size(), "the v2 order consumer read " + asV2.size() + " of " + accounts.size());
  }

  private static ObjectNode order(String id, String accountField, String account, int quantity) {
    ObjectNode n = JSON.createObjectNode();
    n.put("order_id", id);
    n.put(accountField, account);
    n.put("product_id", "P-" + quantity);
    n.put("product_name", "Widget " + quantity);
    n.put("quantity", quantity);
    n.put("total", 12.5 * quantity);
    return n;
  }

  // --- plumbing -------------------------------------------------------------------------------

  private KafkaProducer<String, Object> producer(Class<?> serializer, String majorVersion) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, serializer.getName());
    p.put("schema.registry.url", registryUrl);
    p.put("use.latest.with.metadata", "major_version=" + majorVersion);
    p.put("rule.executors._default_.param.secret", KMS_SECRET);
    p.put("rule.executors._default_.param.dek.registry.url", keyFolder);
    return new KafkaProducer<>(p);
  }

  private <V> List<ConsumerRecord<String, V>> consume(Class<?> deserializer, String topic, String majorVersion, int expected) {
    return consume(deserializer, topic, majorVersion, expected, "view", KMS_SECRET);
  }

  private <V> List<ConsumerRecord<String, V>> consume(Class<?> deserializer, String topic, String majorVersion, int expected,
      String group, String secret) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-v" + majorVersion + "-" + group);
    if (secret != null) {
      p.put("rule.executors._default_.param.secret", secret);
    }
    p.put("rule.executors._default_.param.dek.registry.url", keyFolder);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer.getName());
    p.put("schema.registry.url", registryUrl);
    p.put("use.latest.with.metadata", "major_version=" + majorVersion);
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private interface Send {
    void run() throws Exception;
  }

  private void rejected(String what, Send send) {
    try {
      send.run();
      check(false, what + " was accepted");
    } catch (SerializationException | ExecutionException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      System.out.println(what + ":");
      System.out.println("  " + cause.getClass().getName() + ": " + cause.getMessage());
      check(cause instanceof SerializationException, what + " fails with a SerializationException");
    } catch (Exception e) {
      check(false, what + " failed unexpectedly: " + e);
    }
  }

  private String schemaText(String file) throws Exception {
    JsonNode node = JSON.readTree(Path.of(java.net.URI.create(registryUrl)).resolve(file).toFile());
    return node.get("schema").toString();
  }

  private void check(boolean ok, String expectation) {
    if (!ok) {
      failures.add(expectation);
    }
  }

  private int report() {
    banner(failures.isEmpty() ? "every expectation held" : failures.size() + " expectation(s) failed");
    failures.forEach(f -> System.out.println("FAILED: " + f));
    return failures.isEmpty() ? 0 : 1;
  }

  private static void banner(String title) {
    System.out.println();
    System.out.println("== " + title + " ==");
  }
}
