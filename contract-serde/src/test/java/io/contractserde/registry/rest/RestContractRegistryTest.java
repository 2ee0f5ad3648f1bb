package io.contractserde.registry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.RegistryException;
import io.contractserde.registry.RegistryUnavailableException;
import io.contractserde.testing.TestCertificates;
import io.contractserde.testing.TestRegistryServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST client against the in-test registry over real HTTP: answers, faults, auth, TLS, soft delete. */
class RestContractRegistryTest {
  static final String V1 = "{\"type\":\"record\",\"name\":\"Account\",\"fields\":[{\"name\":\"ssn\",\"type\":\"string\"}]}";
  static final String V2 = "{\"type\":\"record\",\"name\":\"Account\",\"fields\":[{\"name\":\"national_id\",\"type\":\"string\"}]}";

  private TestRegistryServer server;

  @BeforeEach
  void start() {
    server = TestRegistryServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RestContractRegistry client(String url, String... extra) {
    Map<String, Object> props = new HashMap<>();
    props.put(ContractSerdeConfig.SCHEMA_REGISTRY_URL, url);
    props.put(ContractSerdeConfig.RETRIES_WAIT_MS, 5);
    props.put(ContractSerdeConfig.RETRIES_MAX_WAIT_MS, 20);
    for (int i = 0; i < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return new RestContractRegistry(new ContractSerdeConfig(props));
  }

  private void registerAccounts() {
    server.register("accounts-value", SchemaDefinition.of("AVRO", V1)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "1"))));
    server.register("accounts-value", SchemaDefinition.of("AVRO", V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "2")))
        .withRuleSet(new RuleSet(
            List.of(Rule.of("up", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", "$")),
            List.of(Rule.of("check", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", "true").withActions(null, "DLQ")),
            null, null)));
  }

  @Test
  void everyLookUpOverRealHttpKeepsMetadataAndRules() {
    registerAccounts();
    RestContractRegistry client = client(server.url());
    RegisteredSchema latest = client.latest("accounts-value");
    assertEquals(2, latest.version());
    assertEquals("up", latest.rules().migrationRules().get(0).name());
    assertEquals("DLQ", latest.rules().domainRules().get(0).onFailure());
    RegisteredSchema byId = client.byId(latest.id(), "accounts-value");
    assertEquals(latest.schema(), byId.schema());
    assertEquals(latest.ruleSet(), byId.ruleSet());
    assertEquals(latest.id(), byId.id());
    assertEquals(latest.ruleSet(), client.byGuid(latest.guid()).ruleSet());
    assertEquals(V1, client.byVersion("accounts-value", 1).schema());
    assertEquals(List.of(1, 2), client.versions("accounts-value"));
    assertEquals(1, client.latestWithMetadata("accounts-value", Map.of("major_version", "1")).version());
    assertEquals(2, client.lookup("accounts-value", SchemaDefinition.of("AVRO", V2)).version());
    assertTrue(server.requests().contains("GET /subjects/accounts-value/metadata?deleted=true&key=major_version&value=1"),
        server.requests().toString());
  }

  private HttpResponse<String> raw(String method, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theTestRegistryModelsSoftDeleteAsTheRegistryDoes() throws Exception {
    registerAccounts();
    server.register("accounts-value", SchemaDefinition.of("AVRO", V1.replace("ssn", "tax_id")));
    assertEquals(200, raw("DELETE", "/subjects/accounts-value/versions/2").statusCode());
    assertEquals(404, raw("DELETE", "/subjects/accounts-value/versions/2").statusCode(), "deleted once");

    assertEquals("[1,3]", raw("GET", "/subjects/accounts-value/versions").body());
    assertEquals("[1,2,3]", raw("GET", "/subjects/accounts-value/versions?deleted=true").body());
    HttpResponse<String> hidden = raw("GET", "/subjects/accounts-value/versions/2");
    assertEquals(404, hidden.statusCode());
    assertTrue(hidden.body().contains("40402"), hidden.body());
    assertEquals(200, raw("GET", "/subjects/accounts-value/versions/2?deleted=true").statusCode());
    int deletedId = server.store().byVersion("accounts-value", 2).id();
    assertEquals(200, raw("GET", "/schemas/ids/" + deletedId).statusCode(), "still readable by id");
    assertEquals("[]", raw("GET", "/schemas/ids/" + deletedId + "/versions").body());
    assertEquals("[{\"subject\":\"accounts-value\",\"version\":2}]",
        raw("GET", "/schemas/ids/" + deletedId + "/versions?deleted=true").body());
    assertEquals(404, raw("GET", "/subjects/accounts-value/metadata?key=major_version&value=2").statusCode());
    assertEquals(200, raw("GET", "/subjects/accounts-value/metadata?key=major_version&value=2&deleted=true").statusCode());

    RestContractRegistry client = client(server.url());
    assertEquals(3, client.latest("accounts-value").version(), "latest skips nothing it should not");
    server.store().deleteVersion("accounts-value", 3);
    assertEquals(1, client.latest("accounts-value").version(), "latest skips soft-deleted versions");
  }

  @Test
  void theClientReadsSoftDeletedVersionsAsHistory() {
    registerAccounts();
    int v2Id = server.store().byVersion("accounts-value", 2).id();
    server.deleteVersion("accounts-value", 2);
    RestContractRegistry client = client(server.url());
    assertEquals(V2, client.byVersion("accounts-value", 2).schema());
    assertEquals(List.of(1, 2), client.versions("accounts-value"));
    assertEquals(2, client.versionOf("accounts-value", v2Id));
    assertThrows(ContractNotFoundException.class, () -> client.versionOf("other-value", v2Id));
    assertEquals(1, client.latest("accounts-value").version());
    assertTrue(server.requests().contains("GET /subjects/accounts-value/versions/2?deleted=true"), server.requests().toString());
    assertTrue(server.requests().contains("GET /schemas/ids/" + v2Id + "/versions?deleted=true"), server.requests().toString());
  }

  @Test
  void aRegistryWithoutTheVersionsOfAnIdIsAskedVersionByVersion() {
    registerAccounts();
    int v2Id = server.store().byVersion("accounts-value", 2).id();
    server.respondNext(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    assertEquals(2, client(server.url()).versionOf("accounts-value", v2Id));
  }

  @Test
  void registersAndReturnsTheRegisteredContract() {
    RestContractRegistry client = client(server.url());
    RuleSet rules = RuleSet.ofDomainRules(List.of(Rule.of("r", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", "true")));
    RegisteredSchema registered = client.register("orders value", SchemaDefinition.of("JSON", "{\"type\":\"object\"}").withRuleSet(rules));
    assertEquals(1, registered.version());
    assertEquals("JSON", registered.schemaType());
    assertEquals(rules, registered.ruleSet());
    assertEquals(registered, server.store().latest("orders value"), "subject with a space is encoded in the path");
  }

  @Test
  void anOldRegistryAnsweringOnlyTheIdIsFollowedByALookUp() {
    registerAccounts();
    int id = server.store().latest("accounts-value").id();
    server.respondNext(200, "{\"id\":" + id + "}");
    RegisteredSchema registered = client(server.url()).register("accounts-value", server.store().latest("accounts-value").definition());
    assertEquals(2, registered.version());
    assertEquals("up", registered.rules().migrationRules().get(0).name(), "the registered rules are known");
  }

  @Test
  void serverErrorsAreRetriedThenSucceed() {
    registerAccounts();
    server.failNext(2, 500);
    assertEquals(2, client(server.url()).latest("accounts-value").version());
    assertEquals(3, server.requestCount());
  }

  @Test
  void throttlingIsRetriedButOtherClientErrorsAreNot() {
    registerAccounts();
    server.failNext(1, 429);
    assertEquals(2, client(server.url()).latest("accounts-value").version());
    int before = server.requestCount();
    server.respondNext(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
    RegistryException e = assertThrows(RegistryException.class, () -> client(server.url()).latest("accounts-value"));
    assertEquals(422, e.status());
    assertEquals(42201, e.errorCode());
    assertTrue(e.getMessage().contains("Invalid schema") && e.getMessage().contains("42201"), e.getMessage());
    assertEquals(before + 1, server.requestCount(), "a 4xx is not retried");
  }

  @Test
  void persistentServerErrorsEndAfterTheConfiguredRetries() {
    server.failNext(10, 503);
    RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class,
        () -> client(server.url(), ContractSerdeConfig.MAX_RETRIES, "2").latest("accounts-value"));
    assertEquals(3, server.requestCount());
    assertTrue(e.getMessage().contains("after 3 attempt(s)") && e.getMessage().contains("503"), e.getMessage());
  }

  @Test
  void aSlowRegistryIsBoundedByTheReadTimeout() {
    registerAccounts();
    server.delay(Duration.ofSeconds(5));
    long start = System.nanoTime();
    RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class,
        () -> client(server.url(), ContractSerdeConfig.HTTP_READ_TIMEOUT_MS, "200", ContractSerdeConfig.MAX_RETRIES, "1")
            .latest("accounts-value"));
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(millis < 3000, "took " + millis + " ms");
    assertTrue(e.getMessage().contains("HttpTimeoutException"), e.getMessage());
  }

  @Test
  void statusCodesMapToKafkaExceptions() {
    server.respondNext(401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
    assertInstanceOf(AuthenticationException.class, assertThrows(RuntimeException.class, () -> client(server.url()).latest("s")));
    server.respondNext(403, "{\"error_code\":40301,\"message\":\"Forbidden\"}");
    assertInstanceOf(AuthorizationException.class, assertThrows(RuntimeException.class, () -> client(server.url()).latest("s")));
    ContractNotFoundException missing = assertThrows(ContractNotFoundException.class, () -> client(server.url()).byId(99, null));
    assertTrue(missing.getMessage().contains("Schema id 99") && missing.getMessage().contains("40403"), missing.getMessage());
    registerAccounts();
    missing = assertThrows(ContractNotFoundException.class, () -> client(server.url()).byVersion("accounts-value", 7));
    assertTrue(missing.getMessage().contains("Version 7 of subject 'accounts-value'"), missing.getMessage());
  }

  @Test
  void malformedJsonIsAClearError() {
    server.respondNext(200, "{\"schema\": \"x\", ");
    RegistryException e = assertThrows(RegistryException.class, () -> client(server.url()).latest("accounts-value"));
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    server.respondNext(200, "[1, 2]");
    e = assertThrows(RegistryException.class, () -> client(server.url()).latest("accounts-value"));
    assertTrue(e.getMessage().contains("not a schema"), e.getMessage());
  }

  @Test
  void failsOverWhenTheFirstUrlRefusesConnections() throws Exception {
    registerAccounts();
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    RestContractRegistry client = client("http://localhost:" + deadPort + "," + server.url(),
        ContractSerdeConfig.MAX_RETRIES, "0");
    assertEquals(2, client.latest("accounts-value").version());
    assertEquals(1, client.byVersion("accounts-value", 1).version());
    assertEquals(2, server.requestCount(), "the working URL is preferred after fail-over");
  }

  @Test
  void basicAuthFromUserInfoAndFromTheUrl() {
    registerAccounts();
    String expected = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret-pw".getBytes(StandardCharsets.UTF_8));
    server.requireAuthorization(expected);
    assertEquals(2, client(server.url(), ContractSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
        ContractSerdeConfig.BASIC_AUTH_USER_INFO, "alice:s3cret-pw").latest("accounts-value").version());
    String withUser = server.url().replace("://", "://alice:s3cret-pw@");
    assertEquals(2, client(withUser).latest("accounts-value").version());
    AuthenticationException wrong = assertThrows(AuthenticationException.class,
        () -> client(server.url(), ContractSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
            ContractSerdeConfig.BASIC_AUTH_USER_INFO, "alice:wrong-pw").latest("accounts-value"));
    assertFalse(wrong.getMessage().contains("wrong-pw"), wrong.getMessage());
    RegistryUnavailableException down = assertThrows(RegistryUnavailableException.class,
        () -> client(withUser.replace(":" + portOf(server.url()), ":1"), ContractSerdeConfig.MAX_RETRIES, "0").latest("x"));
    assertFalse(down.getMessage().contains("s3cret"), down.getMessage());
  }

  @Test
  void bearerTokenAndExtraHeadersAreSent() {
    registerAccounts();
    server.requireAuthorization("Bearer tok-123");
    client(server.url(), ContractSerdeConfig.BEARER_AUTH_TOKEN, "tok-123", "request.header.X-Tenant", "acme")
        .latest("accounts-value");
    Map<String, List<String>> headers = server.requestHeaders().get(0);
    assertEquals(List.of("acme"), headers.get("X-tenant"));
  }

  @Test
  void userInfoSourceWithoutUserInfoIsAConfigError() {
    assertThrows(ConfigException.class,
        () -> client(server.url(), ContractSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO"));
  }

  @Test
  void tlsWithASelfSignedCertificateInTheTrustStore(@TempDir Path dir) {
    TestCertificates good = TestCertificates.create(dir, "registry");
    TestCertificates other = TestCertificates.create(dir, "impostor");
    try (TestRegistryServer tls = TestRegistryServer.startTls(good.serverContext())) {
      tls.register("s", SchemaDefinition.of("AVRO", V1));
      RestContractRegistry trusting = client(tls.url(),
          ContractSerdeConfig.SSL_TRUSTSTORE_LOCATION, good.trustStore().toString(),
          ContractSerdeConfig.SSL_TRUSTSTORE_PASSWORD, good.password(),
          ContractSerdeConfig.SSL_TRUSTSTORE_TYPE, "PKCS12");
      assertEquals(1, trusting.latest("s").version());

      RestContractRegistry wrongTrust = client(tls.url(), ContractSerdeConfig.MAX_RETRIES, "0",
          ContractSerdeConfig.SSL_TRUSTSTORE_LOCATION, other.trustStore().toString(),
          ContractSerdeConfig.SSL_TRUSTSTORE_PASSWORD, other.password(),
          ContractSerdeConfig.SSL_TRUSTSTORE_TYPE, "PKCS12");
      RegistryUnavailableException refused = assertThrows(RegistryUnavailableException.class, () -> wrongTrust.latest("s"));
      assertTrue(refused.getMessage().contains("SSLHandshakeException"), refused.getMessage());
      assertEquals(1, tls.requestCount(), "the refused handshake never reached the handler");
    }
  }

  @Test
  void mutualTlsWithAClientCertificateFromTheKeyStore(@TempDir Path dir) {
    TestCertificates server = TestCertificates.create(dir, "registry");
    TestCertificates client = TestCertificates.create(dir, "producer");
    try (TestRegistryServer tls = TestRegistryServer.startTls(server.serverContext(client), true)) {
      tls.register("s", SchemaDefinition.of("AVRO", V1));
      String[] trust = {ContractSerdeConfig.SSL_TRUSTSTORE_LOCATION, server.trustStore().toString(),
          ContractSerdeConfig.SSL_TRUSTSTORE_PASSWORD, server.password(), ContractSerdeConfig.SSL_TRUSTSTORE_TYPE, "PKCS12",
          ContractSerdeConfig.MAX_RETRIES, "0"};
      String[] withKey = java.util.stream.Stream.concat(java.util.Arrays.stream(trust), java.util.stream.Stream.of(
          ContractSerdeConfig.SSL_KEYSTORE_LOCATION, client.keyStore().toString(),
          ContractSerdeConfig.SSL_KEYSTORE_PASSWORD, client.password(),
          ContractSerdeConfig.SSL_KEYSTORE_TYPE, "PKCS12")).toArray(String[]::new);
      assertEquals(1, client(tls.url(), withKey).latest("s").version());
      assertThrows(RegistryUnavailableException.class, () -> client(tls.url(), trust).latest("s"),
          "without a client certificate the handshake is refused");
    }
  }

  @Test
  void aWrongTrustStorePasswordIsAConfigErrorWithoutThePassword(@TempDir Path dir) {
    TestCertificates good = TestCertificates.create(dir, "registry");
    ConfigException e = assertThrows(ConfigException.class, () -> client("https://localhost:1",
        ContractSerdeConfig.SSL_TRUSTSTORE_LOCATION, good.trustStore().toString(),
        ContractSerdeConfig.SSL_TRUSTSTORE_PASSWORD, "not-the-password-42",
        ContractSerdeConfig.SSL_TRUSTSTORE_TYPE, "PKCS12"));
    assertFalse(e.getMessage().contains("not-the-password-42"), e.getMessage());
  }

  private static String portOf(String url) {
    return url.substring(url.lastIndexOf(':') + 1);
  }
}
