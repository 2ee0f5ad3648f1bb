package io.contractserde.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.InvalidContractException;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.ContractRegistries;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.registry.FileContractRegistry;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.registry.rest.RestContractRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where contracts come from: a folder (read through the {@code file://} registry, after a scan that
 * reports every broken file) or a registry URL. Knows the subjects, their configuration and, for a
 * folder, the sample files.
 */
final class ContractSource implements AutoCloseable {
  private static final Pattern VERSION_FILE = Pattern.compile("[1-9][0-9]{0,8}\\.json");

  private final String description;
  private final Path folder;
  private final ContractRegistry registry;

  private ContractSource(String description, Path folder, ContractRegistry registry) {
    this.description = description;
    this.folder = folder;
    this.registry = registry;
  }

  /** True when {@code location} names a folder (a path or a file:// URL) rather than a registry. */
  static boolean isFolder(String location) {
    return !location.contains("://") || location.startsWith("file:");
  }

  static Path folderOf(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  /**
   * Opens a folder. Structural problems (file names, JSON, ids) go to {@code findings}; when there
   * are any the result is empty, since the {@code file://} registry would refuse the folder.
   */
  static Optional<ContractSource> openFolder(Path folder, List<Finding> findings) {
    if (!Files.isDirectory(folder)) {
      throw new UncheckedIOException(new IOException("Contract folder " + folder + " does not exist or is not a folder"));
    }
    int before = findings.size();
    scan(folder, findings);
    if (findings.size() > before) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ContractSource(folder.toString(), folder, new FileContractRegistry(folder)));
    } catch (RuntimeException e) {
      findings.add(Check.CONTRACT_FILE_INVALID.at(null, null, folder.toString(),
          e.getMessage() + ". Fix the file so the file:// registry can load the folder."));
      return Optional.empty();
    }
  }

  /** Opens a registry named by {@code schema.registry.url} in {@code properties}. */
  static ContractSource openRegistry(Map<String, ?> properties) {
    ContractSerdeConfig config = new ContractSerdeConfig(properties);
    ContractRegistry registry = ContractRegistries.uncached(config);
    return new ContractSource(ContractRegistries.withoutUserInfo(
        String.valueOf(properties.get(ContractSerdeConfig.SCHEMA_REGISTRY_URL))), null, registry);
  }

  private static void scan(Path root, List<Finding> findings) {
    Map<Integer, Path> ids = new HashMap<>();
    try (Stream<Path> subjects = Files.list(root)) {
      for (Path dir : subjects.filter(Files::isDirectory).sorted().toList()) {
        String subject = dir.getFileName().toString();
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
            String name = file.getFileName().toString();
            if (name.equals(FileContractRegistry.SUBJECT_CONFIG)) {
              continue;
            }
            String location = root.relativize(file).toString();
            if (!VERSION_FILE.matcher(name).matches()) {
              findings.add(Check.CONTRACT_FILE_INVALID.at(subject, null, location, "The file name must be"
                  + " <version>.json with a positive version number (or config.json); rename '" + name + "'."));
              continue;
            }
            int version = Integer.parseInt(name.substring(0, name.length() - 5));
            JsonNode node;
            try {
              node = ContractJson.mapper().readTree(file.toFile());
            } catch (IOException e) {
              findings.add(Check.CONTRACT_FILE_INVALID.at(subject, version, location,
                  "The file is not readable JSON: " + e.getMessage()));
              continue;
            }
            if (!(node instanceof ObjectNode object)) {
              findings.add(Check.CONTRACT_FILE_INVALID.at(subject, version, location, "The file must hold a JSON object."));
              continue;
            }
            JsonNode id = object.get("id");
            if (id == null || !id.isIntegralNumber() || !id.canConvertToInt()) {
              findings.add(Check.CONTRACT_FILE_INVALID.at(subject, version, location,
                  "The contract has no integer 'id': add one that no other file of the folder uses."));
              continue;
            }
            if (object.get("schema") == null || object.get("schema").isNull()) {
              findings.add(Check.CONTRACT_FILE_INVALID.at(subject, version, location,
                  "The contract has no 'schema': add the schema as a string or an inline JSON object."));
              continue;
            }
            if (object.has("version") && object.get("version").asInt() != version) {
              findings.add(Check.CONTRACT_FILE_INVALID.at(subject, version, location, "The contract declares version "
                  + object.get("version") + " but its file name says " + version + ": make them agree."));
            }
            if (object.has("subject") && !object.get("subject").asText().equals(subject)) {
              findings.add(Check.CONTRACT_FILE_INVALID.at(subject, version, location, "The contract declares subject "
                  + object.get("subject") + " but lies in folder '" + subject + "': move it or fix 'subject'."));
            }
            Path previous = ids.putIfAbsent(id.intValue(), file);
            if (previous != null) {
              findings.add(Check.DUPLICATE_ID.at(subject, version, location, "Id " + id.intValue() + " is also used by "
                  + root.relativize(previous) + ": give each contract file its own id."));
              continue;
            }
            try {
              if (!object.get("schema").isTextual()) {
                object.put("schema", object.get("schema").toString());
              }
              RegisteredSchema contract = ContractJson.mapper().treeToValue(object, RegisteredSchema.class);
              try {
                contract.definition().validate();
              } catch (InvalidContractException e) {
                findings.add(Check.RULE_SET_INVALID.at(subject, version, location + " ruleSet", e.getMessage()
                    + ". The registry refuses such a rule set: rule names start with a letter or _ and hold letters,"
                    + " digits, _ and -, are unique, and migration rules take UPGRADE, DOWNGRADE or UPDOWN while"
                    + " domain and encoding rules take WRITE, READ or WRITEREAD."));
              }
            } catch (IOException | RuntimeException e) {
              findings.add(Check.CONTRACT_FILE_INVALID.at(subject, version, location,
                  "The contract does not map onto the registry's JSON form: " + e.getMessage()));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read contract folder " + root, e);
    }
  }

  String description() {
    return description;
  }

  ContractRegistry registry() {
    return registry;
  }

  /** The folder, or null for a registry. */
  Path folder() {
    return folder;
  }

  /** The subjects to verify: those asked for, else every subject of the source. */
  List<String> subjects(List<String> wanted) {
    if (!wanted.isEmpty()) {
      return wanted;
    }
    if (folder != null) {
      try (Stream<Path> dirs = Files.list(folder)) {
        List<String> subjects = new ArrayList<>();
        for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
          try (Stream<Path> files = Files.list(dir)) {
            if (files.anyMatch(f -> VERSION_FILE.matcher(f.getFileName().toString()).matches())) {
              subjects.add(dir.getFileName().toString());
            }
          }
        }
        return subjects;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (registry instanceof RestContractRegistry rest) {
      return rest.subjects();
    }
    if (registry instanceof MockContractRegistry mock) {
      return mock.subjects();
    }
    throw new IllegalArgumentException("Name the subjects to verify with --subject");
  }

  /** Every version of {@code subject}, ascending, with subject and version set. */
  Map<Integer, RegisteredSchema> versions(String subject) {
    Map<Integer, RegisteredSchema> out = new LinkedHashMap<>();
    for (int v : registry.versions(subject)) {
      out.put(v, registry.byVersion(subject, v).withSubjectAndVersion(subject, v));
    }
    return out;
  }

  /**
   * The subject's configuration: {@code <subject>/config.json} of a folder, or the registry's
   * subject-level config; empty when there is none.
   *
   * @throws IllegalArgumentException when the folder's file is not a JSON object
   */
  Optional<JsonNode> subjectConfig(String subject) {
    if (folder != null) {
      Path file = folder.resolve(subject).resolve(FileContractRegistry.SUBJECT_CONFIG);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      JsonNode node;
      try {
        node = ContractJson.mapper().readTree(file.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException("is not readable JSON: " + e.getMessage());
      }
      if (!node.isObject()) {
        throw new IllegalArgumentException("must hold a JSON object such as {\"compatibilityGroup\": \"major_version\"}");
      }
      return Optional.of(node);
    }
    if (registry instanceof RestContractRegistry rest) {
      return rest.subjectConfig(subject);
    }
    return Optional.empty();
  }

  /** The folder's sample files of a version: {@code <subject>/samples/<version>/*.json}, or under {@code invalid/}. */
  List<Path> samples(String subject, int version, boolean invalid) {
    if (folder == null) {
      return List.of();
    }
    Path dir = folder.resolve(subject).resolve("samples").resolve(Integer.toString(version));
    if (invalid) {
      dir = dir.resolve("invalid");
    }
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the registry has the subject. */
  boolean hasSubject(String subject) {
    try {
      return !registry.versions(subject).isEmpty();
    } catch (ContractNotFoundException e) {
      return false;
    }
  }

  @Override
  public void close() {
    registry.close();
  }
}
