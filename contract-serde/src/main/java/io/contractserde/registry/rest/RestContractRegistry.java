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
  private final Map<String, String> extraHeaders;
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
    this.authorization = authorization(config, urlUserInfo);
    this.extraHeaders = config.requestHeaders();
    this.readTimeout = Duration.ofMillis(config.getInt(ContractSerdeConfig.HTTP_READ_TIMEOUT_MS));
    this.maxRetries = config.getInt(ContractSerdeConfig.MAX_RETRIES);
    this.retryWaitMs = config.getInt(ContractSerdeConfig.RETRIES_WAIT_MS);
    this.retryMaxWaitMs = config.getInt(ContractSerdeConfig.RETRIES_MAX_WAIT_MS);
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofMillis(config.getInt(ContractSerdeConfig.HTTP_CONNECT_TIMEOUT_MS)));
    if (baseUrls.stream().anyMatch(u -> "https".equals(u.getScheme()))) {
      builder.sslContext(TlsSettings.sslContext(config));
    }
    this.http = builder.build();
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
    return read(get("/subjects/" + encode(subject) + "/versions/" + version, what), what);
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
    JsonNode node = get("/subjects/" + encode(subject) + "/versions", what);
    List<Integer> versions = new ArrayList<>();
    if (!node.isArray()) {
      throw new RegistryException(what + ": the registry answered " + describe(node) + ", not a list", null);
    }
    node.forEach(v -> versions.add(v.asInt()));
    return List.copyOf(versions);
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
    return read(send("POST", "/subjects/" + encode(subject), body.toString(), what), what);
  }

  @Override
  public RegisteredSchema register(String subject, SchemaDefinition definition) {
    String what = "Registration under subject '" + subject + "'";
    JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions",
        ContractJson.write(definition), what);
    RegisteredSchema registered = read(answer, what);
    if (registered.version() != null && registered.schema() != null) {
      return registered;
    }
    // Older registries answer {"id": n} only: fetch what was registered so its rules apply.
    return lookup(subject, definition);
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
          response = http.send(request(method, base, path, body), HttpResponse.BodyHandlers.ofString());
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

  private HttpRequest request(String method, URI base, String path, String body) {
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
