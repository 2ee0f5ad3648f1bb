package io.contractserde.cel;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.SerdeProps;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * An Avro contract whose PII sits everywhere a field rule must find it: inline tags on a top-level
 * field, a nullable field, a nested record's field and an array of strings; {@code metadata.tags}
 * on {@code **.ssn} and on a map; the nested record again inside an array.
 */
final class Customers {
  static final String SCHEMA = """
      {"type":"record","name":"Customer","namespace":"example.cel","fields":[
        {"name":"id","type":"string"},
        {"name":"email","type":"string","confluent:tags":["PII","EMAIL"]},
        {"name":"age","type":"int"},
        {"name":"score","type":"float"},
        {"name":"status","type":{"type":"enum","name":"Status","symbols":["ACTIVE","CLOSED"]}},
        {"name":"avatar","type":"bytes"},
        {"name":"nickname","type":["null","string"],"default":null,"confluent:tags":["PII"]},
        {"name":"address","type":{"type":"record","name":"Address","fields":[
          {"name":"street","type":"string","confluent:tags":["PII"]},
          {"name":"city","type":"string"}]}},
        {"name":"phones","type":{"type":"array","items":"string"},"confluent:tags":["PII"]},
        {"name":"previous","type":{"type":"array","items":"Address"}},
        {"name":"notes","type":{"type":"map","values":"string"}},
        {"name":"ssn","type":"string"}
      ]}""";
  static final Schema AVRO = new Schema.Parser().parse(SCHEMA);
  static final Schema ADDRESS = AVRO.getField("address").schema();
  static final Schema STATUS = AVRO.getField("status").schema();

  private Customers() {}

  /** {@code **.ssn} and the notes map are PII; the city is a LOCATION. */
  static Metadata metadata() {
    TreeMap<String, SortedSet<String>> tags = new TreeMap<>();
    tags.put("**.ssn", new TreeSet<>(List.of("PII")));
    tags.put("example.cel.Customer.notes", new TreeSet<>(List.of("PII")));
    tags.put("example.cel.Address.city", new TreeSet<>(List.of("LOCATION")));
    return new Metadata(tags, new TreeMap<>(Map.of("owner", "crm")), null);
  }

  static RegisteredSchema register(MockContractRegistry registry, String subject, Rule... domainRules) {
    return registry.register(subject, SchemaDefinition.of("AVRO", SCHEMA).withMetadata(metadata())
        .withRuleSet(RuleSet.ofDomainRules(List.of(domainRules))));
  }

  static GenericRecord address(String street, String city) {
    GenericRecord a = new GenericData.Record(ADDRESS);
    a.put("street", street);
    a.put("city", city);
    return a;
  }

  static GenericRecord customer(int i) {
    GenericRecord c = new GenericData.Record(AVRO);
    c.put("id", "c-" + i);
    c.put("email", "Person" + i + "@Example.com");
    c.put("age", 20 + i % 50);
    c.put("score", 1.5f * i);
    c.put("status", new GenericData.EnumSymbol(STATUS, i % 2 == 0 ? "ACTIVE" : "CLOSED"));
    c.put("avatar", ByteBuffer.wrap(new byte[] {1, 2, (byte) i}));
    c.put("nickname", i % 3 == 0 ? null : "nick" + i);
    c.put("address", address(i + " Main St", "Springfield"));
    c.put("phones", new ArrayList<>(List.of("555-000" + i, "555-100" + i)));
    c.put("previous", new ArrayList<>(List.of(address(i + " Old Rd", "Shelbyville"))));
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("vip", "likes tea " + i);
    c.put("notes", notes);
    c.put("ssn", String.format("%09d", i));
    return c;
  }

  /** Serde properties writing and reading with the subject's latest contract, unless {@code pairs} say otherwise. */
  static Map<String, Object> props(String url, Object... pairs) {
    Object[] all = new Object[pairs.length + 2];
    all[0] = "use.latest.version";
    all[1] = true;
    System.arraycopy(pairs, 0, all, 2, pairs.length);
    return SerdeProps.props(url, all);
  }
}
