package io.contractserde.encryption;

import static io.contractserde.encryption.Pii.customer;
import static io.contractserde.encryption.Pii.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.encryption.dek.MockDekRegistry;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import io.contractserde.testing.SerdeProps;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a reader gets: plaintext with the key; without it (no secret, a wrong secret, the KMS down)
 * the ciphertext under {@code ERROR,NONE} and an exception naming rule, KEK and field under
 * {@code ERROR}. Also: the writer's record is never modified, payload encryption keeps the header in
 * clear, a DLQ record on the write path carries no encrypted field in clear, and only string and
 * bytes fields can be encrypted. A field that fails half-way through a record leaves every field as
 * written, and decrypted strings are of the class of the record's other strings.
 */
class ReadSideTest {
  private final String scope = "read-" + System.nanoTime();
  private final String keyId = "key-" + scope;
  private final MockContractRegistry contracts = MockContractRegistry.scope(scope);

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
    MockDekRegistry.dropScope(scope);
    CountingKmsDriver.DOWN.remove(keyId);
  }

  private Map<String, Object> props(String secret, Object... pairs) {
    Map<String, Object> props = SerdeProps.props("mock://" + scope, pairs);
    if (secret != null) {
      props.put("rule.executors._default_.param.secret", secret);
    }
    return props;
  }

  private byte[] write(GenericRecord record) {
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(Pii.SECRET), false)) {
      return serializer.serialize(Pii.TOPIC, record);
    }
  }

  private GenericRecord read(byte[] bytes, String secret, Object... pairs) {
    try (AvroContractDeserializer<GenericRecord> d = new AvroContractDeserializer<>(props(secret, pairs), false)) {
      return d.deserialize(Pii.TOPIC, bytes);
    }
  }

  @Test
  void aReaderWithTheKeyGetsPlaintextAndTheWritersRecordIsNeverModified() {
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR,NONE"));
    GenericRecord original = customer(7);
    GenericRecord copy = GenericData.get().deepCopy(Pii.SCHEMA, original);
    byte[] bytes = write(original);
    assertEquals(copy, original, "the caller's record keeps its plaintext");
    for (String plaintext : List.of("Alice-7", "123-45-6796", "card-7")) {
      assertFalse(Pii.contains(bytes, plaintext), plaintext + " is not in the record's bytes");
    }
    assertTrue(Pii.contains(bytes, "clear-7"), "untagged fields stay in clear");
    GenericRecord read = read(bytes, Pii.SECRET);
    assertEquals("Alice-7", str(read, "name"));
    assertEquals("123-45-6796", str(read, "ssn"));
    assertEquals("card-7", Pii.card(read));
  }

  @Test
  void withoutTheSecretOrWithAWrongOneAReaderUnderErrorNoneGetsTheCiphertext() {
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR,NONE"));
    byte[] bytes = write(customer(1));
    for (String secret : new String[] {null, "not-the-secret"}) {
      GenericRecord read = read(bytes, secret);
      assertNotEquals("Alice-1", str(read, "name"));
      assertEquals(12 + 7 + 16, Base64.getDecoder().decode(str(read, "name")).length, "the GCM ciphertext of Alice-1");
      assertEquals(12 + 6 + 16, IncumbentVectorsTest.bytes(read.get("card")).length);
      assertEquals("clear-1", str(read, "note"));
    }
  }

  @Test
  void withoutTheSecretAReaderUnderErrorGetsAnExceptionNamingRuleKekAndField() {
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR,NONE"));
    byte[] bytes = write(customer(1));
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> read(bytes, null, "rule.executors._ENCRYPT_.onFailure", "ERROR"));
    assertEquals("encryptPII", e.ruleName());
    assertEquals("Rule failed: rule 'encryptPII' (ENCRYPT TRANSFORM, mode READ) of subject 'customers-value' (schema id 1),"
        + " topic 'customers': field com.example.Customer.name: Failed to decrypt the DEK with every KMS"
        + " key of KEK 'kek1': cannot load the local KMS secret: set the rule executor parameter secret"
        + " (rule.executors._default_.param.secret) or the environment variable LOCAL_SECRET", e.getMessage());
    RuleFailedException wrong = assertThrows(RuleFailedException.class,
        () -> read(bytes, "not-the-secret", "rule.executors._ENCRYPT_.onFailure", "ERROR"));
    assertTrue(wrong.getMessage().contains("KEK 'kek1'") && wrong.getMessage().contains("field com.example.Customer.name"),
        wrong.getMessage());
  }

  @Test
  void aKmsThatIsDownLeavesTheCiphertextUnderNoneAndFailsUnderErrorThenRecovers() {
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR,NONE", "encrypt.kms.type", CountingKmsDriver.TYPE,
        "encrypt.kms.key.id", keyId));
    byte[] bytes = write(customer(2));
    CountingKmsDriver.DOWN.add(keyId);
    try (AvroContractDeserializer<GenericRecord> lenient = new AvroContractDeserializer<>(props(Pii.SECRET), false);
        AvroContractDeserializer<GenericRecord> strict = new AvroContractDeserializer<>(
            props(Pii.SECRET, "rule.executors._ENCRYPT_.onFailure", "ERROR"), false)) {
      assertNotEquals("Alice-2", str(lenient.deserialize(Pii.TOPIC, bytes), "name"));
      RuleFailedException e = assertThrows(RuleFailedException.class, () -> strict.deserialize(Pii.TOPIC, bytes));
      assertTrue(e.getMessage().contains("KEK 'kek1'") && e.getMessage().contains("cannot be reached"), e.getMessage());
      CountingKmsDriver.DOWN.remove(keyId);
      assertEquals("Alice-2", str(lenient.deserialize(Pii.TOPIC, bytes), "name"), "a failure is not cached");
    }
  }

  @Test
  void aCiphertextThatFailsHalfWayThroughTheRecordLeavesEveryFieldAsWritten() throws Exception {
    // The reader decrypts into the decoded record itself: name is decrypted before ssn fails.
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR,NONE"));
    byte[] bytes = write(customer(8));
    GenericDatumReader<GenericRecord> plain = new GenericDatumReader<>(Pii.SCHEMA);
    GenericRecord written = plain.read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    byte[] ssn = Base64.getDecoder().decode(str(written, "ssn"));
    ssn[ssn.length / 2] ^= 1; // the GCM tag no longer matches
    GenericRecord tampered = new GenericData.Record((GenericData.Record) written, false);
    tampered.put("ssn", Base64.getEncoder().encodeToString(ssn));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, 5);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(Pii.SCHEMA).write(tampered, encoder);
    encoder.flush();
    byte[] tamperedBytes = out.toByteArray();

    GenericRecord read = read(tamperedBytes, Pii.SECRET);
    assertEquals(str(written, "name"), str(read, "name"), "the name's ciphertext, not its plaintext");
    assertEquals(str(tampered, "ssn"), str(read, "ssn"));
    assertEquals(written.get("card"), read.get("card"));
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> read(tamperedBytes, Pii.SECRET, "rule.executors._ENCRYPT_.onFailure", "ERROR"));
    assertTrue(e.getMessage().contains("field com.example.Customer.ssn (KEK 'kek1'): decryption failed"), e.getMessage());
    assertFalse(e.getMessage().contains("Alice-8"), e.getMessage());
  }

  @Test
  void aDecryptedStringIsOfTheClassOfTheRecordsOtherStrings() {
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR,NONE"));
    GenericRecord read = read(write(customer(9)), Pii.SECRET);
    assertEquals("Alice-9", str(read, "name"));
    assertSame(read.get("note").getClass(), read.get("name").getClass(), "Utf8, as Avro reads every string");
    assertSame(read.get("note").getClass(), read.get("ssn").getClass(), "a union's string too");
  }

  @Test
  void aReaderFindsNoKekWhenTheDekRegistryHasNoneAndSaysSo() {
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR,NONE"));
    byte[] bytes = write(customer(3));
    MockDekRegistry.dropScope(scope);
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> read(bytes, Pii.SECRET, "rule.executors._ENCRYPT_.onFailure", "ERROR"));
    assertTrue(e.getMessage().contains("No KEK 'kek1' found in the DEK registry during consume"), e.getMessage());
  }

  @Test
  void payloadEncryptionKeepsTheHeaderInClearAndHidesEveryField() {
    Pii.register(contracts, Pii.rule("ENCRYPT_PAYLOAD", "ERROR,NONE"));
    byte[] bytes = write(customer(4));
    assertEquals(0, bytes[0]);
    assertEquals(1, java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt(), "schema id in clear");
    assertFalse(Pii.contains(bytes, "clear-4"), "even untagged fields are hidden");
    assertEquals("clear-4", str(read(bytes, Pii.SECRET), "note"));
    assertThrows(RuleFailedException.class, () -> read(bytes, null, "rule.executors._ENCRYPT_PAYLOAD_.onFailure", "ERROR"));
  }

  @Test
  void aTaggedFieldThatIsNeitherStringNorBytesFailsTheRuleNamingIt() {
    Rule rule = Pii.rule("ENCRYPT", "ERROR").withTags("NUMBER");
    String schema = Vectors.SCHEMA.replace("{\"name\":\"id\",\"type\":\"int\"}",
        "{\"name\":\"id\",\"type\":\"int\",\"confluent:tags\":[\"NUMBER\"]}");
    contracts.register(Pii.SUBJECT, SchemaDefinition.of("AVRO", schema).withRuleSet(RuleSet.ofDomainRules(List.of(rule))));
    GenericRecord record = new GenericData.Record(new org.apache.avro.Schema.Parser().parse(schema));
    GenericRecord source = customer(1);
    for (org.apache.avro.Schema.Field f : source.getSchema().getFields()) {
      record.put(f.name(), source.get(f.name()));
    }
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(record));
    assertTrue(e.getMessage().contains("field com.example.Customer.id: type INT is not supported for encryption"),
        e.getMessage());
  }

  @Test
  void aDlqRecordWrittenOnTheWritePathCarriesNoEncryptedFieldInClear() {
    Rule encrypt = Pii.rule("ENCRYPT", "ERROR,NONE");
    Rule check = ContractJson.read("{\"name\":\"positiveId\",\"kind\":\"CONDITION\",\"mode\":\"WRITE\","
        + "\"type\":\"JSONATA\",\"expr\":\"id > 100\",\"onFailure\":\"MOCKDLQ\"}", Rule.class);
    contracts.register(Pii.SUBJECT, SchemaDefinition.of("AVRO", Vectors.SCHEMA)
        .withRuleSet(RuleSet.ofDomainRules(List.of(check, encrypt))));
    MockDlqAction.PRODUCER.clear();
    Map<String, Object> props = props(Pii.SECRET, "rule.actions", "mockdlq",
        "rule.actions.mockdlq.class", MockDlqAction.class.getName());
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props, false)) {
      assertThrows(RuleFailedException.class, () -> serializer.serialize(Pii.TOPIC, customer(5)));
    }
    ProducerRecord<byte[], byte[]> sent = MockDlqAction.PRODUCER.history().get(0);
    String value = new String(sent.value(), StandardCharsets.UTF_8);
    assertFalse(value.contains("Alice-5") || value.contains("123-45-6794") || value.contains("card-5"), value);
    assertTrue(value.contains("\"clear-5\"") && value.contains("<redacted>"), value);
  }

  @Test
  void theSameParsedRuleIsReadOnceAndItsParametersAreCheckedWithTheirNames() {
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR", "encrypt.dek.algorithm", "AES512_XYZ"));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(customer(1)));
    assertTrue(e.getMessage().contains("encrypt.dek.algorithm"), e.getMessage());
    assertSame(e.getClass(), RuleFailedException.class);
  }
}
