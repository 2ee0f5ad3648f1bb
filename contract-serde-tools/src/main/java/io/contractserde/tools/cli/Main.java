package io.contractserde.tools.cli;

import io.contractserde.registry.ContractRegistries;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code java -jar contract-serde-tools.jar}: {@code verify}, {@code publish} and
 * {@code pull}. Exit codes: 0 ok, 1 findings (or a refusal), 2 bad usage or an I/O error.
 */
@Command(name = "contract-serde-tools", mixinStandardHelpOptions = true, version = "contract-serde-tools 0.1.0",
    description = "Verify data contracts before production, publish them to a registry, pull them into a folder.",
    subcommands = {VerifyCommand.class, PublishCommand.class, PullCommand.class, CommandLine.HelpCommand.class},
    exitCodeOnInvalidInput = Main.USAGE_OR_IO, exitCodeOnExecutionException = Main.USAGE_OR_IO,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:findings of severity ERROR (or the registry refused a publication)",
        "2:bad usage or an I/O error (folder unreadable, registry unreachable)"})
public final class Main implements Runnable {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int USAGE_OR_IO = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the tool and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, ready to {@code execute}: an exception prints its message (no stack trace,
   * no credentials) and exits with 2.
   */
  static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      commandLine.getErr().println(commandLine.getColorScheme().errorText(
          "Error: " + ContractRegistries.withoutUserInfo(message)));
      return USAGE_OR_IO;
    });
    return cmd;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: verify, publish or pull");
  }
}
