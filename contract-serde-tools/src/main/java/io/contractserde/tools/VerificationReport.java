package io.contractserde.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.ContractJson;
import io.contractserde.tools.Finding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * What {@link ContractVerifier#verify} found: every {@link Finding}, and one summary line per
 * subject version. Immutable. Renders itself as text, JSON or a JUnit XML report.
 */
public final class VerificationReport {
  private final String source;
  private final List<Finding> findings;
  private final List<VersionSummary> summary;

  /**
   * One line of the summary table.
   *
   * @param subject the subject
   * @param version the version
   * @param samples how many sample records (generated and the user's) went through its migration
   *     to the next version, or its domain rules
   * @param errors findings of severity ERROR about this version (or the step from it to the next)
   * @param warnings findings of severity WARNING
   */
  public record VersionSummary(String subject, int version, int samples, int errors, int warnings) {}

  VerificationReport(String source, List<Finding> findings, List<VersionSummary> summary) {
    this.source = source;
    this.findings = List.copyOf(findings);
    this.summary = List.copyOf(summary);
  }

  /** The folder or registry verified, without credentials. */
  public String source() {
    return source;
  }

  /** Every finding, in the order found (by subject, then version). */
  public List<Finding> findings() {
    return findings;
  }

  /** The findings with this id. */
  public List<Finding> findings(String id) {
    return findings.stream().filter(f -> f.id().equals(id)).toList();
  }

  /** The findings of severity ERROR. */
  public List<Finding> errors() {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
  }

  /** The findings of severity WARNING. */
  public List<Finding> warnings() {
    return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
  }

  /** True when there is no ERROR finding. */
  public boolean passed() {
    return errors().isEmpty();
  }

  /** One line per subject version. */
  public List<VersionSummary> summary() {
    return summary;
  }

  /** The report as plain text: findings, then the summary table and the verdict. */
  public String toText() {
    return toText(false);
  }

  /**
   * The report as text, with ANSI colours when {@code colour} is true (the command-line tool passes
   * picocli's {@code Ansi.AUTO.enabled()}, which is false off a terminal and under {@code NO_COLOR}).
   */
  public String toText(boolean colour) {
    boolean plain = !colour;
    Function<String, String> style = markup -> CommandLine.Help.Ansi.ON.string(markup);
    StringBuilder out = new StringBuilder();
    out.append("Verified ").append(source).append('\n');
    for (Finding f : findings) {
      String label = f.severity().name();
      String hue = switch (f.severity()) {
        case ERROR -> "bold,red";
        case WARNING -> "yellow";
        case INFO -> "faint";
      };
      out.append(plain ? label : style.apply("@|" + hue + " " + label + "|@"))
          .append(' ').append(f.id()).append(' ').append(f.where()).append('\n')
          .append("    ").append(f.message().replace("\n", "\n    ")).append('\n');
    }
    out.append('\n');
    int subjectWidth = "subject".length();
    for (VersionSummary s : summary) {
      subjectWidth = Math.max(subjectWidth, s.subject().length());
    }
    String format = "%-" + subjectWidth + "s  %7s  %7s  %6s  %8s%n";
    out.append(String.format(Locale.ROOT, format, "subject", "version", "samples", "errors", "warnings"));
    for (VersionSummary s : summary) {
      out.append(String.format(Locale.ROOT, format, s.subject(), s.version(), s.samples(), s.errors(), s.warnings()));
    }
    long errors = errors().size();
    String verdict = passed()
        ? "PASSED: " + summary.size() + " version(s), " + warnings().size() + " warning(s)"
        : "FAILED: " + errors + " error(s), " + warnings().size() + " warning(s)";
    out.append('\n').append(plain ? verdict
        : style.apply(passed() ? "@|bold,green " + verdict + "|@" : "@|bold,red " + verdict + "|@")).append('\n');
    return out.toString();
  }

  /** The report as JSON: {@code source}, {@code passed}, {@code findings} and {@code summary}. */
  public String toJson() {
    ObjectNode root = ContractJson.mapper().createObjectNode();
    root.put("source", source);
    root.put("passed", passed());
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings) {
      list.add(ContractJson.mapper().valueToTree(f));
    }
    ArrayNode table = root.putArray("summary");
    for (VersionSummary s : summary) {
      table.add(ContractJson.mapper().valueToTree(s));
    }
    try {
      return ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The report as JUnit XML, which CI systems display: one test suite per subject, one test case per
   * version (failed when it has ERROR findings), and a test case for findings about the whole folder.
   */
  public String toJUnitXml() {
    Map<String, Map<String, List<Finding>>> cases = new LinkedHashMap<>();
    for (VersionSummary s : summary) {
      cases.computeIfAbsent(s.subject(), k -> new LinkedHashMap<>()).put("v" + s.version(), new ArrayList<>());
    }
    for (Finding f : findings) {
      String suite = f.subject() == null ? "(folder)" : f.subject();
      String name = f.version() == null ? "(subject)" : "v" + f.version();
      cases.computeIfAbsent(suite, k -> new LinkedHashMap<>()).computeIfAbsent(name, k -> new ArrayList<>()).add(f);
    }
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    int total = cases.values().stream().mapToInt(Map::size).sum();
    long failures = cases.values().stream().flatMap(m -> m.values().stream())
        .filter(l -> l.stream().anyMatch(f -> f.severity() == Severity.ERROR)).count();
    xml.append("<testsuites name=\"contract-serde-tools verify\" tests=\"").append(total)
        .append("\" failures=\"").append(failures).append("\">\n");
    cases.forEach((suite, byCase) -> {
      long suiteFailures = byCase.values().stream()
          .filter(l -> l.stream().anyMatch(f -> f.severity() == Severity.ERROR)).count();
      xml.append("  <testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(byCase.size())
          .append("\" failures=\"").append(suiteFailures).append("\">\n");
      byCase.forEach((name, list) -> {
        xml.append("    <testcase classname=\"").append(escape(suite)).append("\" name=\"").append(escape(name))
            .append("\">\n");
        List<Finding> errors = list.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
          xml.append("      <failure type=\"").append(escape(errors.get(0).id())).append("\" message=\"")
              .append(escape(errors.size() + " error(s): " + errors.get(0).message())).append("\">");
          for (Finding f : errors) {
            xml.append(escape(f.id() + " " + f.where() + ": " + f.message())).append('\n');
          }
          xml.append("</failure>\n");
        }
        List<Finding> others = list.stream().filter(f -> f.severity() != Severity.ERROR).toList();
        if (!others.isEmpty()) {
          xml.append("      <system-out>");
          for (Finding f : others) {
            xml.append(escape(f.severity() + " " + f.id() + " " + f.where() + ": " + f.message())).append('\n');
          }
          xml.append("</system-out>\n");
        }
        xml.append("    </testcase>\n");
      });
      xml.append("  </testsuite>\n");
    });
    return xml.append("</testsuites>\n").toString();
  }

  private static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            sb.append(' ');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "VerificationReport[" + source + ", " + errors().size() + " error(s), " + findings.size() + " finding(s)]";
  }
}
