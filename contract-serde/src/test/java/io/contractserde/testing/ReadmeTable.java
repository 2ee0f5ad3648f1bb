package io.contractserde.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A table of the README generated from code, between two marker comments: {@link #check} fails
 * when the README's copy differs from what the code generates, and with {@code -Dreadme.update=true}
 * rewrites it first. The drift tests of the configuration, metrics and finding-id tables use it.
 */
public final class ReadmeTable {
  /** The README from a module folder. */
  private static final Path README = Path.of("..", "README.md");

  private ReadmeTable() {}

  /**
   * Checks that the README holds {@code expected} between the comments {@code <!-- start -->} and
   * {@code <!-- end -->}; {@code command} is what rewrites it, for the failure message.
   */
  public static void check(String start, String end, String expected, String command) throws IOException {
    String startMarker = "<!-- " + start + " -->";
    String endMarker = "<!-- " + end + " -->";
    String readme = Files.readString(README);
    int from = readme.indexOf(startMarker);
    int to = readme.indexOf(endMarker);
    if (Boolean.getBoolean("readme.update") && from >= 0 && to > from) {
      Files.writeString(README, readme.substring(0, from + startMarker.length()) + "\n" + expected + readme.substring(to));
      readme = Files.readString(README);
      to = readme.indexOf(endMarker);
    }
    assertTrue(from >= 0 && to > from, "README.md has no markers '" + startMarker + "' and '" + endMarker + "'");
    assertEquals(expected, readme.substring(from + startMarker.length() + 1, to),
        "README.md's table after '" + startMarker + "' is out of date; run: " + command + " -Dreadme.update=true");
  }
}
