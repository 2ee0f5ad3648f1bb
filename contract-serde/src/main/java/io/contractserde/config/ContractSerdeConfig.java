package io.contractserde.config;

import io.contractserde.subject.ContextNameStrategies;
import io.contractserde.subject.ContextNameStrategy;
import io.contractserde.subject.SubjectNameStrategies;
import io.contractserde.subject.SubjectNameStrategy;
import io.contractserde.wire.SchemaIdPlacement;
import io.contractserde.wire.SchemaIdSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The configuration shared by every contract serde. Key names are those of Confluent's serdes
 * wherever the concept is shared, so a user swaps class names and keeps the rest.
 *
 * <p>Format modules extend {@link #baseConfigDef()} with their own keys. Structured values
 * ({@code use.latest.with.metadata}, the subject name strategies) are parsed here, at
 * {@code configure}, so a malformed value is a {@link ConfigException} before any record flows.
 */
public class ContractSerdeConfig extends AbstractConfig {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_SCHEMA_ID = "use.schema.id";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String USE_LATEST_WITH_METADATA = "use.latest.with.metadata";
  public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
  public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
  public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
  public static final String SSL_PREFIX = "schema.registry.ssl.";
  public static final String SSL_TRUSTSTORE_LOCATION = SSL_PREFIX + "truststore.location";
  public static final String SSL_TRUSTSTORE_PASSWORD = SSL_PREFIX + "truststore.password";
  public static final String SSL_TRUSTSTORE_TYPE = SSL_PREFIX + "truststore.type";
  public static final String SSL_KEYSTORE_LOCATION = SSL_PREFIX + "keystore.location";
  public static final String SSL_KEYSTORE_PASSWORD = SSL_PREFIX + "keystore.password";
  public static final String SSL_KEYSTORE_TYPE = SSL_PREFIX + "keystore.type";
  public static final String SSL_KEY_PASSWORD = SSL_PREFIX + "key.password";
  public static final String SSL_PROTOCOL = SSL_PREFIX + "protocol";
  public static final String RULE_EXECUTORS = "rule.executors";
  public static final String RULE_ACTIONS = "rule.actions";
  public static final String RULE_SERVICE_LOADER_ENABLE = "rule.service.loader.enable";
  public static final String EXECUTION_ENVIRONMENT = "execution.environment";
  public static final String MIGRATION_FAST_PATH = "migration.fast.path";
  public static final String USE_SCHEMA_GUID = "use.schema.guid";
  public static final String KEY_SCHEMA_ID_SERIALIZER = "key.schema.id.serializer";
  public static final String VALUE_SCHEMA_ID_SERIALIZER = "value.schema.id.serializer";
  public static final String KEY_SCHEMA_ID_DESERIALIZER = "key.schema.id.deserializer";
  public static final String VALUE_SCHEMA_ID_DESERIALIZER = "value.schema.id.deserializer";
  public static final String BEARER_AUTH_ISSUER_ENDPOINT_URL = "bearer.auth.issuer.endpoint.url";
  public static final String BEARER_AUTH_CLIENT_ID = "bearer.auth.client.id";
  public static final String BEARER_AUTH_CLIENT_SECRET = "bearer.auth.client.secret";
  public static final String BEARER_AUTH_SCOPE = "bearer.auth.scope";
  public static final String BEARER_AUTH_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";
  public static final String BEARER_AUTH_IDENTITY_POOL_ID = "bearer.auth.identity.pool.id";
  public static final String BEARER_AUTH_CACHE_EXPIRY_BUFFER_SECONDS = "bearer.auth.cache.expiry.buffer.seconds";
  public static final String PROXY_HOST = "proxy.host";
  public static final String PROXY_PORT = "proxy.port";
  public static final String SCHEMA_REGISTRY_URL_RANDOMIZE = "schema.registry.url.randomize";
  public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
  public static final String CONTEXT_NAME_STRATEGY = "context.name.strategy";
  public static final String PROPAGATE_SCHEMA_TAGS = "propagate.schema.tags";
  public static final String JSONATA_COMPILED = "jsonata.compiled";
  /** Prefix of extra HTTP headers sent to the registry: {@code request.header.X-Tenant=acme}. */
  public static final String REQUEST_HEADER_PREFIX = "request.header.";

  /** A fresh definition of every shared key; format modules add theirs to it. */
  public static ConfigDef baseConfigDef() {
    return new ConfigDef()
        .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
            "Where contracts come from: a comma-separated list of http(s):// URLs of a registry that"
                + " speaks the Confluent Schema Registry API (tried in order, with fail-over),"
                + " mock://<scope> for the in-memory registry shared per scope in the JVM, or"
                + " file:///path for a read-only folder of contracts. Schemes cannot be mixed.")
        .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, false, Importance.MEDIUM,
            "Serializer: register the record's schema under the subject when it is not registered."
                + " Off by default (contract-first): a subject with no contract is an error.")
        .define(USE_SCHEMA_ID, Type.INT, -1, Importance.LOW,
            "Serializer: write with the contract of this registered id (-1: not set).")
        .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM,
            "Serializer: write with the subject's latest version. Deserializer: read into the"
                + " latest version, migrating older and newer records to it.")
        .define(USE_LATEST_WITH_METADATA, Type.STRING, null, Importance.MEDIUM,
            "k1=v1,k2=v2: use the newest version whose metadata properties contain every pair,"
                + " to write with (serializer) or to read into (deserializer). Takes precedence"
                + " over use.latest.version. Values may be quoted with '.")
        .define(LATEST_CACHE_TTL_SEC, Type.LONG, 60L, ConfigDef.Range.atLeast(-1), Importance.LOW,
            "Seconds after which a cached latest / latest-with-metadata / lookup answer is"
                + " refreshed in the background; the last known answer is served meanwhile and"
                + " while the registry is unreachable; a file:// folder is read again for new"
                + " contract files on the same TTL. -1: never refresh; 0: do not cache (every"
                + " record sees the current latest version).")
        .define(MAX_SCHEMAS_PER_SUBJECT, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Capacity of each registry cache (by id, by version, latest).")
        .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, "TopicNameStrategy", Importance.MEDIUM,
            "Subject of keys: TopicNameStrategy (<topic>-key), RecordNameStrategy,"
                + " TopicRecordNameStrategy, or a SubjectNameStrategy class name.")
        .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, "TopicNameStrategy", Importance.MEDIUM,
            "Subject of values: TopicNameStrategy (<topic>-value), RecordNameStrategy,"
                + " TopicRecordNameStrategy, or a SubjectNameStrategy class name.")
        .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "URL",
            ConfigDef.CaseInsensitiveValidString.in("URL", "USER_INFO"), Importance.MEDIUM,
            "Where basic-auth credentials come from: URL (user:password@ in the registry URL) or"
                + " USER_INFO (basic.auth.user.info).")
        .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, "", Importance.MEDIUM,
            "user:password for basic auth with basic.auth.credentials.source=USER_INFO.")
        .define(BEARER_AUTH_CREDENTIALS_SOURCE, Type.STRING, "STATIC_TOKEN",
            ConfigDef.CaseInsensitiveValidString.in("STATIC_TOKEN", "OAUTHBEARER"), Importance.MEDIUM,
            "Where the bearer token comes from: STATIC_TOKEN (bearer.auth.token) or OAUTHBEARER (the"
                + " OAuth client-credentials grant at bearer.auth.issuer.endpoint.url, the token renewed"
                + " before it expires and after a 401).")
        .define(BEARER_AUTH_ISSUER_ENDPOINT_URL, Type.STRING, null, Importance.MEDIUM,
            "OAUTHBEARER: the token endpoint of the OAuth server.")
        .define(BEARER_AUTH_CLIENT_ID, Type.STRING, null, Importance.MEDIUM,
            "OAUTHBEARER: the client id, sent with the secret as HTTP basic auth to the token endpoint.")
        .define(BEARER_AUTH_CLIENT_SECRET, Type.PASSWORD, null, Importance.MEDIUM,
            "OAUTHBEARER: the client secret.")
        .define(BEARER_AUTH_SCOPE, Type.STRING, null, Importance.LOW,
            "OAUTHBEARER: the scope asked for, if any.")
        .define(BEARER_AUTH_CACHE_EXPIRY_BUFFER_SECONDS, Type.INT, 300,
            ConfigDef.Range.between(0, 3600), Importance.LOW,
            "OAUTHBEARER: a token is renewed this many seconds before it expires (at the latest at half"
                + " its lifetime, for short-lived tokens).")
        .define(BEARER_AUTH_LOGICAL_CLUSTER, Type.STRING, null, Importance.LOW,
            "With bearer auth: the registry's logical cluster, sent as header target-sr-cluster (Confluent Cloud).")
        .define(BEARER_AUTH_IDENTITY_POOL_ID, Type.STRING, null, Importance.LOW,
            "With bearer auth: the identity pool, sent as header Confluent-Identity-Pool-Id (Confluent Cloud).")
        .define(PROXY_HOST, Type.STRING, "", Importance.LOW,
            "Host of an HTTP proxy for registry requests (with proxy.port); empty: no proxy.")
        .define(PROXY_PORT, Type.INT, -1, ConfigDef.Range.between(-1, 65535), Importance.LOW,
            "Port of the HTTP proxy of proxy.host.")
        .define(SCHEMA_REGISTRY_URL_RANDOMIZE, Type.BOOLEAN, false, Importance.LOW,
            "Start with a random one of the registry URLs instead of the first, to spread clients.")
        .define(NORMALIZE_SCHEMAS, Type.BOOLEAN, false, Importance.LOW,
            "Serializer: normalize the record's schema before looking it up or registering it (and ask the"
                + " registry to normalize, ?normalize=true), so equivalent spellings find the same version.")
        .define(PROPAGATE_SCHEMA_TAGS, Type.BOOLEAN, false, Importance.LOW,
            "Serializer with auto.register.schemas: register the record's schema with the metadata tags of"
                + " the subject's latest version, so field tags set in the registry are kept.")
        .define(CONTEXT_NAME_STRATEGY, Type.STRING, "NullContextNameStrategy", Importance.LOW,
            "Schema registry context of the subjects: NullContextNameStrategy (the default context), or a"
                + " class implementing io.contractserde.subject.ContextNameStrategy; a context c turns subject s"
                + " into :.c:s.")
        .define(USE_SCHEMA_GUID, Type.STRING, null, Importance.LOW,
            "Serializer: write with the contract of this registered GUID (after use.schema.id)."
                + " Deserializer with ConfigSchemaIdDeserializer: read every record as written with it.")
        .define(KEY_SCHEMA_ID_SERIALIZER, Type.STRING, SchemaIdPlacement.PREFIX.className(), Importance.LOW,
            "Where keys carry their schema id: PrefixSchemaIdSerializer (0x00 + id before the payload) or"
                + " HeaderSchemaIdSerializer (header __key_schema_id = 0x01 + GUID, payload unframed); the"
                + " incumbent's class names are accepted as they are.")
        .define(VALUE_SCHEMA_ID_SERIALIZER, Type.STRING, SchemaIdPlacement.PREFIX.className(), Importance.LOW,
            "Where values carry their schema id: PrefixSchemaIdSerializer or HeaderSchemaIdSerializer"
                + " (header __value_schema_id).")
        .define(KEY_SCHEMA_ID_DESERIALIZER, Type.STRING, SchemaIdSource.DUAL.className(), Importance.LOW,
            "Where keys' schema ids are read: DualSchemaIdDeserializer (the header if present, else the"
                + " prefix), PrefixSchemaIdDeserializer (the prefix only) or ConfigSchemaIdDeserializer"
                + " (use.schema.id or use.schema.guid; the whole value is payload).")
        .define(VALUE_SCHEMA_ID_DESERIALIZER, Type.STRING, SchemaIdSource.DUAL.className(), Importance.LOW,
            "Where values' schema ids are read: DualSchemaIdDeserializer, PrefixSchemaIdDeserializer or"
                + " ConfigSchemaIdDeserializer.")
        .define(BEARER_AUTH_TOKEN, Type.PASSWORD, "", Importance.MEDIUM,
            "Bearer token sent to the registry; takes precedence over basic auth when set.")
        .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Registry connect timeout in milliseconds.")
        .define(HTTP_READ_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Registry response timeout in milliseconds, per attempt.")
        .define(MAX_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW,
            "Retries of a registry request after a connection error, timeout, 5xx or 429."
                + " Other 4xx answers are never retried.")
        .define(RETRIES_WAIT_MS, Type.INT, 1000, ConfigDef.Range.atLeast(0), Importance.LOW,
            "First backoff between registry retries in milliseconds; doubled per retry, with jitter.")
        .define(RETRIES_MAX_WAIT_MS, Type.INT, 20_000, ConfigDef.Range.atLeast(0), Importance.LOW,
            "Largest backoff between registry retries in milliseconds.")
        .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.LOW,
            "Trust store for https:// registries (default: the JVM's trusted CAs).")
        .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Trust store password.")
        .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "Trust store type: JKS or PKCS12.")
        .define(SSL_KEYSTORE_LOCATION, Type.STRING, null, Importance.LOW,
            "Key store with the client certificate for mutual TLS to the registry.")
        .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Key store password.")
        .define(SSL_KEYSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "Key store type: JKS or PKCS12.")
        .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW,
            "Password of the private key in the key store (default: the key store password).")
        .define(SSL_PROTOCOL, Type.STRING, "TLSv1.3", Importance.LOW, "TLS protocol for the registry.")
        .define(RULE_EXECUTORS, Type.LIST, "", Importance.LOW,
            "Names of extra rule executors. For each: rule.executors.<name>.class (class name) and"
                + " rule.executors.<name>.param.<k> parameters. Per-rule overrides use the same prefix:"
                + " rule.executors.<ruleName|_<TYPE>_|_default_>.onSuccess|onFailure|disabled.")
        .define(RULE_ACTIONS, Type.LIST, "", Importance.LOW,
            "Names of extra rule actions. For each: rule.actions.<name>.class and"
                + " rule.actions.<name>.param.<k>. ERROR and NONE are built in.")
        .define(RULE_SERVICE_LOADER_ENABLE, Type.BOOLEAN, true, Importance.LOW,
            "Also load rule executors and actions found on the class path through"
                + " java.util.ServiceLoader (the built-in JSONATA executor is found this way).")
        .define(EXECUTION_ENVIRONMENT, Type.STRING, "CLIENT",
            ConfigDef.CaseInsensitiveValidString.in("ALL", "CLIENT", "GATEWAY", "SERVER", "NONE"), Importance.LOW,
            "Where this serde runs, matched against a rule set's enableAt: a rule set enabled at"
                + " another environment (or NONE) does not run here.")
        .define(MIGRATION_FAST_PATH, Type.BOOLEAN, true, Importance.LOW,
            "Deserializer: run migrations made only of plain JSONata field renames and drops"
                + " ($merge([$sift($, function($v, $k) {$k != 'a'}), {'b': $.'a'}]) and the like, in any"
                + " spelling) as schema resolution, and other JSONata migrations as compiled code; both"
                + " give the interpreter's result much faster. false: always run migrations in the JSONata"
                + " interpreter.")
        .define(JSONATA_COMPILED, Type.BOOLEAN, true, Importance.LOW,
            "Run JSONata rules (conditions, transforms and migrations) inside the compiled subset as"
                + " compiled code, which gives the interpreter's results; others always run in the"
                + " interpreter. false: run every JSONata rule in the interpreter.");
  }

  /**
   * Keys of Confluent's serdes that this SDK does not support, with the incumbent's default: a
   * configuration that sets one to anything else fails at {@code configure} instead of being
   * silently ignored.
   */
  public static final Map<String, String> UNSUPPORTED_INCUMBENT_KEYS = Map.ofEntries(
      Map.entry("bearer.auth.custom.provider.class", ""),
      Map.entry("validation.rules.execution", "DISABLED"));

  /** Why each key of {@link #UNSUPPORTED_INCUMBENT_KEYS} is not supported, for the message at configure. */
  private static final Map<String, String> WHY_UNSUPPORTED = Map.of(
      "bearer.auth.custom.provider.class", "the incumbent's provider interface lives in its own client jar;"
          + " use bearer.auth.credentials.source=STATIC_TOKEN or OAUTHBEARER, or request.header.Authorization",
      "validation.rules.execution", "inline confluent:rules validation in a schema is not run; write the checks"
          + " as CEL or JSONata domain rules of the contract");

  private final Map<String, String> useLatestWithMetadata;
  private final SubjectNameStrategy keySubjectNameStrategy;
  private final SubjectNameStrategy valueSubjectNameStrategy;
  private final SchemaIdPlacement keyIdPlacement;
  private final SchemaIdPlacement valueIdPlacement;
  private final SchemaIdSource keyIdSource;
  private final SchemaIdSource valueIdSource;

  /** The shared configuration from serde properties. */
  public ContractSerdeConfig(Map<?, ?> props) {
    this(baseConfigDef(), props);
  }

  /** A configuration with a format module's definition (an extension of {@link #baseConfigDef()}). */
  protected ContractSerdeConfig(ConfigDef definition, Map<?, ?> props) {
    super(definition, props, false);
    rejectUnsupported(props);
    if (getList(SCHEMA_REGISTRY_URL).isEmpty()) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, "", "at least one registry URL is required");
    }
    this.useLatestWithMetadata = parseMetadataPairs(getString(USE_LATEST_WITH_METADATA));
    ContextNameStrategy contexts = ContextNameStrategies.forName(CONTEXT_NAME_STRATEGY, getString(CONTEXT_NAME_STRATEGY));
    this.keySubjectNameStrategy = ContextNameStrategies.inContext(
        SubjectNameStrategies.forName(KEY_SUBJECT_NAME_STRATEGY, getString(KEY_SUBJECT_NAME_STRATEGY)), contexts);
    this.valueSubjectNameStrategy = ContextNameStrategies.inContext(
        SubjectNameStrategies.forName(VALUE_SUBJECT_NAME_STRATEGY, getString(VALUE_SUBJECT_NAME_STRATEGY)), contexts);
    this.keyIdPlacement = SchemaIdPlacement.forName(KEY_SCHEMA_ID_SERIALIZER, getString(KEY_SCHEMA_ID_SERIALIZER));
    this.valueIdPlacement = SchemaIdPlacement.forName(VALUE_SCHEMA_ID_SERIALIZER, getString(VALUE_SCHEMA_ID_SERIALIZER));
    this.keyIdSource = SchemaIdSource.forName(KEY_SCHEMA_ID_DESERIALIZER, getString(KEY_SCHEMA_ID_DESERIALIZER));
    this.valueIdSource = SchemaIdSource.forName(VALUE_SCHEMA_ID_DESERIALIZER, getString(VALUE_SCHEMA_ID_DESERIALIZER));
    this.schemaGuid = parseGuid(getString(USE_SCHEMA_GUID));
  }

  private final java.util.UUID schemaGuid;

  private static java.util.UUID parseGuid(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return java.util.UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(USE_SCHEMA_GUID, value, "not a GUID (8-4-4-4-12 hexadecimal digits)");
    }
  }

  /** The GUID of {@code use.schema.guid}, or null when not set. */
  public java.util.UUID schemaGuid() {
    return schemaGuid;
  }

  /** Where the serializer of keys or values writes the schema id. */
  public SchemaIdPlacement schemaIdPlacement(boolean isKey) {
    return isKey ? keyIdPlacement : valueIdPlacement;
  }

  /** Where the deserializer of keys or values reads the schema id. */
  public SchemaIdSource schemaIdSource(boolean isKey) {
    return isKey ? keyIdSource : valueIdSource;
  }

  private static void rejectUnsupported(Map<?, ?> props) {
    for (Map.Entry<String, String> e : UNSUPPORTED_INCUMBENT_KEYS.entrySet()) {
      Object value = props.get(e.getKey());
      if (value != null && !String.valueOf(value).trim().equalsIgnoreCase(e.getValue())
          && !String.valueOf(value).trim().isEmpty()) {
        String why = WHY_UNSUPPORTED.get(e.getKey());
        throw new ConfigException(e.getKey(), value, "this setting of Confluent's serdes is not supported by"
            + " contract-serde" + (why == null ? "" : " (" + why + ")")
            + "; remove it (see the README's configuration section)");
      }
    }
  }

  /** The registry URLs, as given. */
  public List<String> registryUrls() {
    return getList(SCHEMA_REGISTRY_URL);
  }

  /** The parsed {@code use.latest.with.metadata} pairs, or an empty map when not set. */
  public Map<String, String> useLatestWithMetadata() {
    return useLatestWithMetadata;
  }

  /** The subject name strategy for keys or values, in the context of {@code context.name.strategy}. */
  public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
    return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
  }

  /** The password's value, or null when not set. */
  public String secret(String key) {
    Password password = getPassword(key);
    return password == null || password.value().isEmpty() ? null : password.value();
  }

  /** The extra HTTP headers of {@code request.header.*}. */
  public Map<String, String> requestHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    originalsWithPrefix(REQUEST_HEADER_PREFIX).forEach((k, v) -> headers.put(k, String.valueOf(v)));
    return Collections.unmodifiableMap(headers);
  }

  /**
   * Parses {@code k1=v1,k2=v2}: comma-separated, {@code '} as the quote character, each pair split
   * at its first {@code =}.
   */
  static Map<String, String> parseMetadataPairs(String value) {
    if (value == null || value.isBlank()) {
      return Map.of();
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String item : splitQuoted(value)) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(USE_LATEST_WITH_METADATA, value,
            "each item must be key=value, but '" + item + "' is not");
      }
      String key = item.substring(0, eq).trim();
      if (pairs.put(key, item.substring(eq + 1).trim()) != null) {
        throw new ConfigException(USE_LATEST_WITH_METADATA, value, "key '" + key + "' is given twice");
      }
    }
    if (pairs.isEmpty()) {
      throw new ConfigException(USE_LATEST_WITH_METADATA, value, "no key=value pair");
    }
    return Collections.unmodifiableMap(pairs);
  }

  private static List<String> splitQuoted(String value) {
    List<String> items = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        items.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new ConfigException(USE_LATEST_WITH_METADATA, value, "unbalanced quote '");
    }
    items.add(current.toString());
    return items;
  }
}
