package io.contractserde.registry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.ContractRegistries;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.registry.RegistryException;
import io.contractserde.registry.RegistryUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ContractRegistry} over the Confluent Schema Registry REST API.
 *
 * <p>Each request goes to the URL that last answered; a connection error, timeout, 5xx or 429
 * moves on to the next URL, and when every URL has failed the round is retried after an
 * exponential backoff with jitter, up to {@code max.retries} times. Other 4xx answers are final:
 * 401 and 403 become Kafka's {@link AuthenticationException} / {@link AuthorizationException}, 404
 * a {@link ContractNotFoundException} naming what is missing.
 *
 * <p>Versions by number, the version list and the versions of an id are asked with
 * {@code deleted=true}, as the incumbent asks for the versions a migration walks across: a
 * soft-deleted version is history that records were written with.
 *
 * <p>With {@code bearer.auth.credentials.source=OAUTHBEARER} the token comes from the OAuth
 * client-credentials grant and a 401 renews it once before the answer counts. {@code proxy.host}
 * / {@code proxy.port} route every request through an HTTP proxy; {@code schema.registry.url.randomize}
 * starts at a random URL; {@code normalize.schemas} adds {@code ?normalize=true} to look-ups and
 * registrations, and {@code propagate.schema.tags} asks registrations to keep the previous
 * version's tags, as the incumbent's client does.
 */
public final class RestContractRegistry implements ContractRegistry {
  private static final Logger log = LoggerFactory.getLogger(RestContractRegistry.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final List<URI> baseUrls;
  private final HttpClient http;
  private final Duration readTimeout;
  private final int maxRetries;
  private final long retryWaitMs;
  private final long retryMaxWaitMs;
  private final String authorization;
  private final OAuthTokens oauth;
  private final Map<String, String> extraHeaders;
  private final String normalizeQuery;
  private final boolean propagateSchemaTags;
  private final AtomicInteger preferred = new AtomicInteger();

  /** A client configured from serde properties. */
  public RestContractRegistry(ContractSerdeConfig config) {
    List<URI> urls = new ArrayList<>();
    String urlUserInfo = null;
    for (String url : config.registryUrls()) {
      URI uri = parse(url);
      if (uri.getRawUserInfo() != null && urlUserInfo == null) {
        urlUserInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
      }
      urls.add(baseUrl(uri));
    }
    this.baseUrls = List.copyOf(urls);
    if (config.getBoolean(ContractSerdeConfig.SCHEMA_REGISTRY_URL_RANDOMIZE)) {
      preferred.set(ThreadLocalRandom.current().nextInt(baseUrls.size()));
    }
    boolean oauthBearer = "OAUTHBEARER".equalsIgnoreCase(
        config.getString(ContractSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE).trim());
    this.authorization = oauthBearer ? null : authorization(config, urlUserInfo);
    Map<String, String> headers = new java.util.LinkedHashMap<>(config.requestHeaders());
    if (oauthBearer || (authorization != null && authorization.startsWith("Bearer "))) {
      putIfSet(headers, "target-sr-cluster", config.getString(ContractSerdeConfig.BEARER_AUTH_LOGICAL_CLUSTER));
      putIfSet(headers, "Confluent-Identity-Pool-Id", config.getString(ContractSerdeConfig.BEARER_AUTH_IDENTITY_POOL_ID));
    }
    this.extraHeaders = Map.copyOf(headers);
    this.normalizeQuery = config.getBoolean(ContractSerdeConfig.NORMALIZE_SCHEMAS) ? "?normalize=true" : "";
    this.propagateSchemaTags = config.getBoolean(ContractSerdeConfig.PROPAGATE_SCHEMA_TAGS);
    this.readTimeout = Duration.ofMillis(config.getInt(ContractSerdeConfig.HTTP_READ_TIMEOUT_MS));
    this.maxRetries = config.getInt(ContractSerdeConfig.MAX_RETRIES);
    this.retryWaitMs = config.getInt(ContractSerdeConfig.RETRIES_WAIT_MS);
    this.retryMaxWaitMs = config.getInt(ContractSerdeConfig.RETRIES_MAX_WAIT_MS);
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofMillis(config.getInt(ContractSerdeConfig.HTTP_CONNECT_TIMEOUT_MS)));
    if (baseUrls.stream().anyMatch(u -> "https".equals(u.getScheme()))
        || oauthBearer && String.valueOf(config.getString(ContractSerdeConfig.BEARER_AUTH_ISSUER_ENDPOINT_URL))
            .trim().toLowerCase(Locale.ROOT).startsWith("https:")) {
      builder.sslContext(TlsSettings.sslContext(config));
    }
    String proxyHost = config.getString(ContractSerdeConfig.PROXY_HOST);
    if (proxyHost != null && !proxyHost.isBlank()) {
      int proxyPort = config.getInt(ContractSerdeConfig.PROXY_PORT);
      if (proxyPort <= 0) {
        throw new ConfigException(ContractSerdeConfig.PROXY_PORT, proxyPort,
            "a port is needed with " + ContractSerdeConfig.PROXY_HOST);
      }
      builder.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(proxyHost.trim(), proxyPort)));
    }
    this.http = builder.build();
    this.oauth = oauthBearer ? new OAuthTokens(config, http) : null;
  }

  private static void putIfSet(Map<String, String> headers, String name, String value) {
    if (value != null && !value.isBlank()) {
      headers.put(name, value.trim());
    }
  }

  private static URI parse(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      // The URL may hold credentials: name only what is wrong, not the value.
      throw new ConfigException("Invalid registry URL in " + ContractSerdeConfig.SCHEMA_REGISTRY_URL
          + ": " + ContractRegistries.withoutUserInfo(e.getMessage()));
    }
  }

  private static URI baseUrl(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(uri.getScheme() + "://" + uri.getHost()
        + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path);
  }

  private static String authorization(ContractSerdeConfig config, String urlUserInfo) {
    String token = config.secret(ContractSerdeConfig.BEARER_AUTH_TOKEN);
    if (token != null) {
      return "Bearer " + token;
    }
    String source = config.getString(ContractSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE).toUpperCase(Locale.ROOT);
    String userInfo = "USER_INFO".equals(source)
        ? config.secret(ContractSerdeConfig.BASIC_AUTH_USER_INFO)
        : urlUserInfo;
    if ("USER_INFO".equals(source) && userInfo == null) {
      throw new ConfigException(ContractSerdeConfig.BASIC_AUTH_USER_INFO
          + " must be set (user:password) when " + ContractSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE
          + "=USER_INFO");
    }
    return userInfo == null
        ? null
        : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public RegisteredSchema byId(int id, String subject) {
    String query = subject == null ? "" : "?subject=" + encode(subject);
    RegisteredSchema s = read(get("/schemas/ids/" + id + query, "Schema id " + id), "schema id " + id);
    return new RegisteredSchema(null, null, id, s.guid(), s.schemaType(), s.schema(), s.references(),
        s.metadata(), s.ruleSet());
  }

  @Override
  public RegisteredSchema byGuid(String guid) {
    return read(get("/schemas/guids/" + encode(guid), "Schema guid " + guid), "schema guid " + guid);
  }

  @Override
  public RegisteredSchema byVersion(String subject, int version) {
    String what = "Version " + version + " of subject '" + subject + "'";
    return read(get("/subjects/" + encode(subject) + "/versions/" + version + "?deleted=true", what), what);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    String what = "Latest version of subject '" + subject + "'";
    return read(get("/subjects/" + encode(subject) + "/versions/latest", what), what);
  }

  @Override
  public RegisteredSchema latestWithMetadata(String subject, Map<String, String> properties) {
    StringBuilder query = new StringBuilder("?deleted=true");
    properties.forEach((k, v) -> query.append("&key=").append(encode(k)).append("&value=").append(encode(v)));
    String what = "Latest version of subject '" + subject + "' with metadata " + properties;
    return read(get("/subjects/" + encode(subject) + "/metadata" + query, what), what);
  }

  @Override
  public List<Integer> versions(String subject) {
    String what = "Versions of subject '" + subject + "'";
    JsonNode node = get("/subjects/" + encode(subject) + "/versions?deleted=true", what);
    List<Integer> versions = new ArrayList<>();
    if (!node.isArray()) {
      throw new RegistryException(what + ": the registry answered " + describe(node) + ", not a list", null);
    }
    node.forEach(v -> versions.add(v.asInt()));
    return List.copyOf(versions);
  }

  /**
   * Asks {@code GET /schemas/ids/{id}/versions?deleted=true}; a registry without that endpoint (a
   * 404) is asked version by version instead.
   */
  @Override
  public int versionOf(String subject, int id) {
    String what = "Versions of schema id " + id;
    JsonNode node;
    try {
      node = get("/schemas/ids/" + id + "/versions?deleted=true", what);
    } catch (ContractNotFoundException e) {
      return ContractRegistry.super.versionOf(subject, id);
    }
    if (!node.isArray()) {
      throw new RegistryException(what + ": the registry answered " + describe(node) + ", not a list", null);
    }
    int newest = -1;
    for (JsonNode pair : node) {
      if (subject.equals(pair.path("subject").asText(null)) && pair.path("version").canConvertToInt()) {
        newest = Math.max(newest, pair.path("version").asInt());
      }
    }
    if (newest < 0) {
      throw new ContractNotFoundException("Schema id " + id + " is not registered under subject '" + subject
          + "' in registry " + baseUrls.get(preferred.get()));
    }
    return newest;
  }

  @Override
  public RegisteredSchema lookup(String subject, SchemaDefinition definition) {
    String what = "Schema under subject '" + subject + "'";
    ObjectNode body = ContractJson.mapper().createObjectNode();
    body.put("schema", definition.schema());
    body.put("schemaType", definition.schemaType());
    if (!definition.references().isEmpty()) {
      body.set("references", ContractJson.mapper().valueToTree(definition.references()));
    }
    return read(send("POST", "/subjects/" + encode(subject) + normalizeQuery, body.toString(), what), what);
  }

  @Override
  public RegisteredSchema register(String subject, SchemaDefinition definition) {
    String what = "Registration under subject '" + subject + "'";
    String body = ContractJson.write(definition);
    if (propagateSchemaTags) {
      ObjectNode request = (ObjectNode) ContractJson.mapper().valueToTree(definition);
      request.put("propagateSchemaTags", true);
      body = request.toString();
    }
    JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions" + normalizeQuery, body, what);
    RegisteredSchema registered = read(answer, what);
    if (registered.version() != null && registered.schema() != null) {
      return registered;
    }
    // Older registries answer {"id": n} only: fetch what was registered so its rules apply.
    return lookup(subject, definition);
  }

  /**
   * The names of the registry's subjects ({@code GET /subjects}). For tools that pull contracts
   * (contract-serde-tools); the serdes never list subjects.
   */
  public List<String> subjects() {
    JsonNode node = get("/subjects", "Subjects");
    List<String> subjects = new ArrayList<>();
    node.forEach(s -> subjects.add(s.asText()));
    return List.copyOf(subjects);
  }

  /**
   * The subject's own configuration ({@code GET /config/{subject}}, such as
   * {@code compatibilityGroup}), or empty when the subject has none. For tools (contract-serde-tools).
   */
  public Optional<JsonNode> subjectConfig(String subject) {
    try {
      return Optional.of(get("/config/" + encode(subject) + "?defaultToGlobal=false",
          "Configuration of subject '" + subject + "'"));
    } catch (ContractNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Sets the subject's configuration ({@code PUT /config/{subject}}) and returns the registry's
   * answer. For tools that publish contract folders (contract-serde-tools).
   */
  public JsonNode updateSubjectConfig(String subject, JsonNode config) {
    return send("PUT", "/config/" + encode(subject), config.toString(),
        "Configuration of subject '" + subject + "'");
  }

  /**
   * Registers {@code definition} under {@code subject} with the given version and id, for a
   * registry (or subject) in IMPORT mode; used by contract-serde-tools' {@code publish --import} to
   * keep a folder's ids.
   */
  public RegisteredSchema importSchema(String subject, int version, int id, SchemaDefinition definition) {
    String what = "Import of version " + version + " (id " + id + ") under subject '" + subject + "'";
    ObjectNode body = ContractJson.mapper().valueToTree(definition);
    body.put("version", version);
    body.put("id", id);
    RegisteredSchema registered = read(send("POST", "/subjects/" + encode(subject) + "/versions",
        body.toString(), what), what);
    return registered.version() != null && registered.schema() != null ? registered : byVersion(subject, version);
  }

  /**
   * Sends a request to another API of the same registry (the DEK registry's {@code /dek-registry/v1/...})
   * with this client's URLs, credentials, TLS, retries and fail-over; {@code body} null is a GET.
   *
   * @throws ContractNotFoundException on 404
   * @throws RegistryException with the status on other 4xx answers, such as 409
   */
  public JsonNode call(String method, String path, String body, String what) {
    return send(method, path, body, what);
  }

  private JsonNode get(String path, String what) {
    return send("GET", path, null, what);
  }

  private static RegisteredSchema read(JsonNode node, String what) {
    try {
      return ContractJson.mapper().treeToValue(node, RegisteredSchema.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new RegistryException(what + ": the registry's answer is not a schema: " + e.getMessage(), e);
    }
  }

  private JsonNode send(String method, String path, String body, String what) {
    Exception lastFailure = null;
    String lastProblem = null;
    for (int attempt = 0; ; attempt++) {
      int start = preferred.get();
      for (int i = 0; i < baseUrls.size(); i++) {
        int index = (start + i) % baseUrls.size();
        URI base = baseUrls.get(index);
        HttpResponse<String> response;
        try {
          response = exchange(method, base, path, body);
        } catch (IOException e) {
          lastFailure = e;
          lastProblem = base + ": " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage());
          log.debug("Registry request {} {} failed: {}", method, base, lastProblem);
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptException(e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
          lastFailure = null;
          lastProblem = base + " answered " + status + errorText(response.body());
          continue;
        }
        preferred.set(index);
        return handle(response, base, what);
      }
      if (attempt >= maxRetries) {
        throw new RegistryUnavailableException(what + ": registry unavailable after "
            + (attempt + 1) + " attempt(s); last problem: " + lastProblem, lastFailure);
      }
      sleep(backoff(attempt));
    }
  }

  /** One request; with OAuth, a 401 renews the token and sends the request once more. */
  private HttpResponse<String> exchange(String method, URI base, String path, String body)
      throws IOException, InterruptedException {
    String auth = oauth != null ? oauth.authorization() : authorization;
    HttpResponse<String> response = http.send(request(method, base, path, body, auth), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 401 && oauth != null) {
      oauth.rejected(auth);
      response = http.send(request(method, base, path, body, oauth.authorization()), HttpResponse.BodyHandlers.ofString());
    }
    return response;
  }

  private HttpRequest request(String method, URI base, String path, String body, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(readTimeout)
        .header("Accept", CONTENT_TYPE + ", application/json");
    extraHeaders.forEach(builder::header);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (body == null) {
      builder.GET();
    } else {
      builder.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  private static JsonNode handle(HttpResponse<String> response, URI base, String what) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        return ContractJson.mapper().readTree(response.body());
      } catch (JsonProcessingException e) {
        throw new RegistryException(what + ": registry " + base + " sent malformed JSON ("
            + e.getOriginalMessage() + ")", e);
      }
    }
    String error = errorText(response.body());
    switch (status) {
      case 401 -> throw new AuthenticationException(
          what + ": registry " + base + " rejected the credentials (401)" + error);
      case 403 -> throw new AuthorizationException(
          what + ": registry " + base + " denied access (403)" + error);
      case 404 -> throw new ContractNotFoundException(what + " not found in registry " + base + error);
      default -> throw new RegistryException(what + ": registry " + base + " answered " + status + error,
          status, errorCode(response.body()));
    }
  }

  /** The registry's {@code error_code} and {@code message}, for an exception message. */
  private static String errorText(String body) {
    try {
      JsonNode node = ContractJson.mapper().readTree(body);
      if (node != null && node.has("message")) {
        return ": " + node.path("message").asText() + " (error code " + node.path("error_code").asInt() + ")";
      }
    } catch (JsonProcessingException | RuntimeException ignored) {
      // not the registry's error format
    }
    return "";
  }

  private static int errorCode(String body) {
    try {
      return ContractJson.mapper().readTree(body).path("error_code").asInt(-1);
    } catch (JsonProcessingException | RuntimeException e) {
      return -1;
    }
  }

  private static String describe(JsonNode node) {
    String text = String.valueOf(node);
    return text.length() > 100 ? text.substring(0, 100) + "..." : text;
  }

  long backoff(int attempt) {
    long exp = retryWaitMs << Math.min(attempt, 20);
    long capped = Math.min(retryMaxWaitMs, exp);
    // Full jitter over the upper half: spreads retries of many clients, never waits longer than the cap.
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "RestContractRegistry" + baseUrls;
  }
}
