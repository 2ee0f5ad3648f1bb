package io.contractserde.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.testing.TestRegistryServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The caching layer over the real REST client and the in-test HTTP registry, and on a clock the
 * test moves.
 */
class CachingContractRegistryTest {
  static final String V1 = MockContractRegistryTest.V1;
  static final String V2 = MockContractRegistryTest.V2;

  private TestRegistryServer server;

  @BeforeEach
  void start() {
    server = TestRegistryServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CachingContractRegistry registry(long ttlSeconds) {
    return ContractRegistries.create(new ContractSerdeConfig(Map.of(
        ContractSerdeConfig.SCHEMA_REGISTRY_URL, server.url(),
        ContractSerdeConfig.LATEST_CACHE_TTL_SEC, ttlSeconds,
        ContractSerdeConfig.MAX_RETRIES, 0,
        ContractSerdeConfig.HTTP_READ_TIMEOUT_MS, 500)));
  }

  private RegisteredSchema register(String schema, String major) {
    return server.register("accounts-value", SchemaDefinition.of("AVRO", schema)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", major))));
  }

  @Test
  void latestAnswersAreKeptForTheTtlThenRefreshedAndZeroDoesNotCache() {
    MockContractRegistry store = new MockContractRegistry("ttl");
    SchemaDefinition v1 = SchemaDefinition.of("AVRO", V1).withMetadata(Metadata.ofProperties(Map.of("major_version", "1")));
    SchemaDefinition v2 = SchemaDefinition.of("AVRO", V2).withMetadata(Metadata.ofProperties(Map.of("major_version", "1")));
    store.register("s", v1);
    AtomicLong nanos = new AtomicLong();
    CachingContractRegistry sixty = new CachingContractRegistry(store, 100, Duration.ofSeconds(60), nanos::get, Runnable::run);
    CachingContractRegistry never = new CachingContractRegistry(store, 100, null, nanos::get, Runnable::run);
    CachingContractRegistry zero = new CachingContractRegistry(store, 100, Duration.ZERO, nanos::get, Runnable::run);
    for (CachingContractRegistry registry : List.of(sixty, never, zero)) {
      assertEquals(1, registry.latest("s").version());
      assertEquals(1, registry.latestWithMetadata("s", Map.of("major_version", "1")).version());
    }

    store.register("s", v2);
    assertEquals(2, zero.latest("s").version(), "0: not cached");
    assertEquals(2, zero.latestWithMetadata("s", Map.of("major_version", "1")).version());
    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    assertEquals(1, sixty.latest("s").version());
    nanos.addAndGet(Duration.ofSeconds(1).toNanos() + 1);
    assertEquals(2, sixty.latest("s").version(), "refreshed once the TTL has passed (here, on this thread)");
    assertEquals(2, sixty.latestWithMetadata("s", Map.of("major_version", "1")).version());
    nanos.addAndGet(Duration.ofDays(1).toNanos());
    assertEquals(1, never.latest("s").version(), "-1: never refreshed");
  }

  @Test
  void oneHundredThousandLookUpsOfOneIdCostOneRequest() throws Exception {
    int id = register(V1, "1").id();
    CachingContractRegistry registry = registry(60);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<?>[] done = new Future<?>[4];
      for (int t = 0; t < 4; t++) {
        done[t] = pool.submit(() -> {
          for (int i = 0; i < 25_000; i++) {
            assertEquals(V1, registry.byId(id, "accounts-value").schema());
          }
        });
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, server.requestCount(), server.requests().toString());
  }

  @Test
  void anOutageAfterWarmUpKeepsServingKnownContracts() throws Exception {
    RegisteredSchema v1 = register(V1, "1");
    register(V2, "2");
    CachingContractRegistry registry = registry(1);
    registry.byId(v1.id(), "accounts-value");
    registry.latest("accounts-value");
    registry.latestWithMetadata("accounts-value", Map.of("major_version", "1"));
    registry.lookup("accounts-value", SchemaDefinition.of("AVRO", V1));

    server.available(false);
    long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
    int reads = 0;
    while (System.nanoTime() < until) {
      assertEquals(V1, registry.byId(v1.id(), "accounts-value").schema());
      assertEquals(2, registry.latest("accounts-value").version());
      assertEquals(1, registry.latestWithMetadata("accounts-value", Map.of("major_version", "1")).version());
      assertEquals(1, registry.lookup("accounts-value", SchemaDefinition.of("AVRO", V1)).version());
      reads++;
      Thread.sleep(5);
    }
    assertTrue(reads > 100);
    assertTrue(server.requestCount() > 4, "refreshes were attempted during the outage");
    assertTrue(server.requestCount() < 4 + 4 * 4, "at most one refresh per key per TTL, not one per read: "
        + server.requestCount());
    RegistryUnavailableException unknown = assertThrows(RegistryUnavailableException.class,
        () -> registry.byId(999, "accounts-value"));
    assertTrue(unknown.getMessage().contains("Schema id 999"), unknown.getMessage());

    server.available(true);
    register(V1.replace("ssn", "tax_id"), "1");
    awaitValue(() -> registry.latestWithMetadata("accounts-value", Map.of("major_version", "1")).version(), 3);
  }

  @Test
  void latestWithMetadataPicksUpANewVersionAfterTheTtl() throws Exception {
    register(V1, "1");
    CachingContractRegistry registry = registry(1);
    assertEquals(1, registry.latestWithMetadata("accounts-value", Map.of("major_version", "1")).version());
    register(V1.replace("ssn", "tax_id"), "1");
    assertEquals(1, registry.latestWithMetadata("accounts-value", Map.of("major_version", "1")).version(),
        "within the TTL the cached answer is served");
    awaitValue(() -> registry.latestWithMetadata("accounts-value", Map.of("major_version", "1")).version(), 2);
  }

  @Test
  void registeringThroughTheCacheDropsStaleLatestAnswers() {
    register(V1, "1");
    CachingContractRegistry registry = registry(3600);
    assertEquals(1, registry.latest("accounts-value").version());
    registry.register("accounts-value", SchemaDefinition.of("AVRO", V2));
    assertEquals(2, registry.latest("accounts-value").version());
  }

  @Test
  void aTtlOfZeroAsksTheRegistryEveryTime() {
    register(V1, "1");
    CachingContractRegistry registry = registry(0);
    for (int i = 0; i < 5; i++) {
      registry.latest("accounts-value");
    }
    assertEquals(5, server.requestCount());
  }

  @Test
  void aFailedFirstLookUpIsNotCached() {
    CachingContractRegistry registry = registry(60);
    assertThrows(ContractNotFoundException.class, () -> registry.latest("accounts-value"));
    register(V1, "1");
    assertEquals(1, registry.latest("accounts-value").version());
  }

  private static void awaitValue(Supplier<Integer> value, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      last = value.get();
      if (last == expected) {
        return;
      }
      Thread.sleep(50);
    }
    assertEquals(expected, last, "not seen within 10 s");
  }
}
