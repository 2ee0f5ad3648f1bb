package io.contractserde.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;

/**
 * Checks, once per trial, that every benchmark computes the right thing: a fast wrong answer
 * must not be measured.
 */
final class Verify {
  private Verify() {}

  static void avro(AvroBenchmark.Serdes s) throws java.io.IOException {
    AvroBenchmark b = new AvroBenchmark();
    AvroBenchmark.RawCodec c = new AvroBenchmark.RawCodec();
    require(java.util.Arrays.equals(b.rawEncode(s, c), s.rawPayload), "raw encode matches the serde's payload");
    require(b.rawDecode(s, c).equals(s.v2Record), "raw decode");
    require(java.util.Arrays.equals(b.serialize(s), s.v2Bytes), "serialize");
    require(b.serializeWithCondition(s).length == s.v2Bytes.length, "serialize with a condition");
    require(s.v2Record.equals(b.deserializeSameVersion(s)), "same version");
    GenericRecord up = (GenericRecord) b.deserializeUpgradeOneHop(s);
    require(Objects.equals(str(up, "national_id"), str(s.v1Record, "ssn")), "upgrade renames ssn");
    require(up.equals(b.deserializeUpgradeOneHopInterpreted(s)), "the interpreter agrees with the fast path");
    GenericRecord down = (GenericRecord) b.deserializeDowngradeOneHop(s);
    require(Objects.equals(str(down, "ssn"), str(s.v2Record, "national_id")), "downgrade renames national_id");
    GenericRecord two = (GenericRecord) b.deserializeUpgradeTwoHops(s);
    require(Objects.equals(str(two, "full_name"), str(s.v1Record, "name"))
        && Objects.equals(str(two, "national_id"), str(s.v1Record, "ssn")), "two hops rename both");
  }

  static void json(JsonBenchmark.Serdes s) throws java.io.IOException {
    JsonBenchmark b = new JsonBenchmark();
    require(b.rawJacksonRead(s).equals(s.v2Document), "raw read");
    require(b.rawJacksonWrite(s).length == s.v2Bytes.length - 5, "raw write");
    require(java.util.Arrays.equals(b.serializeValidated(s), s.v2Bytes), "serialize");
    require(s.v2Document.equals(b.deserializeValidated(s)), "deserialize");
    JsonNode migrated = (JsonNode) b.deserializeUpgradeOneHop(s);
    require(migrated.get("customer_id").equals(s.v1Document.get("account_id")), "upgrade renames account_id");
  }

  static void cel(CelBenchmark.Serdes s) throws java.io.IOException {
    CelBenchmark b = new CelBenchmark();
    byte[] raw = b.rawEncode(s, new AvroBenchmark.RawCodec());
    for (byte[] framed : new byte[][] {b.serialize(s), b.serializeWithCelCondition(s),
        b.serializeWithCelFieldCondition(s), b.serializeWithJsonataCondition(s)}) {
      require(java.util.Arrays.equals(java.util.Arrays.copyOfRange(framed, 5, framed.length), raw),
          "every serializer writes the raw encoding");
    }
    GenericRecord negative = new org.apache.avro.generic.GenericData.Record(s.record.getSchema());
    s.record.getSchema().getFields().forEach(f -> negative.put(f.pos(), s.record.get(f.pos())));
    negative.put("balance", -1.0);
    requireFails(() -> s.cel.serialize(s.shape + "-cel", negative), "the CEL condition rejects a negative balance");
    negative.put("balance", 1.0);
    negative.put("name", "");
    requireFails(() -> s.celField.serialize(s.shape + "-celfield", negative), "the CEL_FIELD condition rejects an empty name");
  }

  static void jsonata(JsonataBenchmark.Serdes s) throws java.io.IOException {
    JsonataBenchmark b = new JsonataBenchmark();
    if (s.engine.equals("compiled")) {
      io.contractserde.rule.jsonata.JsonataExecutor executor = new io.contractserde.rule.jsonata.JsonataExecutor();
      for (String expr : java.util.List.of(JsonataBenchmark.CONDITION, JsonataBenchmark.SPLIT, JsonataBenchmark.JOIN,
          JsonataBenchmark.TO_STATUS, JsonataBenchmark.TO_ACTIVE)) {
        require(executor.compilation(expr).compiled(), "runs compiled: " + expr);
      }
      require(io.contractserde.rule.jsonata.JsonataExecutor.fieldOperations(JsonataBenchmark.RENAME).isPresent(),
          "the quoted rename runs as schema resolution");
    }
    byte[] framed = b.serializeWithCondition(s);
    require(java.util.Arrays.equals(java.util.Arrays.copyOfRange(framed, 5, framed.length),
        b.rawEncode(s, new AvroBenchmark.RawCodec())), "the checked serializer writes the raw encoding");
    GenericRecord negative = new org.apache.avro.generic.GenericData.Record(s.v2Record.getSchema());
    s.v2Record.getSchema().getFields().forEach(f -> negative.put(f.pos(), s.v2Record.get(f.pos())));
    negative.put("id", -1L);
    requireFails(() -> s.checked.serialize(s.shape + "-condition", negative), "the condition rejects a negative id");
    require(b.rawDecode(s, new AvroBenchmark.RawCodec()).equals(s.v2Record), "raw decode");
    GenericRecord renamed = (GenericRecord) b.deserializeQuotedRename(s);
    require(Objects.equals(str(renamed, "national_id"), str(s.v1Record, "ssn")), "the quoted rename");
    GenericRecord split = (GenericRecord) b.deserializeComputedOneHop(s);
    require("Ada".equals(str(split, "first")) && "Lovelace".equals(str(split, "last")), "the split");
    GenericRecord two = (GenericRecord) b.deserializeComputedTwoHops(s);
    require("Ada".equals(str(two, "first")) && (Boolean.TRUE.equals(s.v2Record.get("active")) ? "ACTIVE" : "INACTIVE")
        .equals(str(two, "status")), "the split and the status");
    require(b.rawJacksonRead(s).get("customer_id").asText().equals("A-77"), "raw JSON read");
    JsonNode migrated = (JsonNode) b.deserializeJsonOneHop(s);
    require(migrated.get("customer_id").asText().equals("A-77") && !migrated.has("account_id"), "the JSON rename");
    require(migrated.equals(b.deserializeJsonOneHopUnvalidated(s)), "the JSON rename without validation");
  }

  static void encryption(EncryptionBenchmark.Serdes s) throws Exception {
    EncryptionBenchmark b = new EncryptionBenchmark();
    String name = s.record.get("name").toString();
    String id = s.record.get("national_id").toString();
    byte[] encrypted = b.serializeEncrypted(s);
    String text = new String(encrypted, java.nio.charset.StandardCharsets.ISO_8859_1);
    require(!text.contains(name) && !text.contains(id), "the encrypted record holds no plaintext of its PII fields");
    require(text.contains(str(s.record, "email") == null ? "" : str(s.record, "email")), "untagged fields stay in clear");
    require(!java.util.Arrays.equals(encrypted, b.serializeEncrypted(s)), "AES-GCM is randomized per record");
    GenericRecord read = (GenericRecord) b.deserializeEncrypted(s);
    require(name.equals(str(read, "name")) && id.equals(str(read, "national_id")), "the PII decrypts back");
    require(s.record.equals(b.deserialize(s)), "the plain serde round-trips");
    require(b.rawAeadEncrypt(s) == s.nameBytes.length + s.idBytes.length + 2 * 28, "raw AEAD adds IV and tag");
    require(b.rawAeadDecrypt(s) == s.nameBytes.length + s.idBytes.length, "raw AEAD decrypts");
    require(b.serializeThenRawAeadEncrypt(s) == b.serialize(s).length + b.rawAeadEncrypt(s), "serialize, then AEAD");
    require(b.deserializeThenRawAeadDecrypt(s) == 1 + b.rawAeadDecrypt(s), "deserialize, then AEAD");
    byte[] byHand = b.serializeEncryptedByHand(s);
    String handText = new String(byHand, java.nio.charset.StandardCharsets.ISO_8859_1);
    require(!handText.contains(name) && !handText.contains(id) && byHand.length == encrypted.length,
        "encryption by hand hides the PII in a record as long as the rule's");
    GenericRecord readByHand = (GenericRecord) b.deserializeDecryptedByHand(s);
    require(name.equals(str(readByHand, "name")) && id.equals(str(readByHand, "national_id"))
        && str(readByHand, "email") != null == (str(s.record, "email") != null), "decryption by hand reads the PII back");
  }

  private static void requireFails(Runnable r, String what) {
    try {
      r.run();
    } catch (io.contractserde.rule.RuleFailedException e) {
      return;
    }
    throw new IllegalStateException("Benchmark computes a wrong result: " + what);
  }

  private static String str(GenericRecord r, String field) {
    Object v = r.get(field);
    return v == null ? null : v.toString();
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("Benchmark computes a wrong result: " + what);
    }
  }
}
