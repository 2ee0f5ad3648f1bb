package io.contractserde.tools.cli;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.tools.ContractPuller;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pull <url> --subject S... --to <folder>}: writes the registry's subjects as a contract folder. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "Write a registry's subjects into a contract folder (<subject>/<version>.json with the registry's ids,"
        + " <subject>/config.json for the compatibility group), to keep them in git.",
    exitCodeOnInvalidInput = Main.USAGE_OR_IO, exitCodeOnExecutionException = Main.USAGE_OR_IO,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:pulled", "2:bad usage or an I/O error"})
final class PullCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "URL", description = "The registry URL (http(s)://...).")
  String from;

  @Option(names = {"-s", "--subject"}, paramLabel = "SUBJECT",
      description = "A subject to pull (repeatable); default: every subject.")
  List<String> subjects = new ArrayList<>();

  @Option(names = "--to", required = true, paramLabel = "FOLDER", description = "The folder to write.")
  Path to;

  @Mixin
  RegistryOptions registry;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> props = registry.load();
    props.put(ContractSerdeConfig.SCHEMA_REGISTRY_URL, from);
    List<Path> files = new ContractPuller(props).pull(subjects, to);
    PrintWriter out = spec.commandLine().getOut();
    for (Path file : files) {
      out.println("wrote " + file);
    }
    out.println("Pulled " + files.size() + " file(s) into " + to);
    out.flush();
    return Main.OK;
  }
}
