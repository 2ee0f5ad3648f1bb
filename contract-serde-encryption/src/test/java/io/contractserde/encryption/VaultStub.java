package io.contractserde.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.contractserde.encryption.kms.LocalKmsDriver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HashiCorp Vault's transit engine for tests, over real HTTP (the JDK's server):
 * {@code POST /v1/transit/encrypt/<key>} and {@code /decrypt/<key>} with {@code X-Vault-Token},
 * answering {@code vault:v1:...} ciphertexts as Vault does, and 403 for another token.
 */
final class VaultStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final String token;
  private final Aead key;
  final AtomicInteger encrypts = new AtomicInteger();
  final AtomicInteger decrypts = new AtomicInteger();

  VaultStub(String token) throws Exception {
    this.token = token;
    this.key = new LocalKmsDriver().newAead("vault", Map.of(LocalKmsDriver.SECRET, "vault-stub-internal-key"));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/transit/", this::handle);
    server.start();
  }

  /** The key id of transit key {@code name}, as the incumbent's KEKs name Vault keys. */
  String keyId(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/transit/keys/" + name;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
        respond(exchange, 403, "{\"errors\":[\"permission denied\"]}");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/v1/transit/encrypt/")) {
        encrypts.incrementAndGet();
        byte[] ct = key.encrypt(Base64.getDecoder().decode(body.path("plaintext").asText()), new byte[0]);
        respond(exchange, 200, "{\"data\":{\"ciphertext\":\"vault:v1:" + Base64.getEncoder().encodeToString(ct)
            + "\",\"key_version\":1}}");
      } else if (path.startsWith("/v1/transit/decrypt/")) {
        decrypts.incrementAndGet();
        String ct = body.path("ciphertext").asText();
        if (!ct.startsWith("vault:v1:")) {
          respond(exchange, 400, "{\"errors\":[\"invalid ciphertext\"]}");
          return;
        }
        byte[] pt = key.decrypt(Base64.getDecoder().decode(ct.substring(9)), new byte[0]);
        respond(exchange, 200, "{\"data\":{\"plaintext\":\"" + Base64.getEncoder().encodeToString(pt) + "\"}}");
      } else {
        respond(exchange, 404, "{\"errors\":[]}");
      }
    } catch (java.security.GeneralSecurityException e) {
      respond(exchange, 400, "{\"errors\":[\"cipher: message authentication failed\"]}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
