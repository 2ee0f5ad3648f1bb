package io.contractserde.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.registry.FileContractRegistry;
import io.contractserde.testing.TestCertificates;
import io.contractserde.testing.TestRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish} and {@code pull} against the test registry over real HTTP: a pull of a publish
 * gives back an equal folder; equal versions are skipped; the first refusal stops the run with the
 * registry's message; a dry run and a failed verification change nothing; auth and TLS come from
 * the serdes' keys; {@code verify} reads a registry too.
 */
class PublishPullCommandTest {
  static final Path CLEAN = Path.of("src/test/resources/clean");
  static final Path EXAMPLES = Path.of("../examples/contracts");
  static final Path REFERENCES = Path.of("src/test/resources/with-references");

  @Test
  void aPullOfAPublishGivesBackAnEqualFolder(@TempDir Path dir) throws IOException {
    for (Path folder : List.of(CLEAN, EXAMPLES, REFERENCES)) {
      try (TestRegistryServer server = TestRegistryServer.start()) {
        Run publish = Run.of("publish", folder.toString(), "--to", server.url(), "--import");
        assertEquals(0, publish.exitCode(), publish.toString());
        Path pulled = dir.resolve(folder.getFileName().toString());
        List<String> args = new java.util.ArrayList<>(List.of("pull", server.url(), "--to", pulled.toString()));
        for (String subject : subjects(folder)) {
          args.addAll(List.of("--subject", subject));
        }
        Run pull = Run.of(args.toArray(String[]::new));
        assertEquals(0, pull.exitCode(), pull.toString());
        assertSameContracts(folder, pulled);
      }
    }
  }

  static void assertSameContracts(Path expected, Path actual) throws IOException {
    FileContractRegistry want = new FileContractRegistry(expected);
    FileContractRegistry got = new FileContractRegistry(actual);
    List<String> subjects = subjects(expected);
    assertEquals(subjects, subjects(actual));
    for (String subject : subjects) {
      assertEquals(want.versions(subject), got.versions(subject), subject);
      for (int v : want.versions(subject)) {
        RegisteredSchema a = want.byVersion(subject, v);
        RegisteredSchema b = got.byVersion(subject, v);
        assertEquals(a.id(), b.id(), subject + " v" + v);
        assertEquals(ContractJson.mapper().readTree(a.schema()), ContractJson.mapper().readTree(b.schema()));
        assertEquals(a.withSubjectAndVersion(null, null).definition().withRuleSet(null).withMetadata(null).references(),
            b.definition().references());
        assertEquals(a.metadata(), b.metadata(), subject + " v" + v);
        assertEquals(a.ruleSet(), b.ruleSet(), subject + " v" + v);
      }
      Path config = expected.resolve(subject).resolve("config.json");
      if (Files.exists(config)) {
        assertEquals(ContractJson.mapper().readTree(config.toFile()),
            ContractJson.mapper().readTree(actual.resolve(subject).resolve("config.json").toFile()));
      }
    }
  }

  private static List<String> subjects(Path folder) throws IOException {
    try (Stream<Path> dirs = Files.list(folder)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void referencedSubjectsArePublishedFirstAndReferencesResolveThroughTheRegistry() {
    try (TestRegistryServer server = TestRegistryServer.start()) {
      Run publish = Run.of("publish", REFERENCES.toString(), "--to", server.url());
      assertEquals(0, publish.exitCode(), publish.toString());
      List<String> posts = server.requests().stream().filter(r -> r.startsWith("POST")).toList();
      assertEquals(List.of("POST /subjects/zz-address-value/versions", "POST /subjects/shipments-value/versions",
          "POST /subjects/shipments-value/versions"), posts);
      Run verify = Run.of("verify", server.url());
      assertEquals(0, verify.exitCode(), verify.toString());
      assertTrue(verify.out().contains("PASSED: 3 version(s)"), verify.toString());
    }
  }

  @Test
  void publishingAgainSkipsEveryVersionTheRegistryHoldsWithEqualContent() {
    try (TestRegistryServer server = TestRegistryServer.start()) {
      assertEquals(0, Run.of("publish", CLEAN.toString(), "--to", server.url()).exitCode());
      int posts = posts(server);
      Run again = Run.of("publish", CLEAN.toString(), "--to", server.url());
      assertEquals(0, again.exitCode(), again.toString());
      assertEquals(posts, posts(server), "nothing registered the second time");
      assertEquals(4, again.out().lines().filter(l -> l.contains("already registered with equal content")).count(),
          again.toString());
      assertTrue(again.out().contains("skip     user-value: config {\"compatibilityGroup\":\"major_version\"} already set"),
          again.toString());
    }
  }

  private static int posts(TestRegistryServer server) {
    return (int) server.requests().stream().filter(r -> r.startsWith("POST") || r.startsWith("PUT")).count();
  }

  @Test
  void theFirstRefusalStopsThePublicationWithTheRegistrysMessage() {
    try (TestRegistryServer server = TestRegistryServer.start()) {
      server.refuseRegistrations("Schema being registered is incompatible with an earlier schema");
      Run run = Run.of("publish", CLEAN.toString(), "--to", server.url(), "--no-verify");
      assertEquals(1, run.exitCode(), run.toString());
      assertTrue(run.out().contains("refused  orders-value v1: the registry refused version 1:"), run.toString());
      assertTrue(run.out().contains("Schema being registered is incompatible with an earlier schema"), run.toString());
      assertEquals(1, server.requests().stream().filter(r -> r.startsWith("POST")).count(), server.requests().toString());
      assertFalse(run.out().contains("user-value v"), "stopped at the first refusal: " + run);
    }
  }

  @Test
  void anUnreachableRegistryIsAnIoErrorWithExitTwo() {
    Run run = Run.of("publish", CLEAN.toString(), "--to", "http://localhost:1", "--no-verify",
        "--property", "max.retries=0");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("registry unavailable"), run.toString());
    assertEquals(2, Run.of("pull", "http://localhost:1", "--subject", "a-value", "--to", "target/never",
        "-p", "max.retries=0").exitCode());
  }

  @Test
  void aDryRunSaysWhatItWouldDoAndChangesNothing() {
    try (TestRegistryServer server = TestRegistryServer.start()) {
      Run run = Run.of("publish", CLEAN.toString(), "--to", server.url(), "--dry-run");
      assertEquals(0, run.exitCode(), run.toString());
      assertTrue(run.out().contains("register orders-value v1: would register version 1"), run.toString());
      assertTrue(run.out().contains("config   user-value: would set config"), run.toString());
      assertEquals(0, posts(server), server.requests().toString());
    }
  }

  @Test
  void aFolderThatFailsVerificationIsNotPublished() {
    try (TestRegistryServer server = TestRegistryServer.start()) {
      Run run = Run.of("publish", "src/test/resources/broken/round-trip-differs", "--to", server.url());
      assertEquals(1, run.exitCode(), run.toString());
      assertTrue(run.out().contains("Not published"), run.toString());
      assertEquals(0, server.requestCount());
    }
  }

  @Test
  void verifyAndPullUseTheSerdesAuthAndTlsKeys(@TempDir Path dir) throws IOException {
    TestCertificates certs = TestCertificates.create(dir, "registry");
    try (TestRegistryServer server = TestRegistryServer.startTls(certs.serverContext())) {
      server.requireAuthorization("Basic " + Base64.getEncoder().encodeToString("ci:s3cret-canary".getBytes()));
      Path config = dir.resolve("registry.properties");
      Files.writeString(config, "schema.registry.ssl.truststore.location=" + certs.trustStore() + "\n"
          + "schema.registry.ssl.truststore.password=" + certs.password() + "\n"
          + "basic.auth.credentials.source=USER_INFO\n");
      Run publish = Run.of("publish", CLEAN.toString(), "--to", server.url(), "--config", config.toString(),
          "--property", "basic.auth.user.info=ci:s3cret-canary");
      assertEquals(0, publish.exitCode(), publish.toString());
      Run verify = Run.of("verify", server.url(), "--config", config.toString(),
          "--property", "basic.auth.user.info=ci:s3cret-canary");
      assertEquals(0, verify.exitCode(), verify.toString());
      assertTrue(verify.out().contains("PASSED: 4 version(s)"), verify.toString());
      Run wrong = Run.of("pull", server.url(), "--to", dir.resolve("pulled").toString(), "--config", config.toString(),
          "--property", "basic.auth.user.info=ci:wrong-canary");
      assertEquals(2, wrong.exitCode(), wrong.toString());
      assertTrue(wrong.err().contains("401"), wrong.toString());
      assertFalse(wrong.toString().contains("wrong-canary") || wrong.toString().contains("s3cret-canary"), wrong.toString());
    }
  }

  @Test
  void verifyOfARegistryUsesItsSubjectConfigForCompatibilityGroups() {
    try (TestRegistryServer server = TestRegistryServer.start()) {
      assertEquals(0, Run.of("publish", CLEAN.toString(), "--to", server.url()).exitCode());
      JsonNode config = server.subjectConfig("user-value");
      assertEquals("major_version", config.get("compatibilityGroup").asText());
      server.subjectConfig("user-value", ContractJson.mapper().createObjectNode());
      Run run = Run.of("verify", server.url(), "--subject", "user-value");
      assertEquals(1, run.exitCode(), "without the group, v2's rename is an incompatible change: " + run);
      assertTrue(run.out().contains("ERROR incompatible-change user-value v2"), run.toString());
    }
  }
}
