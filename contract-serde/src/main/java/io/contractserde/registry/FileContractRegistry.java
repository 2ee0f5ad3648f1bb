package io.contractserde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;

/**
 * A read-only registry backed by a folder of contracts kept in git, selected by
 * {@code schema.registry.url=file:///path/to/contracts}.
 *
 * <p>Layout: {@code <subject>/<version>.json}, each file one registered schema in the registry's
 * JSON form with a required {@code id} that is unique in the folder; {@code schema} may be a string
 * or an inline JSON object. The folder is read and checked once, when the registry is created; any
 * problem is a {@link ConfigException} that names the file. Other files (a README) are ignored, and
 * so are {@code <subject>/config.json} ({@link #SUBJECT_CONFIG}) and sub-folders such as
 * {@code <subject>/samples/}.
 */
public final class FileContractRegistry extends InMemoryRegistry {
  /**
   * A subject's configuration ({@code compatibilityGroup}, {@code compatibility}), in the registry's
   * {@code /config/<subject>} JSON form: read by contract-serde-tools, ignored by the serdes.
   */
  public static final String SUBJECT_CONFIG = "config.json";

  private static final Pattern VERSION_FILE = Pattern.compile("[1-9][0-9]{0,8}\\.json");

  private final Path root;

  /** Reads every contract below {@code root}. */
  public FileContractRegistry(Path root) {
    super("file registry " + root);
    this.root = root;
    if (!Files.isDirectory(root)) {
      throw new ConfigException("Contract folder " + root + " does not exist or is not a folder");
    }
    Map<Integer, Path> ids = new HashMap<>();
    try (Stream<Path> subjects = Files.list(root)) {
      for (Path subjectDir : subjects.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(subjectDir)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".json"))
              .filter(f -> !f.getFileName().toString().equals(SUBJECT_CONFIG)).sorted().toList()) {
            load(subjectDir.getFileName().toString(), file, ids);
          }
        }
      }
    } catch (IOException e) {
      throw new ConfigException("Cannot read contract folder " + root + ": " + e.getMessage());
    }
  }

  private void load(String subject, Path file, Map<Integer, Path> ids) {
    String fileName = file.getFileName().toString();
    if (!VERSION_FILE.matcher(fileName).matches()) {
      throw new ConfigException("Contract file " + file + ": the file name must be <version>.json"
          + " with a positive version number, not '" + fileName + "'");
    }
    int version = Integer.parseInt(fileName.substring(0, fileName.length() - ".json".length()));
    JsonNode node;
    try {
      node = ContractJson.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("Contract file " + file + " is not readable JSON: " + e.getMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ConfigException("Contract file " + file + " must hold a JSON object");
    }
    JsonNode id = object.get("id");
    if (id == null || !id.canConvertToInt() || !id.isIntegralNumber()) {
      throw new ConfigException("Contract file " + file + " has no integer 'id'");
    }
    JsonNode declaredVersion = object.get("version");
    if (declaredVersion != null && declaredVersion.asInt() != version) {
      throw new ConfigException("Contract file " + file + " declares version " + declaredVersion
          + " but its file name says " + version);
    }
    JsonNode declaredSubject = object.get("subject");
    if (declaredSubject != null && !declaredSubject.asText().equals(subject)) {
      throw new ConfigException("Contract file " + file + " declares subject " + declaredSubject
          + " but lies in folder '" + subject + "'");
    }
    JsonNode schema = object.get("schema");
    if (schema == null || schema.isNull()) {
      throw new ConfigException("Contract file " + file + " has no 'schema'");
    }
    if (!schema.isTextual()) {
      object.put("schema", schema.toString());
    }
    Path previous = ids.putIfAbsent(id.intValue(), file);
    if (previous != null) {
      throw new ConfigException("Contract files " + previous + " and " + file + " both use id " + id);
    }
    RegisteredSchema parsed;
    try {
      parsed = ContractJson.mapper().treeToValue(object, RegisteredSchema.class);
      store(subject, parsed.definition(), id.intValue(), version, parsed.guid());
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("Contract file " + file + " is not a valid contract: " + e.getMessage());
    }
  }

  /** Always fails: a contract folder is changed in git, not by a producer. */
  @Override
  public RegisteredSchema register(String subject, SchemaDefinition definition) {
    throw new RegistryException("The file registry " + root + " is read-only: add the contract as "
        + root.resolve(subject).resolve("<version>.json") + " instead of registering it", 405, 40501);
  }
}
