package io.contractserde.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's example test of a user's project is this class's first method, word for word (the
 * README quotes it between markers, and the second method checks the quote), so it cannot rot.
 */
class ReadmeVerifierExampleTest {

  // readme example: begin
  @Test
  void ourContractsAreReadyForProduction() {
    VerificationReport report = new ContractVerifier.Builder()
        .seed(42)                          // the same samples on every run
        .build()
        .verify(Path.of("../examples/contracts"));
    assertTrue(report.passed(), report.toText());
    assertTrue(report.findings("tag-pattern-matches-nothing").isEmpty(), report.toText());
  }
  // readme example: end

  @Test
  void theReadmeQuotesTheExampleWordForWord() throws IOException {
    String source = Files.readString(Path.of("src/test/java/io/contractserde/tools/ReadmeVerifierExampleTest.java"));
    String begin = "  // readme example: begin\n";
    String example = source.substring(source.indexOf(begin) + begin.length(), source.indexOf("  // readme example: end"))
        .replaceAll("(?m)^  ", "");
    String readme = Files.readString(Path.of("..", "README.md"));
    assertTrue(readme.contains(example), "README.md must quote:\n" + example);
  }

  @Test
  void aBuilderDerivedFromAVerifierKeepsItsSettings() {
    ContractVerifier verifier = new ContractVerifier.Builder().seed(3).samples(2).subjects(java.util.List.of("user-value"))
        .build();
    VerificationReport a = verifier.verify(Path.of("src/test/resources/clean"));
    VerificationReport b = verifier.newBuilder().build().verify(Path.of("src/test/resources/clean"));
    assertEquals(a.toJson(), b.toJson());
    assertEquals(2, a.summary().size());
    assertFalse(a.toJson().contains("orders-value"));
    assertEquals(3, a.summary().get(0).samples(), "2 generated and 1 of the folder's own");
  }
}
