package io.contractserde.encryption.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * {@code hcvault}: HashiCorp Vault's transit engine over HTTP with token auth. The KEK's
 * {@code kmsKeyId} is the key's URL, {@code http(s)://host:port/<mount>/keys/<name>} (the incumbent's
 * form, e.g. {@code https://vault:8200/transit/keys/orders}); wrapping posts to
 * {@code /v1/<mount>/encrypt/<name>}, unwrapping to {@code /v1/<mount>/decrypt/<name>}, and the stored
 * wrapped DEK is Vault's {@code vault:v1:...} text. The token is the executor parameter
 * {@code token.id}, else {@code VAULT_TOKEN}; {@code namespace}, else {@code VAULT_NAMESPACE}, is sent
 * as {@code X-Vault-Namespace}. TLS uses the JVM's default trust store.
 */
public final class VaultKmsDriver implements KmsDriver {
  public static final String TYPE = "hcvault";
  public static final String TOKEN = "token.id";
  public static final String NAMESPACE = "namespace";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .version(HttpClient.Version.HTTP_1_1).build();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Aead newAead(String kmsKeyId, Map<String, ?> config) throws GeneralSecurityException {
    Secret token = Secret.from(config, TOKEN, "VAULT_TOKEN");
    if (token == null) {
      throw new GeneralSecurityException("no Vault token: set the rule executor parameter " + TOKEN
          + " (rule.executors._default_.param." + TOKEN + ") or the environment variable VAULT_TOKEN");
    }
    Object ns = config.get(NAMESPACE);
    String namespace = ns != null ? ns.toString() : System.getenv("VAULT_NAMESPACE");
    URI uri;
    try {
      uri = URI.create(kmsKeyId.startsWith("hcvault://") ? kmsKeyId.substring("hcvault://".length()) : kmsKeyId);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the Vault key id is not a URL: " + kmsKeyId);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    int keys = path.lastIndexOf("/keys/");
    if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || keys < 0
        || keys + 6 >= path.length()) {
      throw new GeneralSecurityException("the Vault key id must be http(s)://host:port/<mount>/keys/<name>, not "
          + kmsKeyId);
    }
    String base = uri.getScheme() + "://" + uri.getRawAuthority() + "/v1" + path.substring(0, keys);
    String name = path.substring(keys + 6);
    return new TransitAead(http, URI.create(base + "/encrypt/" + name), URI.create(base + "/decrypt/" + name),
        token, namespace, kmsKeyId);
  }

  /** One transit key. */
  private static final class TransitAead implements Aead {
    private final HttpClient http;
    private final URI encrypt;
    private final URI decrypt;
    private final Secret token;
    private final String namespace;
    private final String keyId;

    TransitAead(HttpClient http, URI encrypt, URI decrypt, Secret token, String namespace, String keyId) {
      this.http = http;
      this.encrypt = encrypt;
      this.decrypt = decrypt;
      this.token = token;
      this.namespace = namespace;
      this.keyId = keyId;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
      ObjectNode body = JSON.createObjectNode().put("plaintext", Base64.getEncoder().encodeToString(plaintext));
      JsonNode data = post(encrypt, body);
      String ciphertext = data.path("data").path("ciphertext").asText(null);
      if (ciphertext == null) {
        throw new GeneralSecurityException("Vault key " + keyId + ": the encrypt answer holds no ciphertext");
      }
      return ciphertext.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
      ObjectNode body = JSON.createObjectNode().put("ciphertext", new String(ciphertext, StandardCharsets.UTF_8));
      JsonNode data = post(decrypt, body);
      String plaintext = data.path("data").path("plaintext").asText(null);
      if (plaintext == null) {
        throw new GeneralSecurityException("Vault key " + keyId + ": the decrypt answer holds no plaintext");
      }
      return Base64.getDecoder().decode(plaintext);
    }

    private JsonNode post(URI uri, ObjectNode body) throws GeneralSecurityException {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .header("X-Vault-Token", token.text())
          .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
      if (namespace != null && !namespace.isEmpty()) {
        request.header("X-Vault-Namespace", namespace);
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new GeneralSecurityException("Vault key " + keyId + " cannot be reached: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GeneralSecurityException("interrupted while calling Vault");
      }
      if (response.statusCode() != 200) {
        throw new GeneralSecurityException("Vault key " + keyId + " answered " + response.statusCode()
            + errors(response.body()));
      }
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new GeneralSecurityException("Vault key " + keyId + " sent malformed JSON");
      }
    }

    private static String errors(String body) {
      try {
        JsonNode errors = JSON.readTree(body).path("errors");
        return errors.isArray() && errors.size() > 0 ? ": " + errors : "";
      } catch (IOException | RuntimeException e) {
        return "";
      }
    }

    @Override
    public String toString() {
      return "VaultTransit[" + keyId + "]";
    }
  }

  @Override
  public String toString() {
    return "VaultKmsDriver";
  }
}
