package io.contractserde.tools;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.contract.SchemaReference;
import io.contractserde.json.JsonContractDeserializer;
import io.contractserde.json.JsonContractSerializer;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.registry.MockContractRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A private {@code mock://} scope holding one subject's versions (as subject {@value #SUBJECT}) and
 * every subject they reference, so the real serdes can write with version N and read with version
 * M: each version carries the metadata property {@value #VERSION_PROPERTY}, which
 * {@code use.latest.with.metadata} pins. Serdes are made on demand with extra properties (rule
 * overrides) and closed with the scope.
 */
final class SerdeScope implements AutoCloseable {
  static final String TOPIC = "contract-serde-tools-verify";
  static final String SUBJECT = TOPIC + "-value";
  static final String VERSION_PROPERTY = "contract-serde-tools.version";

  private final String scope = "contract-serde-tools-" + UUID.randomUUID();
  private final String schemaType;
  private final Map<String, Object> base;
  private final List<AutoCloseable> serdes = new ArrayList<>();
  private final Map<String, Serializer<Object>> serializers = new HashMap<>();
  private final Map<String, Deserializer<Object>> deserializers = new HashMap<>();

  /**
   * Fills the scope from {@code source}: referenced subjects under their names, versions 1 to the
   * highest referenced, then {@code versions}.
   *
   * @throws RuntimeException when a version cannot be registered (its rule set is invalid)
   */
  SerdeScope(ContractRegistry source, Map<Integer, RegisteredSchema> versions, Map<String, ?> userProperties) {
    this.schemaType = versions.values().iterator().next().schemaType();
    MockContractRegistry mock = MockContractRegistry.scope(scope);
    Map<String, Integer> referenced = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (RegisteredSchema contract : versions.values()) {
      collectReferences(source, contract.references(), referenced, seen);
    }
    referenced.forEach((subject, max) -> {
      for (int v = 1; v <= max; v++) {
        mock.register(subject, source.byVersion(subject, v).definition());
      }
    });
    versions.forEach((version, contract) -> {
      SchemaDefinition definition = contract.definition();
      Metadata metadata = definition.metadata();
      Map<String, String> properties = new TreeMap<>(metadata == null ? Map.of() : metadata.properties());
      properties.put(VERSION_PROPERTY, Integer.toString(version));
      mock.register(SUBJECT, definition.withMetadata(new Metadata(
          metadata == null ? null : metadata.tags(), new TreeMap<>(properties), metadata == null ? null : metadata.sensitive())));
    });
    Map<String, Object> props = new LinkedHashMap<>(userProperties);
    props.keySet().removeIf(k -> k.startsWith("use.") || k.equals(ContractSerdeConfig.AUTO_REGISTER_SCHEMAS));
    props.put(ContractSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
    this.base = props;
  }

  private static void collectReferences(ContractRegistry source, List<SchemaReference> refs, Map<String, Integer> out,
      Set<String> seen) {
    for (SchemaReference ref : refs) {
      out.merge(ref.subject(), ref.version(), Math::max);
      if (seen.add(ref.subject() + "/" + ref.version())) {
        collectReferences(source, source.byVersion(ref.subject(), ref.version()).references(), out, seen);
      }
    }
  }

  /** Writes {@code value} with {@code version}'s contract; {@code overrides} are extra serde properties. */
  byte[] write(int version, Object value, Map<String, String> overrides) {
    return serializer(version, overrides).serialize(TOPIC, value);
  }

  /** Reads a record, written by any version, as {@code version}'s reader. */
  Object read(int version, byte[] data, Map<String, String> overrides) {
    return deserializer(version, overrides).deserialize(TOPIC, data);
  }

  private Map<String, Object> props(int version, Map<String, String> overrides) {
    Map<String, Object> props = new LinkedHashMap<>(base);
    props.putAll(overrides);
    props.put(ContractSerdeConfig.USE_LATEST_WITH_METADATA, VERSION_PROPERTY + "=" + version);
    return props;
  }

  @SuppressWarnings("unchecked")
  private Serializer<Object> serializer(int version, Map<String, String> overrides) {
    return serializers.computeIfAbsent(version + " " + overrides, k -> {
      Map<String, Object> props = props(version, overrides);
      Serializer<Object> s = schemaType.equals("JSON")
          ? new JsonContractSerializer<>(props, false)
          : new AvroContractSerializer<>(props, false);
      serdes.add(s);
      return s;
    });
  }

  @SuppressWarnings("unchecked")
  private Deserializer<Object> deserializer(int version, Map<String, String> overrides) {
    return deserializers.computeIfAbsent(version + " " + overrides, k -> {
      Map<String, Object> props = props(version, overrides);
      Deserializer<Object> d = schemaType.equals("JSON")
          ? new JsonContractDeserializer<>(props, false)
          : new AvroContractDeserializer<>(props, false);
      serdes.add(d);
      return d;
    });
  }

  @Override
  public void close() {
    for (AutoCloseable serde : serdes) {
      try {
        serde.close();
      } catch (Exception ignored) {
        // best effort
      }
    }
    MockContractRegistry.dropScope(scope);
  }
}
