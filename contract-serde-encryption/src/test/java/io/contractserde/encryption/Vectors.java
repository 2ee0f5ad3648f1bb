package io.contractserde.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.encryption.dek.Dek;
import io.contractserde.encryption.dek.DekRegistry;
import io.contractserde.encryption.dek.Kek;
import io.contractserde.registry.MockContractRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;

/**
 * The incumbent's test vectors ({@code field-encryption-vectors.json}, a copy of the reference's):
 * records, KEKs, DEKs and ciphertexts made by its JavaScript client, and fields made by a Java
 * re-implementation that the JavaScript client decrypted.
 */
final class Vectors {
  static final JsonNode ROOT = load();
  static final JsonNode JS = ROOT.path("jsProduced");
  static final String SECRET = JS.path("secret").asText();
  static final String SCHEMA = JS.path("schema").toString();

  private Vectors() {}

  private static JsonNode load() {
    try (InputStream in = Vectors.class.getResourceAsStream("/field-encryption-vectors.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static JsonNode scenario(String name) {
    for (JsonNode s : JS.path("scenarios")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(name);
  }

  static String topic(JsonNode scenario) {
    String subject = scenario.path("subject").asText();
    return subject.substring(0, subject.length() - "-value".length());
  }

  static Rule rule(JsonNode scenario) {
    return ContractJson.read(scenario.path("rule").toString(), Rule.class);
  }

  /** Registers the scenario's contract (its first, so schema id 1) with its rule where the incumbent put it. */
  static RegisteredSchema register(MockContractRegistry registry, JsonNode scenario, String schema) {
    Rule rule = rule(scenario);
    RuleSet rules = rule.type().equals("ENCRYPT_PAYLOAD")
        ? new RuleSet(null, null, List.of(rule), null)
        : RuleSet.ofDomainRules(List.of(rule));
    return registry.register(scenario.path("subject").asText(),
        SchemaDefinition.of("AVRO", schema).withRuleSet(rules));
  }

  /** Puts the scenario's KEK and every DEK (with its timestamp) into a DEK registry. */
  static void seed(DekRegistry registry, JsonNode scenario) {
    JsonNode kek = scenario.path("kek");
    registry.createKek(Kek.of(kek.path("name").asText(), kek.path("kmsType").asText(), kek.path("kmsKeyId").asText()));
    for (JsonNode dek : scenario.path("deks")) {
      registry.createDek(new Dek(dek.path("kekName").asText(), dek.path("subject").asText(), dek.path("version").asInt(),
          dek.path("algorithm").asText(), dek.path("encryptedKeyMaterial").asText(), null, dek.path("ts").asLong(),
          false));
    }
  }
}
