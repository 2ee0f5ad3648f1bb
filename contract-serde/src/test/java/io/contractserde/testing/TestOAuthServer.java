package io.contractserde.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth token endpoint for tests (the JDK's HTTP server): the client-credentials grant, for one
 * client id and secret given as HTTP basic auth, issuing opaque tokens that live {@code lifetime}.
 * {@link #accepts} tells a registry whether an {@code Authorization} header holds a live token.
 */
public final class TestOAuthServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-oauth");
    t.setDaemon(true);
    return t;
  });
  private final String expectedClient;
  private final Duration lifetime;
  private final Map<String, Long> expiries = new ConcurrentHashMap<>();
  private final AtomicInteger issued = new AtomicInteger();
  private final List<String> forms = new CopyOnWriteArrayList<>();

  private TestOAuthServer(String clientId, String secret, Duration lifetime) throws IOException {
    this.expectedClient = "Basic " + Base64.getEncoder().encodeToString(
        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    this.lifetime = lifetime;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.setExecutor(executor);
    server.start();
  }

  /** An endpoint for this client whose tokens live {@code lifetime} (whole seconds in {@code expires_in}). */
  public static TestOAuthServer start(String clientId, String secret, Duration lifetime) {
    try {
      return new TestOAuthServer(clientId, secret, lifetime);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token endpoint's URL. */
  public String url() {
    return "http://localhost:" + server.getAddress().getPort() + "/token";
  }

  /** How many tokens were issued. */
  public int issued() {
    return issued.get();
  }

  /** The form bodies of the token requests, in order. */
  public List<String> forms() {
    return List.copyOf(forms);
  }

  /** True when {@code authorization} is {@code Bearer <a token issued here that has not expired>}. */
  public boolean accepts(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    Long expiry = expiries.get(authorization.substring("Bearer ".length()));
    return expiry != null && System.nanoTime() - expiry < 0;
  }

  /** Every token issued so far stops being accepted (as a server-side revocation does). */
  public void revokeAll() {
    expiries.clear();
  }

  private void token(HttpExchange exchange) throws IOException {
    try (exchange) {
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      forms.add(form);
      if (!expectedClient.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        respond(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"unknown client\"}");
        return;
      }
      if (!form.contains("grant_type=client_credentials")) {
        respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        return;
      }
      String token = "token-" + issued.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
      expiries.put(token, System.nanoTime() + lifetime.toNanos());
      respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
          + lifetime.toSeconds() + "}");
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
    executor.shutdownNow();
  }
}
