package io.contractserde.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.contract.ContractJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code verify} run in-process: exit codes (0 ok, 1 findings, 2 usage or I/O), the three report
 * formats, {@code --strict}, {@code --help}, and no colour off a terminal.
 */
class VerifyCommandTest {
  static final String CLEAN = "src/test/resources/clean";
  static final String BROKEN = "src/test/resources/broken/";

  @Test
  void aCleanFolderExitsZeroWithASummaryTable() {
    Run run = Run.of("verify", CLEAN);
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("version  samples  errors  warnings\n"), run.toString());
    assertTrue(run.out().contains("user-value          2       21       0         0"), run.toString());
    assertTrue(run.out().contains("PASSED: 4 version(s), 0 warning(s)"), run.toString());
  }

  @Test
  void aBrokenFolderExitsOneAndNamesTheFindingWithItsLocation() {
    Run run = Run.of("verify", BROKEN + "tag-pattern-matches-nothing", "--strict");
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("WARNING tag-pattern-matches-nothing user-value v1 (metadata.tags \"**.sssn\")"),
        run.toString());
    assertEquals(0, Run.of("verify", BROKEN + "tag-pattern-matches-nothing").exitCode(), "a warning alone passes");
    assertEquals(1, Run.of("verify", BROKEN + "round-trip-differs").exitCode());
  }

  @Test
  void theTextReportHasNoEscapeCodesOffATerminal() {
    Run run = Run.of("verify", BROKEN + "round-trip-differs");
    assertFalse(run.out().contains("\u001b["), run.toString());
    assertTrue(run.out().contains("ERROR round-trip-differs user-value v2 (v1 -> v2)"), run.toString());
    assertTrue(run.out().contains("the fields [/ssn] differ"), run.toString());
  }

  @Test
  void aMissingFolderExitsTwoWithAMessageAndNoStackTrace() {
    Run run = Run.of("verify", "no/such/folder");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("Error: ") && run.err().contains("no/such/folder"), run.toString());
    assertFalse(run.err().contains("\tat "), run.toString());
  }

  @Test
  void badUsageExitsTwo() {
    assertEquals(2, Run.of("verify").exitCode());
    assertEquals(2, Run.of("verify", CLEAN, "--format", "yaml").exitCode());
    assertEquals(2, Run.of("verify", CLEAN, "--no-such-option").exitCode());
    assertEquals(2, Run.of("frobnicate").exitCode());
    assertEquals(2, Run.of().exitCode());
  }

  @Test
  void everyCommandHasHelpThatListsTheExitCodes() {
    for (String command : new String[] {"verify", "publish", "pull"}) {
      Run run = Run.of(command, "--help");
      assertEquals(0, run.exitCode(), run.toString());
      assertTrue(run.out().contains("Usage: contract-serde-tools " + command), run.toString());
      assertTrue(run.out().contains("Exit codes:"), run.toString());
    }
    Run top = Run.of("--help");
    assertEquals(0, top.exitCode());
    assertTrue(top.out().contains("verify") && top.out().contains("publish") && top.out().contains("pull"), top.out());
  }

  @Test
  void theJsonReportCarriesFindingIdsAndTheSummary() throws Exception {
    Run run = Run.of("verify", BROKEN + "expression-does-not-compile", "--format", "json");
    assertEquals(1, run.exitCode(), run.toString());
    JsonNode root = ContractJson.mapper().readTree(run.out());
    assertFalse(root.get("passed").asBoolean());
    assertEquals(2, root.get("findings").size(), run.out());
    for (JsonNode f : root.get("findings")) {
      assertEquals("expression-does-not-compile", f.get("id").asText());
      assertEquals("ERROR", f.get("severity").asText());
      assertEquals("user-value", f.get("subject").asText());
      assertEquals(1, f.get("version").asInt());
    }
    assertEquals("ruleSet.domainRules[0] jsonata_typo", root.get("findings").get(0).get("location").asText());
    assertEquals("ruleSet.domainRules[1] cel_typo", root.get("findings").get(1).get("location").asText());
    assertEquals(1, root.get("summary").size());
  }

  @Test
  void theJUnitReportFailsTheVersionWithErrorsAndCanBeWrittenToAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reports/verify.xml");
    Run run = Run.of("verify", BROKEN + "round-trip-differs", "--format", "junit", "--output", file.toString());
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("FAILED: 1 error(s), 0 warning(s); report in "), run.toString());
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readString(file).getBytes(StandardCharsets.UTF_8)));
    assertEquals("2", xml.getDocumentElement().getAttribute("tests"));
    assertEquals("1", xml.getDocumentElement().getAttribute("failures"));
    assertEquals("round-trip-differs",
        ((org.w3c.dom.Element) xml.getElementsByTagName("failure").item(0)).getAttribute("type"));
  }

  @Test
  void theSameSeedGivesTheSameReportAndAnotherSeedOtherSamples() {
    String a = Run.of("verify", BROKEN + "round-trip-differs", "--seed", "5", "--format", "json").out();
    String b = Run.of("verify", BROKEN + "round-trip-differs", "--seed", "5", "--format", "json").out();
    String c = Run.of("verify", BROKEN + "round-trip-differs", "--seed", "6", "--format", "json").out();
    assertEquals(a, b);
    assertFalse(a.equals(c), "the example sample in the message comes from the seed");
  }

  @Test
  void subjectSelectsWhatIsVerified() {
    Run run = Run.of("verify", CLEAN, "--subject", "orders-value", "--format", "json");
    assertEquals(0, run.exitCode(), run.toString());
    assertFalse(run.out().contains("user-value"), run.out());
    assertEquals(2, Run.of("verify", CLEAN, "--subject", "nobody-value").exitCode());
  }
}
