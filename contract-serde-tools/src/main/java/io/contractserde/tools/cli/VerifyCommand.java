package io.contractserde.tools.cli;

import io.contractserde.tools.ContractVerifier;
import io.contractserde.tools.Finding;
import io.contractserde.tools.VerificationReport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify <folder-or-registry-url>}: runs {@link ContractVerifier} and prints its report. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify contracts: schemas, references, rule sets, executors, expressions, tags,"
        + " compatibility, and migrations and domain rules run on sample records through the serdes.",
        "Samples: <subject>/samples/<version>/*.json must pass the domain rules,"
            + " <subject>/samples/<version>/invalid/*.json must fail them."},
    exitCodeOnInvalidInput = Main.USAGE_OR_IO, exitCodeOnExecutionException = Main.USAGE_OR_IO,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no finding of severity ERROR", "1:findings of severity ERROR (or WARNING with --strict)",
        "2:bad usage or an I/O error"})
final class VerifyCommand implements Callable<Integer> {
  enum Format { text, json, junit }

  @Parameters(index = "0", paramLabel = "FOLDER-OR-URL",
      description = "A contract folder (a path or file://...) or a registry URL (http(s)://...).")
  String source;

  @Option(names = {"-s", "--subject"}, paramLabel = "SUBJECT", description = "Verify only this subject (repeatable).")
  List<String> subjects = new ArrayList<>();

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the sample generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--samples", defaultValue = "20",
      description = "Records generated per version (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = {"-f", "--format"}, defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to this file (the verdict still goes to standard output).")
  Path output;

  @Option(names = "--strict", description = "Fail on warnings too.")
  boolean strict;

  @Mixin
  RegistryOptions registry;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (samples < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be 0 or more");
    }
    VerificationReport report = new ContractVerifier.Builder()
        .properties(registry.load())
        .subjects(subjects)
        .seed(seed)
        .samples(samples)
        .build()
        .verify(source);
    String text = switch (format) {
      case json -> report.toJson();
      case junit -> report.toJUnitXml();
      case text -> output == null
          ? Styled.text(report)
          : report.toText();
    };
    PrintWriter out = spec.commandLine().getOut();
    if (output != null) {
      if (output.getParent() != null) {
        Files.createDirectories(output.getParent());
      }
      Files.writeString(output, text, StandardCharsets.UTF_8);
      out.println((report.passed() ? "PASSED" : "FAILED") + ": " + report.errors().size() + " error(s), "
          + report.warnings().size() + " warning(s); report in " + output);
    } else {
      out.print(text);
    }
    out.flush();
    boolean failed = !report.passed() || strict && report.findings().stream()
        .anyMatch(f -> f.severity() == Finding.Severity.WARNING);
    return failed ? Main.FINDINGS : Main.OK;
  }
}
