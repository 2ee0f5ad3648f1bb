package io.contractserde.registry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.testing.TestHttpProxy;
import io.contractserde.testing.TestOAuthServer;
import io.contractserde.testing.TestRegistryServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the REST client reaches a registry as the incumbent does: OAuth client credentials with
 * renewal before expiry and after a 401, the Confluent Cloud headers, an HTTP proxy, a randomized
 * first URL, and the {@code normalize} and {@code propagateSchemaTags} flags of look-ups and
 * registrations. Every part is real HTTP on loopback.
 */
class RegistryAccessTest {
  static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Account\",\"fields\":[{\"name\":\"ssn\",\"type\":\"string\"}]}";
  private TestRegistryServer server;

  @BeforeEach
  void start() {
    server = TestRegistryServer.start();
    server.register("accounts-value", SchemaDefinition.of("AVRO", SCHEMA));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static RestContractRegistry client(Object... pairs) {
    Map<String, Object> props = new HashMap<>();
    props.put(ContractSerdeConfig.RETRIES_WAIT_MS, 5);
    props.put(ContractSerdeConfig.RETRIES_MAX_WAIT_MS, 20);
    for (int i = 0; i < pairs.length; i += 2) {
      props.put((String) pairs[i], pairs[i + 1]);
    }
    return new RestContractRegistry(new ContractSerdeConfig(props));
  }

  private Object[] oauth(TestOAuthServer tokens, Object... more) {
    Object[] base = {"schema.registry.url", server.url(), "bearer.auth.credentials.source", "OAUTHBEARER",
        "bearer.auth.issuer.endpoint.url", tokens.url(), "bearer.auth.client.id", "app",
        "bearer.auth.client.secret", "s3cr3t-canary", "bearer.auth.scope", "schema_registry read",
        "bearer.auth.cache.expiry.buffer.seconds", 0};
    Object[] all = new Object[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void oauthClientCredentialsFetchATokenOnceAndSendItWithTheCloudHeaders() {
    try (TestOAuthServer tokens = TestOAuthServer.start("app", "s3cr3t-canary", Duration.ofSeconds(60))) {
      server.requireAuthorizationThat(tokens::accepts);
      RestContractRegistry client = client(oauth(tokens, "bearer.auth.logical.cluster", "lsrc-abc12",
          "bearer.auth.identity.pool.id", "pool-Xyz9"));
      for (int i = 0; i < 5; i++) {
        assertEquals(SCHEMA, client.latest("accounts-value").schema());
      }
      assertEquals(1, tokens.issued());
      assertEquals(List.of("grant_type=client_credentials&scope=schema_registry+read"), tokens.forms());
      Map<String, List<String>> headers = server.requestHeaders().get(0);
      assertEquals(List.of("lsrc-abc12"), headers.get("Target-sr-cluster"));
      assertEquals(List.of("pool-Xyz9"), headers.get("Confluent-identity-pool-id"));
      assertFalse(client.toString().contains("s3cr3t"), client.toString());
    }
  }

  @Test
  void anExpiredTokenIsRenewedBeforeTheRequest() throws InterruptedException {
    try (TestOAuthServer tokens = TestOAuthServer.start("app", "s3cr3t-canary", Duration.ofSeconds(1))) {
      server.requireAuthorizationThat(tokens::accepts);
      RestContractRegistry client = client(oauth(tokens));
      client.latest("accounts-value");
      Thread.sleep(1100);
      client.latest("accounts-value");
      assertEquals(2, tokens.issued());
      assertEquals(2, server.requestCount(), "renewed before the request, not after a 401");
    }
  }

  @Test
  void aRevokedTokenIsRenewedAfterA401AndTheRequestSucceeds() {
    try (TestOAuthServer tokens = TestOAuthServer.start("app", "s3cr3t-canary", Duration.ofSeconds(600))) {
      server.requireAuthorizationThat(tokens::accepts);
      RestContractRegistry client = client(oauth(tokens));
      client.latest("accounts-value");
      tokens.revokeAll();
      assertEquals(SCHEMA, client.latest("accounts-value").schema());
      assertEquals(2, tokens.issued());
      assertEquals(3, server.requestCount(), "one 401, then the same request with a new token");
    }
  }

  @Test
  void wrongClientCredentialsFailAsAnAuthenticationErrorWithoutTheSecret() {
    try (TestOAuthServer tokens = TestOAuthServer.start("app", "another-secret", Duration.ofSeconds(60))) {
      RestContractRegistry client = client(oauth(tokens));
      AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.latest("accounts-value"));
      assertEquals("OAuth token endpoint " + tokens.url() + " refused the client credentials of"
          + " bearer.auth.client.id (401): invalid_client (unknown client)", e.getMessage());
      assertEquals(0, server.requestCount());
    }
  }

  @Test
  void oauthWithoutAnEndpointFailsAtConfigure() {
    ConfigException e = assertThrows(ConfigException.class, () -> client("schema.registry.url", server.url(),
        "bearer.auth.credentials.source", "OAUTHBEARER", "bearer.auth.client.id", "app"));
    assertTrue(e.getMessage().contains("bearer.auth.issuer.endpoint.url"), e.getMessage());
  }

  @Test
  void aStaticBearerTokenAlsoCarriesTheCloudHeaders() {
    server.requireAuthorization("Bearer static-1");
    RestContractRegistry client = client("schema.registry.url", server.url(), "bearer.auth.token", "static-1",
        "bearer.auth.logical.cluster", "lsrc-1");
    client.latest("accounts-value");
    assertEquals(List.of("lsrc-1"), server.requestHeaders().get(0).get("Target-sr-cluster"));
  }

  @Test
  void requestsGoThroughTheConfiguredProxy() {
    try (TestHttpProxy proxy = TestHttpProxy.start()) {
      RestContractRegistry client = client("schema.registry.url", server.url(), "proxy.host", "localhost",
          "proxy.port", proxy.port());
      assertEquals(SCHEMA, client.latest("accounts-value").schema());
      assertEquals(List.of("GET " + server.url() + "/subjects/accounts-value/versions/latest"), proxy.forwarded());
      assertEquals(1, server.requestCount());
    }
  }

  @Test
  void aProxyHostWithoutPortFailsAtConfigure() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> client("schema.registry.url", server.url(), "proxy.host", "localhost"));
    assertTrue(e.getMessage().contains("proxy.port"), e.getMessage());
  }

  @Test
  void randomizeSpreadsTheFirstRequestOverTheUrls() {
    try (TestRegistryServer other = TestRegistryServer.start()) {
      other.register("accounts-value", SchemaDefinition.of("AVRO", SCHEMA));
      String urls = server.url() + "," + other.url();
      for (int i = 0; i < 20; i++) {
        client("schema.registry.url", urls).latest("accounts-value");
      }
      assertEquals(0, other.requestCount(), "without randomize, the first URL is asked first");
      Set<Integer> firstAsked = new HashSet<>();
      for (int i = 0; i < 40; i++) {
        int before = other.requestCount();
        client("schema.registry.url", urls, "schema.registry.url.randomize", true).latest("accounts-value");
        firstAsked.add(other.requestCount() - before);
      }
      assertEquals(Set.of(0, 1), firstAsked, "with randomize, both URLs are asked first by some clients");
    }
  }

  @Test
  void normalizeAndPropagateTagsAreAskedOfTheRegistry() {
    RestContractRegistry client = client("schema.registry.url", server.url(), "normalize.schemas", true,
        "propagate.schema.tags", true);
    client.lookup("accounts-value", SchemaDefinition.of("AVRO", SCHEMA));
    client.register("accounts-value", SchemaDefinition.of("AVRO", SCHEMA));
    assertEquals("POST /subjects/accounts-value?normalize=true", server.requests().get(0));
    assertEquals("POST /subjects/accounts-value/versions?normalize=true", server.requests().get(1));
    assertTrue(TestRegistryServer.parse(server.requestBodies().get(1)).path("propagateSchemaTags").asBoolean(),
        server.requestBodies().get(1));
    assertFalse(server.requestBodies().get(0).contains("propagateSchemaTags"));
  }
}
