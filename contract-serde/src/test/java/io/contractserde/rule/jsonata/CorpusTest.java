package io.contractserde.rule.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The corpus of real-world JSONata rules (test resources {@code jsonata-corpus/}, one file per
 * expression, its public source in a leading comment): which share compiles, and that every
 * compiled one gives the interpreter's answer on sample records with each field present, missing
 * and null.
 */
class CorpusTest {

  static Map<String, String> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(CorpusTest.class.getResource("/jsonata-corpus").toURI());
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        out.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8).trim());
      }
    }
    return out;
  }

  static List<Map<String, Object>> samples() {
    Map<String, Object> full = new LinkedHashMap<>();
    full.put("id", "2182b6f9-6422-43d8-819e-822b2b678eec");
    full.put("name", "alice");
    full.put("full_name", "Alice Liddell");
    full.put("size", 123);
    full.put("Size", 123L);
    full.put("height", 45);
    full.put("length", 6.5);
    full.put("version", 1);
    full.put("state", "SHIPPED");
    full.put("favorite_number", 7L);
    full.put("f1", "hello");
    full.put("f2", "world");
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(full);
    for (String field : full.keySet()) {
      Map<String, Object> missing = new LinkedHashMap<>(full);
      missing.remove(field);
      out.add(missing);
      Map<String, Object> nulled = new LinkedHashMap<>(full);
      nulled.put(field, null);
      out.add(nulled);
    }
    return out;
  }

  @Test
  void elevenOfTheTwelveCorpusRulesCompileAndEveryCompiledOneGivesTheInterpretersAnswer() throws Exception {
    Map<String, String> corpus = corpus();
    List<String> compiled = new ArrayList<>();
    List<String> interpreted = new ArrayList<>();
    for (Map.Entry<String, String> e : corpus.entrySet()) {
      assertTrue(e.getValue().startsWith("/* source: "), e.getKey() + " must name its source");
      if (Differential.compiles(e.getValue())) {
        compiled.add(e.getKey());
        for (Map<String, Object> sample : samples()) {
          Differential.check(e.getValue(), sample, false);
        }
      } else {
        interpreted.add(e.getKey());
      }
    }
    assertEquals(12, corpus.size());
    assertEquals(List.of("12-transform-operator.jsonata"), interpreted);
    assertEquals(11, compiled.size());
  }

  @Test
  void everyRenameOfTheCorpusRunsAsSchemaResolution() throws Exception {
    for (Map.Entry<String, String> e : corpus().entrySet()) {
      boolean rename = e.getKey().matches("0[1-9]-.*");
      assertEquals(rename, JsonataExecutor.fieldOperations(e.getValue()).isPresent(), e.getKey());
    }
  }
}
