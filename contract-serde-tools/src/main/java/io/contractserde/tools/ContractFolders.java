package io.contractserde.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.contract.SchemaReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What publish and pull share: the folder's subjects in reference order, and content equality. */
final class ContractFolders {
  private ContractFolders() {}

  /** The subject folders of {@code root} that hold versions, each after the subjects it references. */
  static List<String> subjectsInOrder(Path root, io.contractserde.registry.ContractRegistry folder) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String subject = dir.getFileName().toString();
        try {
          if (!folder.versions(subject).isEmpty()) {
            names.add(subject);
          }
        } catch (RuntimeException e) {
          // a folder without contracts
        }
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String subject : names) {
      visit(subject, folder, names, ordered, new LinkedHashSet<>());
    }
    return List.copyOf(ordered);
  }

  private static void visit(String subject, io.contractserde.registry.ContractRegistry folder, List<String> names,
      Set<String> ordered, Set<String> visiting) {
    if (ordered.contains(subject) || !visiting.add(subject)) {
      return;
    }
    for (int v : folder.versions(subject)) {
      for (SchemaReference ref : folder.byVersion(subject, v).references()) {
        if (names.contains(ref.subject())) {
          visit(ref.subject(), folder, names, ordered, visiting);
        }
      }
    }
    ordered.add(subject);
  }

  /** True when two definitions hold the same schema (as JSON, spacing ignored), references, metadata and rules. */
  static boolean sameContent(SchemaDefinition a, SchemaDefinition b) {
    return a.schemaType().equals(b.schemaType())
        && schemaTree(a.schema()).equals(schemaTree(b.schema()))
        && a.references().equals(b.references())
        && Objects.equals(withoutRegistryProperties(a.metadata()), withoutRegistryProperties(b.metadata()))
        && Objects.equals(emptyToNull(a), emptyToNull(b));
  }

  private static Object emptyToNull(SchemaDefinition d) {
    return d.ruleSet() == null || d.ruleSet().isEmpty() && d.ruleSet().enableAt() == null ? null : d.ruleSet();
  }

  private static Metadata withoutRegistryProperties(Metadata m) {
    if (m == null) {
      return null;
    }
    Map<String, String> props = new TreeMap<>(m.properties());
    props.remove(Metadata.CONFLUENT_VERSION);
    Metadata copy = new Metadata(m.tags(), new TreeMap<>(props), m.sensitive());
    return copy.tags().isEmpty() && copy.properties().isEmpty() && copy.sensitive().isEmpty() ? null : copy;
  }

  static Object schemaTree(String schema) {
    try {
      JsonNode node = ContractJson.mapper().readTree(schema);
      return node == null ? schema : node;
    } catch (IOException e) {
      return schema;
    }
  }

  /** Drops empty lists and maps and {@code "disabled": false}: the defaults a folder file leaves out. */
  private static JsonNode pruned(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      List<String> drop = new ArrayList<>();
      object.properties().forEach(e -> {
        pruned(e.getValue());
        JsonNode v = e.getValue();
        if ((v.isContainerNode() && v.isEmpty()) || (e.getKey().equals("disabled") && v.isBoolean() && !v.asBoolean())) {
          drop.add(e.getKey());
        }
      });
      object.remove(drop);
    } else if (node.isArray()) {
      node.forEach(ContractFolders::pruned);
    }
    return node;
  }

  /** A contract as a folder file holds it: id, type, schema (inline when it is a JSON object), references, metadata, rules. */
  static String fileContent(RegisteredSchema contract) {
    com.fasterxml.jackson.databind.node.ObjectNode node = ContractJson.mapper().createObjectNode();
    node.put("id", contract.id());
    node.put("schemaType", contract.schemaType());
    Object tree = schemaTree(contract.schema());
    if (tree instanceof JsonNode json && json.isContainerNode()) {
      node.set("schema", json);
    } else {
      node.put("schema", contract.schema());
    }
    if (!contract.references().isEmpty()) {
      node.set("references", ContractJson.mapper().valueToTree(contract.references()));
    }
    Metadata metadata = withoutRegistryProperties(contract.metadata());
    if (metadata != null) {
      node.set("metadata", pruned(ContractJson.mapper().valueToTree(metadata)));
    }
    if (contract.ruleSet() != null && !(contract.ruleSet().isEmpty() && contract.ruleSet().enableAt() == null)) {
      node.set("ruleSet", pruned(ContractJson.mapper().valueToTree(contract.ruleSet())));
    }
    try {
      return ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
