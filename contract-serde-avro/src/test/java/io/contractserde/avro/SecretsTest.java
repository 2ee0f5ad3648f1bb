package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.testing.TestRegistryServer;
import io.contractserde.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run with basic and bearer credentials that goes through successes, wrong credentials, unknown
 * ids, an outage and a recovery: neither the password nor the token appears in anything logged or
 * in any exception message.
 */
class SecretsTest {
  private static final String PASSWORD = "pw-Zq81-secret";
  private static final String TOKEN = "tok-9f3c-secret";

  @Test
  void credentialsNeverAppearInLogsOrExceptions() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    List<String> messages = new ArrayList<>();
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(tee);
    System.setOut(tee);
    try (TestRegistryServer server = TestRegistryServer.start()) {
      Accounts.register(server.store());
      String basic = "Basic " + Base64.getEncoder().encodeToString(("svc:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      List<Map<String, Object>> configs = List.of(
          Accounts.props(server.url(), "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "svc:" + PASSWORD),
          Accounts.props(server.url().replace("://", "://svc:" + PASSWORD + "@")),
          Accounts.props(server.url(), "bearer.auth.token", TOKEN));
      for (Map<String, Object> base : configs) {
        boolean bearer = base.containsKey("bearer.auth.token");
        server.requireAuthorization(bearer ? "Bearer " + TOKEN : basic);
        Map<String, Object> props = new java.util.HashMap<>(base);
        props.putAll(Map.of("use.latest.with.metadata", "major_version=1", "latest.cache.ttl.sec", 1,
            "max.retries", 1, "retries.wait.ms", 10));
        AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props, false);
        AvroContractDeserializer<Object> deserializer = new AvroContractDeserializer<>(props, false);
        messages.add(String.valueOf(new AvroContractSerdeConfig(props)));
        byte[] bytes = serializer.serialize(TOPIC, Accounts.v1Record(1));
        deserializer.deserialize(TOPIC, bytes);
        collect(messages, () -> deserializer.deserialize(TOPIC, WireFormat.idPrefix(999)));
        server.requireAuthorization("Bearer someone-else");
        collect(messages, () -> new AvroContractDeserializer<>(props, false).deserialize(TOPIC, bytes));
        server.available(false);
        Thread.sleep(1100);
        serializer.serialize(TOPIC, Accounts.v1Record(2));
        collect(messages, () -> new AvroContractSerializer<>(props, false).serialize(TOPIC, Accounts.v1Record(3)));
        server.available(true);
        server.requireAuthorization(null);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int recoveries = countOf(captured, "answers again");
        while (System.nanoTime() < deadline && countOf(captured, "answers again") == recoveries) {
          serializer.serialize(TOPIC, Accounts.v1Record(4));
          Thread.sleep(50);
        }
      }
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logs.contains("cannot be reached") && logs.contains("answers again"),
        "the outage was logged, so the logs were captured: " + logs);
    assertTrue(messages.size() >= 9, messages.toString());
    for (String text : List.of(logs, String.join("\n", messages))) {
      assertFalse(text.contains(PASSWORD), "password leaked: " + text);
      assertFalse(text.contains(TOKEN), "token leaked: " + text);
      assertFalse(text.contains(Base64.getEncoder().encodeToString(("svc:" + PASSWORD).getBytes(StandardCharsets.UTF_8))),
          "encoded credentials leaked");
    }
  }

  private static int countOf(ByteArrayOutputStream captured, String text) {
    return captured.toString(StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote(text), -1).length - 1;
  }

  private static void collect(List<String> messages, Runnable action) {
    try {
      action.run();
      messages.add("no exception");
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        messages.add(t.toString());
      }
    }
  }
}
