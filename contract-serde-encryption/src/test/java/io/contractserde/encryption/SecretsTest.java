package io.contractserde.encryption;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.encryption.dek.Dek;
import io.contractserde.encryption.dek.KeyMaterial;
import io.contractserde.encryption.dek.MockDekRegistry;
import io.contractserde.encryption.kms.LocalKmsDriver;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.SerdeProps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Canaries: a run through writes, reads, a wrong secret, no secret, a KMS down and Vault refusing a
 * token never shows the KMS secret, the Vault token, a DEK in clear or the plaintext of an encrypted
 * field in anything logged, in any exception message, or in the {@code toString()} of the objects
 * that hold them.
 */
class SecretsTest {
  private static final String SECRET = "kms-secret-CANARY-8841";
  private static final String TOKEN = "hvs.token-CANARY-5512";
  private static final String NAME = "Name-CANARY-3307";
  private static final String SSN = "999-CANARY-1177";

  @Test
  @SuppressWarnings("try") // the Vault stub is closed early on purpose: Vault goes down mid-test
  void secretsDeksAndPlaintextNeverAppearInLogsMessagesOrToString() throws Exception {
    String scope = "secrets-" + System.nanoTime();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    List<String> texts = new ArrayList<>();
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(tee);
    System.setOut(tee);
    List<String> canaries = new ArrayList<>(List.of(SECRET, TOKEN, NAME, SSN));
    try (VaultStub vault = new VaultStub(TOKEN)) {
      MockContractRegistry contracts = MockContractRegistry.scope(scope);
      Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR,ERROR"));
      Map<String, Object> props = SerdeProps.props("mock://" + scope, "rule.executors._default_.param.secret", SECRET);
      GenericRecord record = new GenericData.Record(Pii.SCHEMA);
      record.put("id", 1);
      record.put("name", NAME);
      record.put("ssn", SSN);
      record.put("card", ByteBuffer.wrap(new byte[] {1, 2, 3}));
      record.put("note", "n");
      byte[] bytes;
      try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props, false)) {
        bytes = serializer.serialize(Pii.TOPIC, record);
        texts.add(serializer.toString());
      }
      Dek dek = MockDekRegistry.scope(scope).dek("kek1", Pii.SUBJECT, "AES256_GCM", null, false);
      byte[] raw = new LocalKmsDriver().newAead("mykey", Map.of("secret", SECRET))
          .decrypt(Base64.getDecoder().decode(dek.encryptedKeyMaterial()), new byte[0]);
      byte[] key = java.util.Arrays.copyOfRange(raw, 2, raw.length);
      canaries.addAll(List.of(Base64.getEncoder().encodeToString(raw), HexFormat.of().formatHex(raw),
          Base64.getEncoder().encodeToString(key), HexFormat.of().formatHex(key)));
      texts.add(dek.toString());
      texts.add(KeyMaterial.ofBase64(Base64.getEncoder().encodeToString(raw)).toString());
      texts.add(DekAlgorithm.AES256_GCM.cryptor(raw).toString());
      FieldEncryptionExecutor executor = new FieldEncryptionExecutor();
      executor.configure(Map.of("secret", SECRET, "token.id", TOKEN, "schema.registry.url", "mock://" + scope));
      texts.add(executor.toString());
      for (String secret : new String[] {SECRET, "wrong-" + SECRET, null}) {
        Map<String, Object> readProps = SerdeProps.props("mock://" + scope);
        if (secret != null) {
          readProps.put("rule.executors._default_.param.secret", secret);
        }
        try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(readProps, false)) {
          texts.add(deserializer.toString());
          try {
            texts.add(String.valueOf(deserializer.deserialize(Pii.TOPIC, bytes).get("note")));
          } catch (RuntimeException e) {
            collect(texts, e);
          }
        }
      }
      // Vault refusing the token, then down.
      String vaultScope = scope + "-vault";
      Pii.register(MockContractRegistry.scope(vaultScope), Pii.rule("ENCRYPT", "ERROR,ERROR", "encrypt.kms.type",
          "hcvault", "encrypt.kms.key.id", vault.keyId("k")));
      Map<String, Object> vaultProps = SerdeProps.props("mock://" + vaultScope, "rule.executors._default_.param.token.id",
          TOKEN + "-wrong");
      try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(vaultProps, false)) {
        serializer.serialize(Pii.TOPIC, record);
      } catch (RuntimeException e) {
        collect(texts, e);
      }
      vault.close();
      vaultProps.put("rule.executors._default_.param.token.id", TOKEN);
      try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(vaultProps, false)) {
        serializer.serialize(Pii.TOPIC, record);
      } catch (RuntimeException e) {
        collect(texts, e);
      }
      MockContractRegistry.dropScope(scope);
      MockContractRegistry.dropScope(vaultScope);
      MockDekRegistry.dropScope(scope);
      MockDekRegistry.dropScope(vaultScope);
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    String all = String.join("\n", texts);
    assertTrue(all.contains("cannot load the local KMS secret"), "the failures were collected: " + all);
    assertTrue(all.contains("answered 403"), "Vault refused the wrong token: " + all);
    assertTrue(all.contains("cannot be reached"), "Vault was down: " + all);
    assertTrue(texts.contains("n"), "the record was read with the secret");
    for (String canary : canaries) {
      assertFalse(logs.contains(canary), "leaked in the logs: " + canary + "\n" + logs);
      assertFalse(all.contains(canary), "leaked in a message or toString: " + canary + "\n" + all);
    }
  }

  private static void collect(List<String> texts, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      texts.add(t.toString());
    }
  }
}
