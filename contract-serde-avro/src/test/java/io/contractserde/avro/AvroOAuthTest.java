package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static io.contractserde.avro.Accounts.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.testing.TestOAuthServer;
import io.contractserde.testing.TestRegistryServer;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Records keep flowing while OAuth tokens expire under them: the registry accepts only live tokens
 * from the in-test token endpoint, tokens live one second, and the serdes ask the registry again
 * every second ({@code latest.cache.ttl.sec=1}). The serdes' own metrics show that every registry
 * request succeeded, so no answer was a stale one served over an authentication failure.
 */
class AvroOAuthTest {

  @Test
  void noRecordFailsWhileShortLivedTokensExpireAndAreRenewed() throws InterruptedException {
    try (TestRegistryServer server = TestRegistryServer.start();
        TestOAuthServer tokens = TestOAuthServer.start("orders-app", "client-secret-canary", Duration.ofSeconds(1))) {
      Accounts.register(server.store());
      server.requireAuthorizationThat(tokens::accepts);
      Map<String, Object> oauth = Accounts.props(server.url(), "bearer.auth.credentials.source", "OAUTHBEARER",
          "bearer.auth.issuer.endpoint.url", tokens.url(), "bearer.auth.client.id", "orders-app",
          "bearer.auth.client.secret", "client-secret-canary", "bearer.auth.cache.expiry.buffer.seconds", 0,
          "latest.cache.ttl.sec", 1, "use.latest.with.metadata", "major_version=1");
      org.apache.kafka.common.metrics.Metrics metrics = new org.apache.kafka.common.metrics.Metrics();
      AvroContractSerializer<Object> writer = new AvroContractSerializer<>(oauth, false);
      writer.withPluginMetrics(new org.apache.kafka.common.metrics.internals.PluginMetricsImpl(metrics,
          Map.of("config", "value.serializer", "class", "AvroContractSerializer")));
      Map<String, Object> readerProps = new java.util.HashMap<>(oauth);
      readerProps.put("use.latest.with.metadata", "major_version=2");
      AvroContractDeserializer<GenericRecord> reader = new AvroContractDeserializer<>(readerProps, false);
      reader.withPluginMetrics(new org.apache.kafka.common.metrics.internals.PluginMetricsImpl(metrics,
          Map.of("config", "value.deserializer", "class", "AvroContractDeserializer")));

      long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
      int records = 0;
      while (System.nanoTime() < until) {
        GenericRecord read = reader.deserialize(TOPIC, writer.serialize(TOPIC, Accounts.v1Record(records)));
        assertEquals(String.format("%09d", records), str(read, "national_id"));
        records++;
        Thread.sleep(5);
      }
      assertTrue(records > 100, records + " records");
      assertTrue(tokens.issued() >= 4, tokens.issued() + " tokens for two clients over 3.5 s of 1 s tokens");
      double requests = 0;
      for (var e : metrics.metrics().entrySet()) {
        String name = e.getKey().name();
        if (name.equals("registry-errors-total") || name.equals("registry-stale-answers-total")) {
          assertEquals(0.0, e.getValue().metricValue(), e.getKey().toString());
        }
        if (name.equals("registry-requests-total")) {
          requests += (Double) e.getValue().metricValue();
        }
      }
      // The first look-ups of both sides, then the background refreshes of the latest answers every
      // second, each with whatever token is current.
      assertTrue(requests >= 6, requests + " registry requests, refreshes included");
      metrics.close();
    }
  }
}
