package io.contractserde.json;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.contract.SchemaReference;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.SchemaFormat;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.TagPatterns;
import io.contractserde.registry.ContractRegistry;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The JSON Schema format: parses {@code JSON} contracts into compiled validators (the dialect from
 * {@code $schema}, draft-07 when absent; referenced subjects served by their reference name, no
 * remote fetching) and handles Jackson {@code JsonNode}s, {@code Map}s and POJOs. JSON values carry
 * no schema of their own.
 */
final class JsonFormat implements SchemaFormat {
  private static final String BASE = "https://contract-serde.invalid/schemas/ids/";

  private final ObjectMapper mapper;
  private final JsonDataModel model;
  private final boolean validate;
  private final Class<?> targetType;

  /**
   * @param supplied the application's own mapper, copied and used as it is set up; null for
   *     contract-serde's mapper. Either is then adjusted by {@code json.object.mapper.customizer}.
   */
  JsonFormat(JsonContractSerdeConfig config, boolean isKey, ObjectMapper supplied) {
    ObjectMapper m = supplied != null ? supplied.copy() : defaultMapper(config);
    customize(m, config);
    // Never relaxed, whoever set the mapper up: bounded nesting, one document, the stream left open.
    m.getFactory().setStreamReadConstraints(m.getFactory().streamReadConstraints().rebuild()
        .maxNestingDepth(config.getInt(JsonContractSerdeConfig.MAX_NESTING_DEPTH)).build());
    m.getFactory().configure(StreamWriteFeature.AUTO_CLOSE_TARGET.mappedFeature(), false);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.mapper = m;
    this.model = new JsonDataModel(m);
    this.validate = config.getBoolean(JsonContractSerdeConfig.FAIL_INVALID_SCHEMA);
    this.targetType = config.getClass(isKey ? JsonContractSerdeConfig.KEY_TYPE : JsonContractSerdeConfig.VALUE_TYPE);
  }

  /**
   * The incumbent's mapper, as far as it goes for reading and writing documents: the JDK 8 and Java
   * time modules, floats read as exact {@code BigDecimal}s (also in trees), dates as timestamps
   * unless {@code json.write.dates.iso8601}.
   */
  private static ObjectMapper defaultMapper(JsonContractSerdeConfig config) {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
            !config.getBoolean(JsonContractSerdeConfig.WRITE_DATES_AS_ISO8601))
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            config.getBoolean(JsonContractSerdeConfig.FAIL_UNKNOWN_PROPERTIES))
        .build();
  }

  /** The mapper this format reads and writes with, as set up. */
  ObjectMapper mapper() {
    return mapper;
  }

  private static void customize(ObjectMapper m, JsonContractSerdeConfig config) {
    Class<?> customizer = config.getClass(JsonContractSerdeConfig.OBJECT_MAPPER_CUSTOMIZER);
    if (customizer != null) {
      if (!ObjectMapperCustomizer.class.isAssignableFrom(customizer)) {
        throw new ConfigException(JsonContractSerdeConfig.OBJECT_MAPPER_CUSTOMIZER, customizer.getName(),
            "not an implementation of " + ObjectMapperCustomizer.class.getName());
      }
      try {
        ((ObjectMapperCustomizer) customizer.getDeclaredConstructor().newInstance()).customize(m);
      } catch (ReflectiveOperationException e) {
        throw new ConfigException(JsonContractSerdeConfig.OBJECT_MAPPER_CUSTOMIZER, customizer.getName(),
            "cannot be instantiated with a public no-argument constructor: " + e);
      }
    }
  }

  @Override
  public String schemaType() {
    return "JSON";
  }

  @Override
  public ContractSchema parse(RegisteredSchema contract, ContractRegistry registry) {
    JsonNode schemaNode;
    try {
      schemaNode = mapper.readTree(contract.schema());
    } catch (JsonProcessingException e) {
      throw new SerializationException("Schema id " + contract.id() + " is not valid JSON: " + e.getOriginalMessage());
    }
    String base = BASE + contract.id();
    Map<String, String> references = new HashMap<>();
    collectReferences(contract, registry, base, references);
    SpecificationVersion version = SpecificationVersion.fromSchemaNode(schemaNode).orElse(SpecificationVersion.DRAFT_7);
    try {
      SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(version, builder -> builder
          .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
          .schemas(references::get));
      Schema validator = schemas.getSchema(SchemaLocation.of(base), schemaNode);
      validator.initializeValidators();
      FieldShape shape = JsonFieldShapes.of(schemaNode, parsed(references), TagPatterns.of(contract), mapper);
      return new JsonContractSchema(contract, schemaNode, validator, shape, mapper, model, validate, targetType);
    } catch (RuntimeException e) {
      throw new SerializationException("Schema id " + contract.id() + " is not a usable JSON Schema: " + e.getMessage(), e);
    }
  }

  private Map<String, JsonNode> parsed(Map<String, String> references) {
    Map<String, JsonNode> byText = new HashMap<>();
    Map<String, JsonNode> out = new HashMap<>();
    references.forEach((name, text) -> out.put(name, byText.computeIfAbsent(text, t -> {
      try {
        return mapper.readTree(t);
      } catch (JsonProcessingException e) {
        throw new SerializationException("A referenced schema is not valid JSON: " + e.getOriginalMessage());
      }
    })));
    return out;
  }

  /** Each referenced schema under its reference name, as given and as resolved against the base. */
  private static void collectReferences(RegisteredSchema schema, ContractRegistry registry, String base,
      Map<String, String> out) {
    for (SchemaReference ref : schema.references()) {
      if (out.containsKey(ref.name())) {
        continue;
      }
      RegisteredSchema referenced = registry.byVersion(ref.subject(), ref.version());
      out.put(ref.name(), referenced.schema());
      out.put(URI.create(base).resolve(ref.name()).toString(), referenced.schema());
      collectReferences(referenced, registry, base, out);
    }
  }

  @Override
  public Object schemaKey(Object value) {
    return null;
  }

  @Override
  public SchemaDefinition definitionOf(Object schemaKey) {
    throw new UnsupportedOperationException("JSON values carry no schema of their own");
  }

  /**
   * The incumbent's normalized text of a JSON Schema: compact JSON with every object's keys in
   * alphabetical order; references sorted and without duplicates.
   */
  @Override
  public SchemaDefinition normalize(SchemaDefinition definition) {
    JsonNode tree;
    try {
      tree = io.contractserde.contract.ContractJson.mapper().readTree(definition.schema());
    } catch (JsonProcessingException e) {
      throw new SerializationException("The JSON Schema to normalize is not JSON: " + e.getOriginalMessage(), e);
    }
    return new SchemaDefinition(definition.schemaType(), sorted(tree).toString(),
        definition.references().stream().distinct().sorted(java.util.Comparator.comparing(
            SchemaReference::name)
            .thenComparing(SchemaReference::subject)
            .thenComparingInt(SchemaReference::version)).toList(),
        definition.metadata(), definition.ruleSet());
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode out =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      java.util.List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      names.forEach(n -> out.set(n, sorted(node.get(n))));
      return out;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      node.forEach(v -> out.add(sorted(v)));
      return out;
    }
    return node;
  }

  @Override
  public String recordName(Object value) {
    return null;
  }
}
