package io.contractserde.cel;

import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example contract of the README's CEL section, taken from the README, does what the README says. */
class ReadmeCelExampleTest {
  private static final String SCOPE = "readme-cel-" + System.nanoTime();
  private static Schema schema;

  @BeforeAll
  static void registerTheReadmeContract() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("## CEL rules and field-level rules");
    int start = readme.indexOf("```json", section) + "```json".length();
    String json = readme.substring(start, readme.indexOf("```", start));
    ObjectNode contract = (ObjectNode) ContractJson.mapper().readTree(json);
    String schemaText = contract.get("schema").toString();
    contract.put("schema", schemaText);
    schema = new Schema.Parser().parse(schemaText);
    MockContractRegistry.scope(SCOPE).register("customers-value",
        ContractJson.mapper().treeToValue(contract, SchemaDefinition.class));
  }

  @AfterAll
  static void drop() {
    MockContractRegistry.dropScope(SCOPE);
  }

  private static GenericRecord customer(int age, String email, String status, String ssn) {
    GenericRecord address = new GenericData.Record(schema.getField("address").schema());
    address.put("street", "12 Long Street");
    address.put("city", "Leeds");
    GenericRecord c = new GenericData.Record(schema);
    c.put("id", "c-1");
    c.put("email", email);
    c.put("age", age);
    c.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), status));
    c.put("address", address);
    c.put("phones", List.of("0113 496 0000"));
    c.put("ssn", ssn);
    return c;
  }

  private static byte[] write(GenericRecord record) {
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props("mock://" + SCOPE), false)) {
      return serializer.serialize("customers", record);
    }
  }

  @Test
  void aGoodRecordIsWrittenAndReadBackMasked() {
    byte[] bytes = write(customer(30, "ada@example.com", "ACTIVE", "123456789"));
    try (AvroContractDeserializer<GenericRecord> deserializer =
        new AvroContractDeserializer<>(props("mock://" + SCOPE), false)) {
      GenericRecord read = deserializer.deserialize("customers", bytes);
      assertEquals("XXX-om", read.get("email").toString());
      assertEquals("XXX-89", read.get("ssn").toString());
      assertEquals("XXX-00", ((List<?>) read.get("phones")).get(0).toString());
      GenericRecord address = (GenericRecord) read.get("address");
      assertEquals("XXX-et", address.get("street").toString());
      assertEquals("Leeds", address.get("city").toString());
      assertEquals("c-1", read.get("id").toString());
    }
  }

  @Test
  void eachRuleRejectsWhatItShould() {
    RuleFailedException minor = assertThrows(RuleFailedException.class,
        () -> write(customer(16, "ada@example.com", "ACTIVE", "123456789")));
    assertTrue(minor.getMessage().endsWith("customers are adults"), minor.getMessage());
    RuleFailedException noSsn = assertThrows(RuleFailedException.class,
        () -> write(customer(30, "ada@example.com", "ACTIVE", "1234")));
    assertEquals("active_have_ssn", noSsn.ruleName());
    write(customer(30, "ada@example.com", "CLOSED", "1234"));
    RuleFailedException email = assertThrows(RuleFailedException.class,
        () -> write(customer(30, "ada at example.com", "ACTIVE", "123456789")));
    assertTrue(email.getMessage().contains("(field 'crm.Customer.email')"), email.getMessage());
  }
}
