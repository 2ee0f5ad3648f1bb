package io.contractserde.avro;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.contract.SchemaReference;
import java.util.Comparator;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.SchemaFormat;
import io.contractserde.registry.ContractRegistry;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Avro format: parses {@code AVRO} contracts (named types from {@code references} first) and
 * knows the schema of GenericRecord, SpecificRecord and the Avro primitives (String or any other
 * CharSequence such as Utf8, Integer, Long, Float, Double, Boolean, byte[] and ByteBuffer), and,
 * with {@code schema.reflection}, of any other object: the schema ReflectData derives from its class.
 */
final class AvroFormat implements SchemaFormat {
  private static final Map<Class<?>, Schema> PRIMITIVES = Map.of(
      String.class, Schema.create(Schema.Type.STRING),
      Integer.class, Schema.create(Schema.Type.INT),
      Long.class, Schema.create(Schema.Type.LONG),
      Float.class, Schema.create(Schema.Type.FLOAT),
      Double.class, Schema.create(Schema.Type.DOUBLE),
      Boolean.class, Schema.create(Schema.Type.BOOLEAN),
      byte[].class, Schema.create(Schema.Type.BYTES));

  private final AvroDatumKinds kinds;

  AvroFormat(AvroDatumKinds kinds) {
    this.kinds = kinds;
  }

  @Override
  public String schemaType() {
    return "AVRO";
  }

  @Override
  public ContractSchema parse(RegisteredSchema contract, ContractRegistry registry) {
    Schema.Parser parser = new Schema.Parser();
    try {
      addReferences(parser, contract, registry, new HashSet<>());
      return new AvroContractSchema(contract, parser.parse(contract.schema()), kinds);
    } catch (SchemaParseException | NullPointerException e) {
      throw new SerializationException("Schema id " + contract.id()
          + (contract.subject() == null ? "" : " of subject '" + contract.subject() + "'")
          + " is not a valid Avro schema: " + e.getMessage(), e);
    }
  }

  private static void addReferences(Schema.Parser parser, RegisteredSchema schema, ContractRegistry registry,
      Set<String> seen) {
    for (SchemaReference ref : schema.references()) {
      if (seen.add(ref.subject() + ":" + ref.version())) {
        RegisteredSchema referenced = registry.byVersion(ref.subject(), ref.version());
        addReferences(parser, referenced, registry, seen);
        parser.parse(referenced.schema());
      }
    }
  }

  @Override
  public Object schemaKey(Object value) {
    if (value instanceof GenericContainer container) {
      return container.getSchema();
    }
    Schema primitive = PRIMITIVES.get(value instanceof ByteBuffer ? byte[].class : value.getClass());
    if (primitive == null && value instanceof CharSequence) {
      primitive = PRIMITIVES.get(String.class); // Utf8, StringBuilder, ...: a string, as in the incumbent
    }
    if (primitive == null && kinds.reflect() != null && AvroDatumKinds.isPojo(value)) {
      return kinds.reflect().getSchema(value.getClass()); // derived once per class, then cached by ReflectData
    }
    if (primitive == null) {
      throw new SerializationException("Cannot serialize a " + value.getClass().getName() + " with Avro:"
          + " give a GenericRecord, a SpecificRecord or an Avro primitive"
          + (kinds.reflect() == null ? ", or set schema.reflection=true to write POJOs" : ""));
    }
    return primitive;
  }

  @Override
  public SchemaDefinition definitionOf(Object schemaKey) {
    return SchemaDefinition.of(schemaType(), schemaKey.toString());
  }

  /** The incumbent's normalized text of the schema (see {@link AvroNormalForm}). */
  @Override
  public SchemaDefinition normalize(SchemaDefinition definition) {
    Schema schema = new Schema.Parser().setValidateDefaults(false).parse(definition.schema());
    return new SchemaDefinition(definition.schemaType(), AvroNormalForm.of(schema),
        definition.references().stream().distinct().sorted(Comparator.comparing(SchemaReference::name)
            .thenComparing(SchemaReference::subject).thenComparingInt(SchemaReference::version)).toList(),
        definition.metadata(), definition.ruleSet());
  }

  @Override
  public String recordName(Object value) {
    Schema schema = (Schema) schemaKey(value);
    return schema.getType() == Schema.Type.RECORD ? schema.getFullName() : null;
  }
}
