package io.contractserde.benchmarks;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.encryption.dek.MockDekRegistry;
import io.contractserde.registry.MockContractRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Field-level encryption, Avro, v2 of each shape with its two PII fields ({@code name},
 * {@code national_id}) under an {@code ENCRYPT} rule (AES256_GCM, local KMS): serialize and
 * deserialize with and without the rule, and, as the floor, Tink's raw AES256-GCM encrypt and decrypt
 * of the same two fields' bytes in the same run, alone and after the plain serde's work. The cost the
 * rule adds per record is {@code 1/serializeEncrypted - 1/serialize} (throughput), to compare with
 * {@code 1/rawAeadEncrypt} and with {@code 1/serializeThenRawAeadEncrypt - 1/serialize}.
 *
 * <p>Beside them, the least any encrypting serde of this layout pays: the same encryption written
 * out by hand around the plain serde ({@code serializeEncryptedByHand}, {@code deserializeDecryptedByHand}):
 * a copy of the caller's record, each field's UTF-8 bytes through the raw AEAD into Base64 text and
 * back, no rule, key ring or field walk. Less the by-hand figure, the rule's figure is what the rule
 * machinery itself costs.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EncryptionBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class EncryptionBenchmark {
  static final String SECRET = "benchmark-local-kms-secret";
  private static final byte[] NO_AAD = new byte[0];

  /** The serdes, the records and the raw AEAD, shared by all benchmark threads. */
  @State(Scope.Benchmark)
  public static class Serdes {
    @Param({"small", "large"})
    public String shape;

    final String scope = "bench-enc-" + System.nanoTime();
    /** The topic of the encrypted subject, made once: a topic built per call would be measured too. */
    String encryptedTopic;
    GenericRecord record;
    AvroContractSerializer<Object> plainSerializer;
    AvroContractSerializer<Object> encryptingSerializer;
    AvroContractDeserializer<Object> plainDeserializer;
    AvroContractDeserializer<Object> decryptingDeserializer;
    byte[] plainBytes;
    byte[] encryptedBytes;
    Aead aead;
    byte[] nameBytes;
    byte[] idBytes;
    byte[] nameCiphertext;
    byte[] idCiphertext;
    /** The record with its two fields encrypted by hand with {@link #aead}, serialized plainly. */
    byte[] encryptedByHandBytes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      Shapes.register(scope);
      encryptedTopic = shape + "-enc";
      TreeMap<String, SortedSet<String>> pii = new TreeMap<>();
      pii.put("bench.Account.name", new TreeSet<>(List.of("PII")));
      pii.put("**.national_id", new TreeSet<>(List.of("PII")));
      Rule encrypt = ContractJson.read("{\"name\":\"encrypt_pii\",\"kind\":\"TRANSFORM\",\"mode\":\"WRITEREAD\","
          + "\"type\":\"ENCRYPT\",\"tags\":[\"PII\"],\"onFailure\":\"ERROR\"}", Rule.class)
          .withParams(Map.of("encrypt.kek.name", "bench-kek", "encrypt.kms.type", "local-kms",
              "encrypt.kms.key.id", "bench-key"));
      MockContractRegistry.scope(scope).register(shape + "-enc-value", SchemaDefinition.of("AVRO", Shapes.schema(shape, 2))
          .withMetadata(new Metadata(pii, new TreeMap<>(Map.of("major_version", "2")), null))
          .withRuleSet(RuleSet.ofDomainRules(List.of(encrypt))));
      Schema v2 = new Schema.Parser().parse(Shapes.schema(shape, 2));
      record = Shapes.record(v2, 7);
      Map<String, Object> props = Map.of("schema.registry.url", "mock://" + scope,
          "use.latest.with.metadata", "major_version=2", "rule.executors._default_.param.secret", SECRET);
      plainSerializer = new AvroContractSerializer<>(props, false);
      encryptingSerializer = new AvroContractSerializer<>(props, false);
      plainDeserializer = new AvroContractDeserializer<>(props, false);
      decryptingDeserializer = new AvroContractDeserializer<>(props, false);
      plainBytes = plainSerializer.serialize(shape, record);
      encryptedBytes = encryptingSerializer.serialize(encryptedTopic, record);

      AeadConfig.register();
      AesGcmParameters params = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
          .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
      aead = KeysetHandle.generateNew(params).getPrimitive(RegistryConfiguration.get(), Aead.class);
      nameBytes = record.get("name").toString().getBytes(StandardCharsets.UTF_8);
      idBytes = record.get("national_id").toString().getBytes(StandardCharsets.UTF_8);
      nameCiphertext = aead.encrypt(nameBytes, NO_AAD);
      idCiphertext = aead.encrypt(idBytes, NO_AAD);
      encryptedByHandBytes = plainSerializer.serialize(shape, encryptByHand(aead, record));
      Verify.encryption(this);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      plainSerializer.close();
      encryptingSerializer.close();
      plainDeserializer.close();
      decryptingDeserializer.close();
      MockContractRegistry.dropScope(scope);
      MockDekRegistry.dropScope(scope);
    }
  }

  @Benchmark
  public byte[] serialize(Serdes s) {
    return s.plainSerializer.serialize(s.shape, s.record);
  }

  @Benchmark
  public byte[] serializeEncrypted(Serdes s) {
    return s.encryptingSerializer.serialize(s.encryptedTopic, s.record);
  }

  @Benchmark
  public Object deserialize(Serdes s) {
    return s.plainDeserializer.deserialize(s.shape, s.plainBytes);
  }

  @Benchmark
  public Object deserializeEncrypted(Serdes s) {
    return s.decryptingDeserializer.deserialize(s.encryptedTopic, s.encryptedBytes);
  }

  /**
   * The plain serialize of a copy of the record whose two fields are encrypted by hand, as the rule
   * does it: UTF-8 bytes, Tink's AES256-GCM, standard Base64 text.
   */
  @Benchmark
  public byte[] serializeEncryptedByHand(Serdes s) throws GeneralSecurityException {
    return s.plainSerializer.serialize(s.shape, encryptByHand(s.aead, s.record));
  }

  /** The plain deserialize of a record encrypted by hand, its two fields then decrypted in place. */
  @Benchmark
  public Object deserializeDecryptedByHand(Serdes s) throws GeneralSecurityException {
    GenericRecord read = (GenericRecord) s.plainDeserializer.deserialize(s.shape, s.encryptedByHandBytes);
    read.put("name", decryptByHand(s.aead, read.get("name")));
    read.put("national_id", decryptByHand(s.aead, read.get("national_id")));
    return read;
  }

  static GenericRecord encryptByHand(Aead aead, GenericRecord record) throws GeneralSecurityException {
    GenericData.Record copy = new GenericData.Record((GenericData.Record) record, false);
    copy.put("name", encryptByHand(aead, record.get("name")));
    copy.put("national_id", encryptByHand(aead, record.get("national_id")));
    return copy;
  }

  private static Utf8 encryptByHand(Aead aead, Object text) throws GeneralSecurityException {
    byte[] plaintext = text.toString().getBytes(StandardCharsets.UTF_8);
    return new Utf8(Base64.getEncoder().encode(aead.encrypt(plaintext, NO_AAD)));
  }

  private static Utf8 decryptByHand(Aead aead, Object base64) throws GeneralSecurityException {
    Utf8 text = (Utf8) base64; // its array may be longer than its text, as the rule checks too
    byte[] bytes = text.getBytes().length == text.getByteLength() ? text.getBytes()
        : Arrays.copyOf(text.getBytes(), text.getByteLength());
    return new Utf8(aead.decrypt(Base64.getDecoder().decode(bytes), NO_AAD));
  }

  /** The floor of serializeEncrypted's extra cost: Tink's AES256-GCM on the two fields' bytes. */
  @Benchmark
  public int rawAeadEncrypt(Serdes s) throws GeneralSecurityException {
    return s.aead.encrypt(s.nameBytes, NO_AAD).length + s.aead.encrypt(s.idBytes, NO_AAD).length;
  }

  /** The floor of deserializeEncrypted's extra cost. */
  @Benchmark
  public int rawAeadDecrypt(Serdes s) throws GeneralSecurityException {
    return s.aead.decrypt(s.nameCiphertext, NO_AAD).length + s.aead.decrypt(s.idCiphertext, NO_AAD).length;
  }

  /**
   * The floor in context: the plain serialize, then Tink's AES256-GCM on the two fields. Less
   * {@link #serialize}, the primitive's cost beside a serde's work rather than in a loop of its own
   * (the caches, the branch predictors and the random source no longer its alone).
   */
  @Benchmark
  public int serializeThenRawAeadEncrypt(Serdes s) throws GeneralSecurityException {
    return serialize(s).length + rawAeadEncrypt(s);
  }

  /** The floor of deserializeEncrypted in context: the plain deserialize, then the raw decrypt. */
  @Benchmark
  public int deserializeThenRawAeadDecrypt(Serdes s) throws GeneralSecurityException {
    return (deserialize(s) == null ? 0 : 1) + rawAeadDecrypt(s);
  }
}
