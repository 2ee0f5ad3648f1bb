package io.contractserde.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.tools.Finding.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One deliberately broken contract folder per finding id ({@code src/test/resources/broken/<id>/}):
 * verifying it gives exactly that finding (and, for errors and warnings, no other error or warning),
 * while the clean folder, which exercises every check, gives none.
 */
class BrokenContractsTest {
  static final Path BROKEN = Path.of("src", "test", "resources", "broken");
  static final Path CLEAN = Path.of("src", "test", "resources", "clean");

  static Stream<String> ids() {
    return Arrays.stream(Check.values()).map(Check::id);
  }

  static VerificationReport verify(Path folder) {
    return new ContractVerifier.Builder().seed(7).build().verify(folder);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void eachBrokenFolderGivesItsFindingAndNoOtherProblem(String id) {
    Path folder = BROKEN.resolve(id);
    assertTrue(Files.isDirectory(folder), "no broken-contract folder for finding id " + id + ": add " + folder);
    VerificationReport report = verify(folder);
    List<Finding> found = report.findings(id);
    assertFalse(found.isEmpty(), "expected " + id + " in\n" + report.toText());
    Severity severity = found.get(0).severity();
    if (severity != Severity.INFO) {
      Set<String> problems = report.findings().stream().filter(f -> f.severity() != Severity.INFO)
          .map(Finding::id).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(id), problems, report.toText());
    }
    assertEquals(severity == Severity.ERROR, !report.passed(), report.toText());
    for (Finding f : found) {
      assertTrue(f.message().length() > 40, "a message that tells the author what to change: " + f.message());
    }
  }

  @Test
  void theCleanFolderExercisesEveryCheckAndGivesNoFinding() {
    VerificationReport report = verify(CLEAN);
    assertEquals(List.of(), report.findings(), report.toText());
    assertTrue(report.summary().stream().allMatch(s -> s.samples() > 0), report.toText());
  }

  @Test
  void aFolderWithReferencesPassesAndItsMigrationsRunWithTheReferencedSchemas() {
    VerificationReport report = verify(Path.of("src", "test", "resources", "with-references"));
    assertEquals(List.of(), report.findings(), report.toText());
    assertEquals(21, report.summary().stream().filter(s -> s.subject().equals("shipments-value") && s.version() == 1)
        .findFirst().orElseThrow().samples(), report.toText());
  }

  @Test
  void aFindingsWholeMessageSaysWhatToChange() {
    Finding f = verify(BROKEN.resolve("tag-pattern-matches-nothing")).findings("tag-pattern-matches-nothing").get(0);
    assertEquals(new Finding("tag-pattern-matches-nothing", Severity.WARNING, "user-value", 1, "metadata.tags \"**.sssn\"",
        "The tag pattern '**.sssn' matches no field, so its tags [PII] reach nothing. Field names look like"
            + " io.contractserde.test.User.user_id, io.contractserde.test.User.ssn, io.contractserde.test.User.email;"
            + " fix the pattern (** spans dots, * stays within one name)."), f);
    Finding b = verify(BROKEN.resolve("breaking-change-without-migration"))
        .findings("breaking-change-without-migration").get(0);
    assertEquals("Version 2 starts major_version 2 with a breaking change (reader field missing default value"
        + " 'national_id' at /fields/1) but has no DOWNGRADE rule: add migrationRules to version 2 that turn v1 records"
        + " into v2 records and back, so readers of either version keep working.", b.message());
  }

  @Test
  void everyBrokenFolderIsNamedAfterAFindingId() throws IOException {
    Set<String> ids = ids().collect(Collectors.toSet());
    try (Stream<Path> dirs = Files.list(BROKEN)) {
      for (Path dir : dirs.toList()) {
        assertTrue(ids.contains(dir.getFileName().toString()), dir + " names no finding id");
      }
    }
  }
}
