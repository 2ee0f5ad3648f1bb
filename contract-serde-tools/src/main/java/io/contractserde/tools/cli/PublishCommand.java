package io.contractserde.tools.cli;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.tools.ContractPublisher;
import io.contractserde.tools.ContractVerifier;
import io.contractserde.tools.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code publish <folder> --to <url>}: verifies the folder, then registers its versions in order. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Register a contract folder's versions in order (schema, references, metadata, rule set; subject"
        + " config from <subject>/config.json). Versions the registry holds with equal content are skipped; the"
        + " first refusal stops with the registry's message. Verifies the folder first unless --no-verify."},
    exitCodeOnInvalidInput = Main.USAGE_OR_IO, exitCodeOnExecutionException = Main.USAGE_OR_IO,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:published (or nothing to do)", "1:verification failed or the registry refused a version",
        "2:bad usage or an I/O error"})
final class PublishCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FOLDER", description = "The contract folder.")
  Path folder;

  @Option(names = "--to", required = true, paramLabel = "URL", description = "The registry URL (http(s)://...).")
  String to;

  @Option(names = "--dry-run", description = "Print what would be done; change nothing.")
  boolean dryRun;

  @Option(names = "--no-verify", description = "Do not verify the folder first.")
  boolean noVerify;

  @Option(names = "--import", description = "Keep the folder's ids and versions (the registry or subject must be in"
      + " IMPORT mode), so that a pull gives the same folder back.")
  boolean keepIds;

  @Mixin
  RegistryOptions registry;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> props = registry.load();
    if (!noVerify) {
      VerificationReport report = new ContractVerifier.Builder().properties(props).build().verify(folder);
      if (!report.passed()) {
        out.print(Styled.text(report));
        out.println("Not published: fix the errors above (or publish with --no-verify).");
        out.flush();
        return Main.FINDINGS;
      }
      out.println("Verified " + folder + ": " + report.warnings().size() + " warning(s)");
    }
    props.put(ContractSerdeConfig.SCHEMA_REGISTRY_URL, to);
    ContractPublisher.Result result = new ContractPublisher(props).publish(folder, dryRun, keepIds);
    for (ContractPublisher.Step step : result.steps()) {
      String label = switch (step.action()) {
        case REGISTER -> "@|green register|@";
        case SET_CONFIG -> "@|green config  |@";
        case SKIP_EQUAL -> "@|faint skip    |@";
        case REFUSED -> "@|bold,red refused |@";
      };
      out.println(CommandLine.Help.Ansi.AUTO.string(label) + " " + step.subject()
          + (step.version() == null ? "" : " v" + step.version()) + ": " + step.detail());
    }
    if (result.steps().isEmpty()) {
      out.println("Nothing to publish in " + folder);
    }
    out.flush();
    return result.refused() ? Main.FINDINGS : Main.OK;
  }
}
