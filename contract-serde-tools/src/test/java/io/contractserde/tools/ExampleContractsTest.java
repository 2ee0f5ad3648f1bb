package io.contractserde.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The demo's contract folder, {@code examples/contracts}, passes verification: this is how CI runs
 * {@code verify} on it in {@code mvn -B verify}.
 */
class ExampleContractsTest {
  static final Path EXAMPLES = Path.of("..", "examples", "contracts");

  @Test
  void theExampleContractsPassVerification() {
    VerificationReport report = new ContractVerifier.Builder().build().verify(EXAMPLES);
    System.out.println(report.toText());
    assertTrue(report.passed(), report.toText());
    assertEquals(0, report.warnings().size(), report.toText());
    assertEquals(4, report.summary().size(), report.toText());
  }
}
