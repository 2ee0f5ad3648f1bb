package io.contractserde.encryption;

import static io.contractserde.encryption.Pii.customer;
import static io.contractserde.encryption.Pii.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.encryption.dek.MockDekRegistry;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import io.contractserde.testing.SerdeProps;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code hcvault} driver against a transit-engine stub over HTTP: DEKs are wrapped and unwrapped
 * by Vault with the token (once per DEK), and a Vault that refuses the token or is down fails the
 * rule through its onFailure, never showing the token.
 */
class VaultKmsTest {
  private static final String TOKEN = "hvs.vault-token-canary-7731";
  private final String scope = "vault-" + System.nanoTime();
  private final MockContractRegistry contracts = MockContractRegistry.scope(scope);

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
    MockDekRegistry.dropScope(scope);
  }

  private Map<String, Object> props(String token) {
    return SerdeProps.props("mock://" + scope, "rule.executors._default_.param.token.id", token);
  }

  @Test
  void vaultsTransitEngineWrapsTheDekOnceAndAReaderWithTheTokenUnwrapsItOnce() throws Exception {
    try (VaultStub vault = new VaultStub(TOKEN)) {
      Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR,NONE", "encrypt.kms.type", "hcvault",
          "encrypt.kms.key.id", vault.keyId("orders")));
      byte[] a;
      byte[] b;
      try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(TOKEN), false)) {
        a = serializer.serialize(Pii.TOPIC, customer(1));
        b = serializer.serialize(Pii.TOPIC, customer(2));
      }
      assertEquals(1, vault.encrypts.get());
      String wrapped = new String(Base64.getDecoder().decode(MockDekRegistry.scope(scope)
          .dek("kek1", Pii.SUBJECT, "AES256_GCM", null, false).encryptedKeyMaterial()), StandardCharsets.UTF_8);
      assertTrue(wrapped.startsWith("vault:v1:"), "the DEK is kept as Vault's ciphertext");
      try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props(TOKEN), false)) {
        assertEquals("Alice-1", str(deserializer.deserialize(Pii.TOPIC, a), "name"));
        assertEquals("123-45-6791", str(deserializer.deserialize(Pii.TOPIC, b), "ssn"));
      }
      assertEquals(1, vault.decrypts.get());
    }
  }

  @Test
  void aWrongTokenOrAVaultThatIsDownLeavesTheCiphertextUnderNoneAndFailsUnderError() throws Exception {
    byte[] written;
    VaultStub vault = new VaultStub(TOKEN);
    try (vault) {
      Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR,NONE", "encrypt.kms.type", "hcvault",
          "encrypt.kms.key.id", vault.keyId("orders")));
      try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(TOKEN), false)) {
        written = serializer.serialize(Pii.TOPIC, customer(5));
      }
      try (AvroContractDeserializer<GenericRecord> wrongToken =
          new AvroContractDeserializer<>(props("hvs.someone-else"), false)) {
        GenericRecord read = wrongToken.deserialize(Pii.TOPIC, written);
        assertFalse(str(read, "name").contains("Alice"), "still ciphertext");
        assertEquals("clear-5", str(read, "note"));
      }
    }
    // The stub is stopped: Vault is down.
    Map<String, Object> failing = props(TOKEN);
    failing.put("rule.executors._ENCRYPT_.onFailure", "ERROR");
    try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(failing, false)) {
      RuleFailedException e = assertThrows(RuleFailedException.class, () -> deserializer.deserialize(Pii.TOPIC, written));
      assertTrue(e.getMessage().contains("rule 'encryptPII'"), e.getMessage());
      assertTrue(e.getMessage().contains("KEK 'kek1'"), e.getMessage());
      assertTrue(e.getMessage().contains("field com.example.Customer."), e.getMessage());
      assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }
  }
}
