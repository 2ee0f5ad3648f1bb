package io.contractserde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.InvalidContractException;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.MockContractRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A schema registry for tests: the Confluent REST endpoints over real HTTP (the JDK's server),
 * backed by a {@link MockContractRegistry}, so metadata and rule sets are kept. Faults can be
 * injected: canned answers for the next requests, a delay, an outage, an auth requirement.
 *
 * <p>Endpoints: {@code GET /schemas/ids/{id}}, {@code GET /schemas/ids/{id}/versions},
 * {@code GET /schemas/guids/{guid}}, {@code GET /subjects}, {@code GET /subjects/{s}/versions},
 * {@code GET /subjects/{s}/versions/{v|latest}}, {@code GET /subjects/{s}/metadata?key=k&value=v...},
 * {@code POST /subjects/{s}/versions} (register), {@code POST /subjects/{s}} (look-up),
 * {@code DELETE /subjects/{s}/versions/{v}} (soft delete), {@code GET /config}.
 *
 * <p>Soft delete is modelled as the registry does it: a soft-deleted version is left out of
 * {@code /versions}, {@code /versions/{v}}, {@code /schemas/ids/{id}/versions}, look-ups and the
 * metadata search unless the request says {@code deleted=true}; {@code latest} skips it; the schema
 * stays readable by id.
 *
 * <p>Also {@code GET|PUT /config/{s}} (a subject's configuration, kept as sent). A registration can
 * be refused with {@link #refuseRegistrations}; one whose body carries {@code id} and {@code version}
 * is an import that keeps them.
 *
 * <p>And the DEK registry of field encryption, at the request paths of both the incumbent's Java and
 * JavaScript clients: {@code GET /dek-registry/v1/keks/{name}}, {@code POST /dek-registry/v1/keks},
 * {@code GET /dek-registry/v1/keks/{name}/deks/{subject}[/versions/{v|-1}]?algorithm=},
 * {@code POST /dek-registry/v1/keks/{name}/deks[/{subject}]}; 404 for what is missing, 409 for what
 * exists, 422 for a DEK without material. DEK timestamps come from {@link #dekClock}.
 */
public final class TestRegistryServer implements AutoCloseable {
  private final MockContractRegistry store;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-registry");
    t.setDaemon(true);
    return t;
  });
  private final Queue<int[]> cannedStatuses = new ConcurrentLinkedQueue<>();
  private final Queue<String> cannedBodies = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicReference<java.util.function.Predicate<String>> requiredAuthorization = new AtomicReference<>();
  private final AtomicInteger requestCount = new AtomicInteger();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
  private final List<String> requestBodies = new CopyOnWriteArrayList<>();
  private volatile boolean available = true;
  private final Map<String, JsonNode> subjectConfigs = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile String refusal;
  private final Map<String, ObjectNode> keks = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, java.util.TreeMap<Integer, ObjectNode>> deks = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile java.util.function.LongSupplier dekClock = System::currentTimeMillis;

  private TestRegistryServer(HttpServer server, MockContractRegistry store) {
    this.server = server;
    this.store = store;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A plain http:// registry on a free loopback port. */
  public static TestRegistryServer start() {
    try {
      return new TestRegistryServer(HttpServer.create(loopback(), 0), new MockContractRegistry("test registry"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An https:// registry using {@code tls} (see {@link TestCertificates}). */
  public static TestRegistryServer startTls(SSLContext tls) {
    return startTls(tls, false);
  }

  /** An https:// registry that, with {@code needClientAuth}, accepts only clients with a trusted certificate. */
  public static TestRegistryServer startTls(SSLContext tls, boolean needClientAuth) {
    try {
      HttpsServer server = HttpsServer.create(loopback(), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls) {
        @Override
        public void configure(HttpsParameters params) {
          SSLParameters parameters = tls.getDefaultSSLParameters();
          parameters.setNeedClientAuth(needClientAuth);
          params.setSSLParameters(parameters);
        }
      });
      return new TestRegistryServer(server, new MockContractRegistry("test registry"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /** {@code http://127.0.0.1:port} (or https). */
  public String url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://localhost:" + server.getAddress().getPort();
  }

  /** The store behind the server: register contracts here. */
  public MockContractRegistry store() {
    return store;
  }

  /** Shortcut for {@code store().register(...)}. */
  public RegisteredSchema register(String subject, SchemaDefinition definition) {
    return store.register(subject, definition);
  }

  /** Soft-deletes a version, as {@code DELETE /subjects/{subject}/versions/{version}} does. */
  public void deleteVersion(String subject, int version) {
    store.deleteVersion(subject, version);
  }

  /** The next {@code count} requests are answered with {@code status} and a registry error body. */
  public TestRegistryServer failNext(int count, int status) {
    for (int i = 0; i < count; i++) {
      cannedStatuses.add(new int[] {status});
      cannedBodies.add("{\"error_code\":" + status + "01,\"message\":\"injected fault\"}");
    }
    return this;
  }

  /** The next request is answered with {@code status} and exactly {@code body}. */
  public TestRegistryServer respondNext(int status, String body) {
    cannedStatuses.add(new int[] {status});
    cannedBodies.add(body);
    return this;
  }

  /** Every request waits this long before it is answered. */
  public TestRegistryServer delay(Duration delay) {
    this.delay.set(delay);
    return this;
  }

  /** While false, every request is answered 503. */
  public TestRegistryServer available(boolean available) {
    this.available = available;
    return this;
  }

  /** Requests without exactly this {@code Authorization} header get 401. Null: no requirement. */
  public TestRegistryServer requireAuthorization(String header) {
    this.requiredAuthorization.set(header == null ? null : header::equals);
    return this;
  }

  /** Requests whose {@code Authorization} header (null when absent) {@code accepted} refuses get 401. */
  public TestRegistryServer requireAuthorizationThat(java.util.function.Predicate<String> accepted) {
    this.requiredAuthorization.set(accepted);
    return this;
  }

  /**
   * While non-null, every registration ({@code POST /subjects/{s}/versions}) is refused with 409
   * and this message, as a registry refuses an incompatible schema.
   */
  public TestRegistryServer refuseRegistrations(String message) {
    this.refusal = message;
    return this;
  }

  /** The configuration set for {@code subject} with {@code PUT /config/{subject}}, or null. */
  public JsonNode subjectConfig(String subject) {
    return subjectConfigs.get(subject);
  }

  /** Sets a subject's configuration, as {@code PUT /config/{subject}} does. */
  public void subjectConfig(String subject, JsonNode config) {
    subjectConfigs.put(subject, config);
  }

  /** The clock that stamps new KEKs and DEKs ({@code ts}, epoch ms). */
  public TestRegistryServer dekClock(java.util.function.LongSupplier clock) {
    this.dekClock = clock;
    return this;
  }

  /** The DEKs stored under a KEK for a subject and algorithm, by version, as the registry answers them. */
  public Map<Integer, JsonNode> deks(String kekName, String subject, String algorithm) {
    synchronized (deks) {
      java.util.TreeMap<Integer, ObjectNode> versions = deks.get(kekName + "\u0000" + subject + "\u0000" + algorithm);
      return versions == null ? Map.of() : Map.copyOf(versions);
    }
  }

  /** How many requests arrived. */
  public int requestCount() {
    return requestCount.get();
  }

  /** "METHOD /path?query" of every request, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The body of every request (empty for GET), in order. */
  public List<String> requestBodies() {
    return List.copyOf(requestBodies);
  }

  /** The headers of every request, in order. */
  public List<Map<String, List<String>>> requestHeaders() {
    return List.copyOf(requestHeaders);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requestCount.incrementAndGet();
      String target = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      requests.add(target);
      requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
      byte[] requestBody = readAll(exchange.getRequestBody());
      requestBodies.add(new String(requestBody, StandardCharsets.UTF_8));
      Duration wait = delay.get();
      if (!wait.isZero()) {
        Thread.sleep(wait.toMillis());
      }
      int[] canned = cannedStatuses.poll();
      if (canned != null) {
        respond(exchange, canned[0], cannedBodies.poll());
        return;
      }
      if (!available) {
        respond(exchange, 503, error(50301, "registry unavailable (test outage)"));
        return;
      }
      java.util.function.Predicate<String> required = requiredAuthorization.get();
      if (required != null && !required.test(exchange.getRequestHeaders().getFirst("Authorization"))) {
        respond(exchange, 401, error(40101, "Unauthorized"));
        return;
      }
      route(exchange, new String(requestBody, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void route(HttpExchange exchange, String body) throws IOException {
    String method = exchange.getRequestMethod();
    List<String> path = segments(exchange.getRequestURI().getRawPath());
    Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
    try {
      if (method.equals("GET") && path.size() == 3 && path.get(0).equals("schemas") && path.get(1).equals("ids")) {
        respond(exchange, 200, idLevel(store.byId(Integer.parseInt(path.get(2)), first(query, "subject"))));
      } else if (method.equals("GET") && path.size() == 4 && path.get(0).equals("schemas") && path.get(1).equals("ids")
          && path.get(3).equals("versions")) {
        respond(exchange, 200, versionsOfId(Integer.parseInt(path.get(2)), deleted(query)));
      } else if (method.equals("GET") && path.equals(List.of("subjects"))) {
        respond(exchange, 200, ContractJson.write(store.subjects()));
      } else if (method.equals("GET") && path.size() == 3 && path.get(0).equals("schemas") && path.get(1).equals("guids")) {
        respond(exchange, 200, idLevel(store.byGuid(path.get(2))));
      } else if (method.equals("GET") && path.equals(List.of("config"))) {
        respond(exchange, 200, "{\"compatibilityLevel\":\"NONE\"}");
      } else if (method.equals("GET") && path.equals(List.of("subjects"))) {
        respond(exchange, 200, ContractJson.write(store.subjects()));
      } else if (method.equals("PUT") && path.size() == 2 && path.get(0).equals("config")) {
        JsonNode config = parse(body);
        subjectConfigs.put(path.get(1), config);
        respond(exchange, 200, config.toString());
      } else if (method.equals("GET") && path.size() == 2 && path.get(0).equals("config")) {
        JsonNode config = subjectConfigs.get(path.get(1));
        if (config == null) {
          respond(exchange, 404, error(40408, "Subject '" + path.get(1) + "' does not have subject-level config"));
        } else {
          respond(exchange, 200, config.toString());
        }
      } else if (path.size() >= 3 && path.get(0).equals("dek-registry") && path.get(2).equals("keks")) {
        dekRoute(exchange, method, path.subList(3, path.size()), query, body);
      } else if (path.size() >= 2 && path.get(0).equals("subjects")) {
        subjectRoute(exchange, method, path, query, body);
      } else {
        respond(exchange, 404, error(404, "No such endpoint " + method + " " + path));
      }
    } catch (ContractNotFoundException e) {
      int code = e.getMessage().startsWith("Subject") ? 40401
          : e.getMessage().startsWith("Version") ? 40402 : 40403;
      respond(exchange, 404, error(code, e.getMessage()));
    } catch (InvalidContractException | IllegalArgumentException e) {
      respond(exchange, 422, error(42201, e.getMessage()));
    }
  }

  private void subjectRoute(HttpExchange exchange, String method, List<String> path,
      Map<String, List<String>> query, String body) throws IOException {
    String subject = path.get(1);
    boolean deleted = deleted(query);
    if (method.equals("POST") && path.size() == 2) {
      RegisteredSchema found = store.lookup(subject, definition(body));
      respond(exchange, 200, json(found));
    } else if (method.equals("POST") && path.size() == 3 && path.get(2).equals("versions")) {
      String refused = refusal;
      if (refused != null) {
        respond(exchange, 409, error(40901, refused));
      } else {
        JsonNode request = parse(body);
        respond(exchange, 200, json(request.hasNonNull("id") && request.hasNonNull("version")
            ? store.importSchema(subject, request.get("version").asInt(), request.get("id").asInt(), definition(body))
            : store.register(subject, definition(body))));
      }
    } else if (method.equals("GET") && path.size() == 3 && path.get(2).equals("versions")) {
      List<Integer> versions = store.versions(subject).stream()
          .filter(v -> deleted || !store.isDeleted(subject, v)).toList();
      if (versions.isEmpty()) {
        throw new ContractNotFoundException("Subject '" + subject + "' not found");
      }
      respond(exchange, 200, ContractJson.write(versions));
    } else if (method.equals("GET") && path.size() == 4 && path.get(2).equals("versions")) {
      String v = path.get(3);
      RegisteredSchema s;
      if (v.equals("latest") || v.equals("-1")) {
        s = store.latest(subject);
      } else {
        int version = Integer.parseInt(v);
        s = store.byVersion(subject, version);
        if (!deleted && store.isDeleted(subject, version)) {
          throw new ContractNotFoundException("Version " + version + " of subject '" + subject + "' not found");
        }
      }
      respond(exchange, 200, json(s));
    } else if (method.equals("DELETE") && path.size() == 4 && path.get(2).equals("versions")) {
      int version = Integer.parseInt(path.get(3));
      if (store.isDeleted(subject, version)) {
        respond(exchange, 404, error(40406, "Version " + version + " of subject '" + subject + "' was already soft-deleted"));
        return;
      }
      store.deleteVersion(subject, version);
      respond(exchange, 200, String.valueOf(version));
    } else if (method.equals("GET") && path.size() == 3 && path.get(2).equals("metadata")) {
      List<String> keys = query.getOrDefault("key", List.of());
      List<String> values = query.getOrDefault("value", List.of());
      Map<String, String> wanted = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
        wanted.put(keys.get(i), values.get(i));
      }
      respond(exchange, 200, json(latestWithMetadata(subject, wanted, deleted)));
    } else {
      respond(exchange, 404, error(404, "No such endpoint " + method + " " + path));
    }
  }

  private static boolean deleted(Map<String, List<String>> query) {
    return "true".equalsIgnoreCase(first(query, "deleted"));
  }

  private RegisteredSchema latestWithMetadata(String subject, Map<String, String> wanted, boolean deleted) {
    List<Integer> versions = store.versions(subject);
    for (int i = versions.size() - 1; i >= 0; i--) {
      RegisteredSchema s = store.byVersion(subject, versions.get(i));
      if ((deleted || !store.isDeleted(subject, s.version())) && s.metadata() != null && s.metadata().matches(wanted)) {
        return s;
      }
    }
    throw new ContractNotFoundException("No version of subject '" + subject + "' has metadata " + wanted);
  }

  /** What GET /schemas/ids/{id}/versions answers: the subjects and versions holding the id. */
  private String versionsOfId(int id, boolean deleted) {
    store.byId(id, null);
    ArrayNode pairs = ContractJson.mapper().createArrayNode();
    for (String subject : store.subjects()) {
      for (int version : store.versions(subject)) {
        if (store.byVersion(subject, version).id() == id && (deleted || !store.isDeleted(subject, version))) {
          pairs.addObject().put("subject", subject).put("version", version);
        }
      }
    }
    return pairs.toString();
  }

  /** The DEK registry, after {@code /dek-registry/v1/keks}. */
  private void dekRoute(HttpExchange exchange, String method, List<String> path, Map<String, List<String>> query,
      String body) throws IOException {
    if (method.equals("POST") && path.isEmpty()) {
      ObjectNode kek = (ObjectNode) parse(body);
      String name = kek.path("name").asText();
      kek.put("shared", kek.path("shared").asBoolean(false));
      kek.put("ts", dekClock.getAsLong());
      kek.put("deleted", false);
      if (keks.putIfAbsent(name, kek) != null) {
        respond(exchange, 409, error(40971, "Key " + name + " already exists"));
      } else {
        respond(exchange, 200, kek.toString());
      }
      return;
    }
    ObjectNode kek = path.isEmpty() ? null : keks.get(path.get(0));
    if (kek == null) {
      respond(exchange, 404, error(40470, "Key not found"));
      return;
    }
    if (method.equals("GET") && path.size() == 1) {
      respond(exchange, 200, kek.toString());
    } else if (method.equals("POST") && path.size() >= 2 && path.size() <= 3 && path.get(1).equals("deks")) {
      ObjectNode dek = (ObjectNode) parse(body);
      String subject = path.size() == 3 ? path.get(2) : dek.path("subject").asText();
      int version = dek.path("version").asInt(1);
      String algorithm = dek.hasNonNull("algorithm") ? dek.get("algorithm").asText() : "AES256_GCM";
      if (!dek.hasNonNull("encryptedKeyMaterial")) {
        respond(exchange, 422, error(42271, "Invalid key: a non-shared KEK's DEK needs encryptedKeyMaterial"));
        return;
      }
      ObjectNode stored = ContractJson.mapper().createObjectNode();
      stored.put("kekName", path.get(0)).put("subject", subject).put("version", version).put("algorithm", algorithm)
          .put("encryptedKeyMaterial", dek.get("encryptedKeyMaterial").asText()).put("ts", dekClock.getAsLong())
          .put("deleted", false);
      boolean created;
      synchronized (deks) {
        created = deks.computeIfAbsent(path.get(0) + "\u0000" + subject + "\u0000" + algorithm,
            k -> new java.util.TreeMap<>()).putIfAbsent(version, stored) == null;
      }
      if (created) {
        respond(exchange, 200, stored.toString());
      } else {
        respond(exchange, 409, error(40972, "Key " + subject + " version " + version + " already exists"));
      }
    } else if (method.equals("GET") && (path.size() == 3 || path.size() == 5 && path.get(3).equals("versions"))
        && path.get(1).equals("deks")) {
      String algorithm = first(query, "algorithm") == null ? "AES256_GCM" : first(query, "algorithm");
      int version = path.size() == 5 ? Integer.parseInt(path.get(4)) : 1;
      ObjectNode dek;
      synchronized (deks) {
        java.util.TreeMap<Integer, ObjectNode> versions = deks.get(path.get(0) + "\u0000" + path.get(2) + "\u0000" + algorithm);
        dek = versions == null || versions.isEmpty() ? null
            : version == -1 ? versions.lastEntry().getValue() : versions.get(version);
      }
      if (dek == null) {
        respond(exchange, 404, error(40470, "Key not found"));
      } else {
        respond(exchange, 200, dek.toString());
      }
    } else {
      respond(exchange, 404, error(404, "No such endpoint " + method + " dek-registry " + path));
    }
  }

  private static SchemaDefinition definition(String body) {
    return ContractJson.read(body, SchemaDefinition.class);
  }

  private static String json(RegisteredSchema schema) {
    return ContractJson.write(schema);
  }

  /** What GET /schemas/ids/{id} answers: the schema without subject and version. */
  private static String idLevel(RegisteredSchema schema) {
    ObjectNode node = ContractJson.mapper().valueToTree(schema);
    node.remove("subject");
    node.remove("version");
    return node.toString();
  }

  private static String error(int code, String message) {
    ObjectNode node = ContractJson.mapper().createObjectNode();
    node.put("error_code", code);
    node.put("message", message);
    return node.toString();
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  private static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery == null) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String first(Map<String, List<String>> query, String key) {
    List<String> values = query.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Parses a JSON body, for tests that inspect what was sent. */
  public static JsonNode parse(String json) {
    try {
      return ContractJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
