package io.contractserde.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.ContractJson;
import io.contractserde.registry.RegistryException;
import io.contractserde.registry.RegistryUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens from an OAuth token endpoint by the client-credentials grant
 * ({@code bearer.auth.credentials.source=OAUTHBEARER}), as Kafka's own OAuth login asks for them:
 * a form POST with the client id and secret as HTTP basic auth. A token is kept until
 * {@code bearer.auth.cache.expiry.buffer.seconds} before it expires (at most half its lifetime
 * early), and dropped at once when the registry answers 401. The lifetime is the answer's
 * {@code expires_in}, else the token's {@code exp} claim. Neither the secret nor a token ever
 * appears in a message or log. Thread-safe: one request fetches, the others wait for it.
 */
final class OAuthTokens {
  private static final Logger log = LoggerFactory.getLogger(OAuthTokens.class);

  private final HttpClient http;
  private final URI endpoint;
  private final String clientAuthorization;
  private final String form;
  private final long bufferNanos;
  private final Duration timeout;
  private volatile Token current;

  /** A token with the time (System.nanoTime) after which it is renewed; refreshAt MAX_VALUE: only on 401. */
  private record Token(String value, long refreshAt, long expiresAt) {
    @Override
    public String toString() {
      return "Token[redacted]";
    }
  }

  OAuthTokens(ContractSerdeConfig config, HttpClient http) {
    this.http = http;
    String url = config.getString(ContractSerdeConfig.BEARER_AUTH_ISSUER_ENDPOINT_URL);
    String clientId = config.getString(ContractSerdeConfig.BEARER_AUTH_CLIENT_ID);
    String secret = config.secret(ContractSerdeConfig.BEARER_AUTH_CLIENT_SECRET);
    if (url == null || url.isBlank() || clientId == null || clientId.isBlank() || secret == null) {
      throw new ConfigException(ContractSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE + "=OAUTHBEARER needs "
          + ContractSerdeConfig.BEARER_AUTH_ISSUER_ENDPOINT_URL + ", " + ContractSerdeConfig.BEARER_AUTH_CLIENT_ID
          + " and " + ContractSerdeConfig.BEARER_AUTH_CLIENT_SECRET);
    }
    try {
      this.endpoint = URI.create(url.trim());
      if (endpoint.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ContractSerdeConfig.BEARER_AUTH_ISSUER_ENDPOINT_URL, url, "not a URL");
    }
    this.clientAuthorization = "Basic " + Base64.getEncoder().encodeToString(
        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    String scope = config.getString(ContractSerdeConfig.BEARER_AUTH_SCOPE);
    this.form = "grant_type=client_credentials"
        + (scope == null || scope.isBlank() ? "" : "&scope=" + URLEncoder.encode(scope.trim(), StandardCharsets.UTF_8));
    this.bufferNanos = Duration.ofSeconds(config.getInt(ContractSerdeConfig.BEARER_AUTH_CACHE_EXPIRY_BUFFER_SECONDS))
        .toNanos();
    this.timeout = Duration.ofMillis(config.getInt(ContractSerdeConfig.HTTP_READ_TIMEOUT_MS));
  }

  /** The {@code Authorization} header value: the kept token, or a new one when it is due. */
  String authorization() {
    Token token = current;
    if (token == null || System.nanoTime() - token.refreshAt >= 0) {
      token = renew(token);
    }
    return "Bearer " + token.value;
  }

  /** The registry refused {@code authorization} (401): the next call fetches a new token. */
  void rejected(String authorization) {
    synchronized (this) {
      Token token = current;
      if (token != null && authorization.equals("Bearer " + token.value)) {
        current = null;
      }
    }
  }

  private synchronized Token renew(Token seen) {
    Token token = current;
    if (token != null && token != seen && System.nanoTime() - token.refreshAt < 0) {
      return token; // another thread renewed it meanwhile
    }
    try {
      Token fresh = fetch();
      current = fresh;
      return fresh;
    } catch (RuntimeException e) {
      if (token != null && System.nanoTime() - token.expiresAt < 0) {
        log.warn("Could not renew the OAuth token at {} ({}); using the current one until it expires",
            endpoint, e.getMessage());
        return token;
      }
      throw e;
    }
  }

  private Token fetch() {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Authorization", clientAuthorization)
        .header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
        .build();
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RegistryUnavailableException("OAuth token endpoint " + endpoint + " cannot be reached: "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    }
    int status = response.statusCode();
    if (status == 400 || status == 401 || status == 403) {
      throw new AuthenticationException("OAuth token endpoint " + endpoint + " refused the client credentials of "
          + ContractSerdeConfig.BEARER_AUTH_CLIENT_ID + " (" + status + ")" + oauthError(response.body()));
    }
    if (status < 200 || status >= 300) {
      throw new RegistryUnavailableException("OAuth token endpoint " + endpoint + " answered " + status, null);
    }
    JsonNode answer;
    try {
      answer = ContractJson.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new RegistryException("OAuth token endpoint " + endpoint + " sent malformed JSON", e);
    }
    String value = answer == null ? null : answer.path("access_token").asText(null);
    if (value == null || value.isBlank()) {
      throw new RegistryException("OAuth token endpoint " + endpoint + " answered without an access_token", null);
    }
    long lifetimeNanos = lifetimeNanos(answer, value);
    if (lifetimeNanos == Long.MAX_VALUE) {
      long never = start + Long.MAX_VALUE / 2;
      return new Token(value, never, never);
    }
    long early = Math.min(bufferNanos, lifetimeNanos / 2);
    return new Token(value, start + lifetimeNanos - early, start + lifetimeNanos);
  }

  /** From {@code expires_in} (seconds), else the JWT's {@code exp} claim; MAX_VALUE when neither. */
  private static long lifetimeNanos(JsonNode answer, String token) {
    JsonNode expiresIn = answer.get("expires_in");
    if (expiresIn != null && (expiresIn.isNumber() || expiresIn.isTextual())) {
      try {
        return Duration.ofMillis((long) (Double.parseDouble(expiresIn.asText()) * 1000)).toNanos();
      } catch (NumberFormatException ignored) {
        // fall through to the claim
      }
    }
    String[] parts = token.split("\\.");
    if (parts.length == 3) {
      try {
        JsonNode claims = ContractJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        if (claims.path("exp").canConvertToLong()) {
          return Math.max(0, Duration.ofSeconds(claims.path("exp").asLong()).toNanos()
              - Duration.ofMillis(System.currentTimeMillis()).toNanos());
        }
      } catch (IOException | IllegalArgumentException ignored) {
        // not a JWT
      }
    }
    return Long.MAX_VALUE;
  }

  private static String oauthError(String body) {
    try {
      JsonNode node = ContractJson.mapper().readTree(body);
      if (node != null && node.has("error")) {
        return ": " + node.path("error").asText()
            + (node.has("error_description") ? " (" + node.path("error_description").asText() + ")" : "");
      }
    } catch (IOException | RuntimeException ignored) {
      // not an OAuth error body
    }
    return "";
  }

  @Override
  public String toString() {
    return "OAuthTokens[" + endpoint + "]";
  }
}
