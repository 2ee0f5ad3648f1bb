package io.contractserde.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.registry.ContractRegistries;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.subject.RecordNameStrategy;
import io.contractserde.subject.SubjectNameStrategy;
import io.contractserde.subject.TopicNameStrategy;
import io.contractserde.subject.TopicRecordNameStrategy;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ContractSerdeConfigTest {

  private static ContractSerdeConfig config(Object... pairs) {
    Map<String, Object> props = new HashMap<>();
    props.put(ContractSerdeConfig.SCHEMA_REGISTRY_URL, "mock://config-test");
    for (int i = 0; i < pairs.length; i += 2) {
      props.put((String) pairs[i], pairs[i + 1]);
    }
    return new ContractSerdeConfig(props);
  }

  @Test
  void defaultsAreContractFirst() {
    ContractSerdeConfig c = config();
    assertFalse(c.getBoolean(ContractSerdeConfig.AUTO_REGISTER_SCHEMAS));
    assertEquals(60L, c.getLong(ContractSerdeConfig.LATEST_CACHE_TTL_SEC));
    assertEquals(-1, c.getInt(ContractSerdeConfig.USE_SCHEMA_ID));
    assertTrue(c.useLatestWithMetadata().isEmpty());
    assertInstanceOf(TopicNameStrategy.class, c.subjectNameStrategy(false));
  }

  @Test
  void everyKeyHasADocString() {
    ConfigDef def = ContractSerdeConfig.baseConfigDef();
    def.configKeys().values().forEach(k -> assertTrue(k.documentation != null && k.documentation.length() > 10, k.name));
  }

  @Test
  void parsesUseLatestWithMetadataWithQuotes() {
    assertEquals(Map.of("major_version", "2", "owner", "team,a=b"),
        config(ContractSerdeConfig.USE_LATEST_WITH_METADATA, "major_version=2, owner='team,a=b'").useLatestWithMetadata());
    assertEquals(Map.of("application.version", "v1"),
        config(ContractSerdeConfig.USE_LATEST_WITH_METADATA, "application.version=v1").useLatestWithMetadata());
  }

  @Test
  void malformedUseLatestWithMetadataFailsAtConfigure() {
    for (String bad : new String[] {"major_version", "=2", "a=1,a=2", "a='1", ","}) {
      ConfigException e = assertThrows(ConfigException.class, () -> config(ContractSerdeConfig.USE_LATEST_WITH_METADATA, bad));
      assertTrue(e.getMessage().contains(ContractSerdeConfig.USE_LATEST_WITH_METADATA), e.getMessage());
    }
  }

  @Test
  void subjectStrategiesByShortOursOrConfluentsClassName() {
    assertInstanceOf(RecordNameStrategy.class,
        config(ContractSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "RecordNameStrategy").subjectNameStrategy(false));
    assertInstanceOf(TopicRecordNameStrategy.class, config(ContractSerdeConfig.KEY_SUBJECT_NAME_STRATEGY,
        "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy").subjectNameStrategy(true));
    assertInstanceOf(TopicNameStrategy.class, config(ContractSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
        TopicNameStrategy.class.getName()).subjectNameStrategy(false));
    assertInstanceOf(Custom.class, config(ContractSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
        Custom.class.getName()).subjectNameStrategy(false));
    assertThrows(ConfigException.class, () -> config(ContractSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "NoSuchStrategy"));
    assertThrows(ConfigException.class, () -> config(ContractSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, String.class.getName()));
  }

  @Test
  void strategiesNameSubjects() {
    assertEquals("orders-value", new TopicNameStrategy().subjectName("orders", false, "x.Order"));
    assertEquals("orders-key", new TopicNameStrategy().subjectName("orders", true, null));
    assertEquals("x.Order", new RecordNameStrategy().subjectName("orders", false, "x.Order"));
    assertEquals("orders-x.Order", new TopicRecordNameStrategy().subjectName("orders", false, "x.Order"));
    SerializationException e = assertThrows(SerializationException.class,
        () -> new RecordNameStrategy().subjectName("orders", false, null));
    assertTrue(e.getMessage().contains("'orders'"), e.getMessage());
  }

  @Test
  void passwordsAreHiddenInToString() {
    ContractSerdeConfig c = config(ContractSerdeConfig.BASIC_AUTH_USER_INFO, "alice:pa55word",
        ContractSerdeConfig.BEARER_AUTH_TOKEN, "tok-secret-1");
    assertFalse(c.toString().contains("pa55word"));
    assertFalse(c.toString().contains("tok-secret-1"));
    assertEquals("alice:pa55word", c.secret(ContractSerdeConfig.BASIC_AUTH_USER_INFO));
  }

  @Test
  void registryUrlsAreRequiredAndSchemesCannotBeMixed() {
    assertThrows(ConfigException.class, () -> new ContractSerdeConfig(Map.of()));
    assertThrows(ConfigException.class, () -> new ContractSerdeConfig(Map.of(ContractSerdeConfig.SCHEMA_REGISTRY_URL, "")));
    ConfigException mixed = assertThrows(ConfigException.class, () -> ContractRegistries.uncached(
        config(ContractSerdeConfig.SCHEMA_REGISTRY_URL, "mock://a,http://bob:hunter2@localhost:1")));
    assertTrue(mixed.getMessage().contains("cannot mix"), mixed.getMessage());
    assertFalse(mixed.getMessage().contains("hunter2"), mixed.getMessage());
    assertThrows(ConfigException.class, () -> ContractRegistries.uncached(config(ContractSerdeConfig.SCHEMA_REGISTRY_URL, "ftp://x")));
    assertInstanceOf(MockContractRegistry.class, ContractRegistries.create(config()).delegate());
  }

  @Test
  void incumbentKeysWeDoNotSupportFailAtConfigureUnlessLeftAtTheirDefault() {
    config("validation.rules.execution", "DISABLED", "bearer.auth.custom.provider.class", "");
    ConfigException e = assertThrows(ConfigException.class, () -> config("validation.rules.execution", "BEFORE_DOMAIN_RULES"));
    assertEquals("Invalid value BEFORE_DOMAIN_RULES for configuration validation.rules.execution: this setting of"
        + " Confluent's serdes is not supported by contract-serde (inline confluent:rules validation in a schema is"
        + " not run; write the checks as CEL or JSONata domain rules of the contract); remove it (see the README's"
        + " configuration section)", e.getMessage());
    assertThrows(ConfigException.class, () -> config("bearer.auth.custom.provider.class", "com.example.Tokens"));
  }

  @Test
  void theIncumbentsIdSerdeAndRegistryKeysAreAcceptedNow() {
    ContractSerdeConfig c = config("use.schema.guid", "0f2c6a55-7c53-4c8e-9c1e-6d1f7e7b1a01",
        "value.schema.id.serializer", "io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer",
        "key.schema.id.deserializer", "PrefixSchemaIdDeserializer", "normalize.schemas", true,
        "proxy.host", "proxy.example", "proxy.port", 3128, "schema.registry.url.randomize", true,
        "propagate.schema.tags", true,
        "context.name.strategy", "io.confluent.kafka.serializers.context.NullContextNameStrategy");
    assertEquals(java.util.UUID.fromString("0f2c6a55-7c53-4c8e-9c1e-6d1f7e7b1a01"), c.schemaGuid());
    assertEquals(io.contractserde.wire.SchemaIdPlacement.HEADER, c.schemaIdPlacement(false));
    assertEquals(io.contractserde.wire.SchemaIdPlacement.PREFIX, c.schemaIdPlacement(true));
    assertEquals(io.contractserde.wire.SchemaIdSource.PREFIX, c.schemaIdSource(true));
    assertEquals(io.contractserde.wire.SchemaIdSource.DUAL, c.schemaIdSource(false));
    ConfigException guid = assertThrows(ConfigException.class, () -> config("use.schema.guid", "not-a-guid"));
    assertTrue(guid.getMessage().contains("not a GUID"), guid.getMessage());
  }

  @Test
  void aContextNameStrategyPutsEverySubjectInItsContext() {
    ContractSerdeConfig c = config("context.name.strategy", Tenants.class.getName(),
        "value.subject.name.strategy", "TopicRecordNameStrategy");
    assertEquals(":.tenant-a:orders-com.example.Order",
        c.subjectNameStrategy(false).subjectName("orders", false, "com.example.Order"));
    assertEquals(":.tenant-a:orders-key", c.subjectNameStrategy(true).subjectName("orders", true, null));
    assertEquals("audit-key", c.subjectNameStrategy(true).subjectName("audit", true, null));
    ConfigException e = assertThrows(ConfigException.class,
        () -> config("context.name.strategy", "io.confluent.kafka.serializers.context.MyStrategy"));
    assertTrue(e.getMessage().contains("ContextNameStrategy"), e.getMessage());
  }

  /** Topics named audit* stay in the default context; the others go to tenant-a. */
  public static final class Tenants implements io.contractserde.subject.ContextNameStrategy {
    @Override
    public String contextName(String topic) {
      return topic.startsWith("audit") ? null : "tenant-a";
    }
  }

  /** A custom strategy, selected by class name. */
  public static final class Custom implements SubjectNameStrategy {
    @Override
    public String subjectName(String topic, boolean isKey, String recordName) {
      return "custom";
    }
  }
}
