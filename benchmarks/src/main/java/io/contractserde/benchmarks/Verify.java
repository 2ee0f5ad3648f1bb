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
