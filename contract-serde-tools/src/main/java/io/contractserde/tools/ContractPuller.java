package io.contractserde.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.registry.ContractRegistries;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.registry.FileContractRegistry;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.registry.rest.RestContractRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a registry's subjects as a contract folder ({@code <subject>/<version>.json} with the
 * registry's ids, and {@code <subject>/config.json} when the subject has a compatibility group or
 * level), so a team can start keeping its contracts in git. Existing version files are replaced.
 */
public final class ContractPuller {
  private final Map<String, ?> sourceProperties;

  /** A puller from the registry that {@code schema.registry.url} (and the auth and TLS keys) in {@code sourceProperties} name. */
  public ContractPuller(Map<String, ?> sourceProperties) {
    this.sourceProperties = Map.copyOf(sourceProperties);
  }

  /**
   * Writes {@code subjects} (every subject of the registry when empty) into {@code folder} and
   * returns the files written.
   */
  public List<Path> pull(List<String> subjects, Path folder) {
    List<Path> written = new ArrayList<>();
    try (ContractRegistry registry = ContractRegistries.uncached(new ContractSerdeConfig(sourceProperties))) {
      List<String> names = subjects;
      if (names.isEmpty()) {
        names = registry instanceof RestContractRegistry rest ? rest.subjects()
            : registry instanceof MockContractRegistry mock ? mock.subjects() : List.of();
      }
      for (String subject : names) {
        Path dir = folder.resolve(subject);
        Files.createDirectories(dir);
        for (int version : registry.versions(subject)) {
          RegisteredSchema contract = registry.byVersion(subject, version);
          Path file = dir.resolve(version + ".json");
          Files.writeString(file, ContractFolders.fileContent(contract), StandardCharsets.UTF_8);
          written.add(file);
        }
        Optional<JsonNode> config = registry instanceof RestContractRegistry rest ? rest.subjectConfig(subject)
            : Optional.empty();
        if (config.isPresent()) {
          ObjectNode kept = ContractJson.mapper().createObjectNode();
          JsonNode c = config.get();
          if (c.hasNonNull("compatibilityGroup")) {
            kept.set("compatibilityGroup", c.get("compatibilityGroup"));
          }
          JsonNode level = c.hasNonNull("compatibility") ? c.get("compatibility") : c.get("compatibilityLevel");
          if (level != null && !level.isNull()) {
            kept.set("compatibility", level);
          }
          if (!kept.isEmpty()) {
            Path file = dir.resolve(FileContractRegistry.SUBJECT_CONFIG);
            Files.writeString(file, ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(kept) + "\n",
                StandardCharsets.UTF_8);
            written.add(file);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }
}
