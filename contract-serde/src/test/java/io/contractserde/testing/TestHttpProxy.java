package io.contractserde.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A forwarding HTTP proxy for tests: it takes requests in absolute form
 * ({@code GET http://host:port/path}), sends them on without a proxy, and answers with what came
 * back. It remembers the URIs it forwarded. Plain http:// only (no CONNECT).
 */
public final class TestHttpProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "proxy-connection",
      "keep-alive", "upgrade", "te", "transfer-encoding");
  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<String> forwarded = new CopyOnWriteArrayList<>();

  private TestHttpProxy() throws IOException {
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  /** A proxy on a free loopback port. */
  public static TestHttpProxy start() {
    try {
      return new TestHttpProxy();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The proxy's port (its host is localhost). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The absolute URIs of every request forwarded, in order. */
  public List<String> forwarded() {
    return List.copyOf(forwarded);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI target = exchange.getRequestURI();
      if (target.getScheme() == null) {
        respond(exchange, 400, "not a proxy request: " + target);
        return;
      }
      forwarded.add(exchange.getRequestMethod() + " " + target);
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request = HttpRequest.newBuilder(target).method(exchange.getRequestMethod(),
          body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase())) {
          values.forEach(v -> request.header(name, v));
        }
      });
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
      exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
      if (response.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
