package io.contractserde.tools.cli;

import io.contractserde.tools.VerificationReport;
import picocli.CommandLine;

/** A report as text, coloured only on a terminal (picocli's {@code Ansi.AUTO} honours {@code NO_COLOR}). */
final class Styled {
  private Styled() {}

  static String text(VerificationReport report) {
    return report.toText(CommandLine.Help.Ansi.AUTO.enabled());
  }
}
