package io.contractserde.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.ContractRegistries;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.registry.FileContractRegistry;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.registry.RegistryUnavailableException;
import io.contractserde.registry.rest.RestContractRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes a contract folder to a registry: per subject (referenced subjects first), the subject
 * config ({@code <subject>/config.json}), then every version in order with its schema, references,
 * metadata and rule set. A version the registry already holds with equal content is skipped; the
 * first refusal stops the run with the registry's message. A dry run asks the registry what it
 * holds but changes nothing.
 */
public final class ContractPublisher {
  private final Map<String, ?> targetProperties;

  /** What one step did (or, in a dry run, would do). */
  public enum Action { SET_CONFIG, REGISTER, SKIP_EQUAL, REFUSED }

  /**
   * One step of a publication.
   *
   * @param subject the subject
   * @param version the folder's version, or null for a config step
   * @param action what was done
   * @param detail for people: what and why (the registry's message for a refusal)
   */
  public record Step(String subject, Integer version, Action action, String detail) {}

  /**
   * The steps taken, in order.
   *
   * @param steps every step, the last one REFUSED when the registry refused
   * @param dryRun true when nothing was changed
   */
  public record Result(List<Step> steps, boolean dryRun) {
    /** True when the registry refused a step (the last one). */
    public boolean refused() {
      return !steps.isEmpty() && steps.get(steps.size() - 1).action() == Action.REFUSED;
    }
  }

  /** A publisher to the registry that {@code schema.registry.url} (and the auth and TLS keys) in {@code targetProperties} name. */
  public ContractPublisher(Map<String, ?> targetProperties) {
    this.targetProperties = Map.copyOf(targetProperties);
  }

  /**
   * Publishes {@code folder}. With {@code keepIds}, each version is imported with the folder's id and
   * version (the registry or subject must be in IMPORT mode), so a pull gives the folder back.
   *
   * @throws IllegalArgumentException when the folder is not a valid contract folder
   * @throws RegistryUnavailableException when the registry cannot be reached
   */
  public Result publish(Path folder, boolean dryRun, boolean keepIds) {
    FileContractRegistry source;
    try {
      source = new FileContractRegistry(folder);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    List<Step> steps = new ArrayList<>();
    try (ContractRegistry target = ContractRegistries.uncached(new ContractSerdeConfig(targetProperties))) {
      for (String subject : ContractFolders.subjectsInOrder(folder, source)) {
        if (!publishConfig(folder, subject, target, dryRun, steps) || !publishVersions(source, subject, target, dryRun,
            keepIds, steps)) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Result(List.copyOf(steps), dryRun);
  }

  private static boolean publishConfig(Path folder, String subject, ContractRegistry target, boolean dryRun,
      List<Step> steps) throws IOException {
    Path file = folder.resolve(subject).resolve(FileContractRegistry.SUBJECT_CONFIG);
    if (!Files.isRegularFile(file)) {
      return true;
    }
    JsonNode wanted = ContractJson.mapper().readTree(file.toFile());
    if (!(target instanceof RestContractRegistry rest)) {
      steps.add(new Step(subject, null, Action.SKIP_EQUAL, "config.json not sent: " + target + " keeps no subject config"));
      return true;
    }
    Optional<JsonNode> current = rest.subjectConfig(subject);
    if (current.isPresent() && covers(current.get(), wanted)) {
      steps.add(new Step(subject, null, Action.SKIP_EQUAL, "config " + wanted + " already set"));
      return true;
    }
    if (!dryRun) {
      try {
        rest.updateSubjectConfig(subject, wanted);
      } catch (RegistryUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        steps.add(new Step(subject, null, Action.REFUSED, "config " + wanted + " refused: " + e.getMessage()));
        return false;
      }
    }
    steps.add(new Step(subject, null, Action.SET_CONFIG, (dryRun ? "would set" : "set") + " config " + wanted));
    return true;
  }

  /** True when every field of {@code wanted} has the same value in {@code current}. */
  private static boolean covers(JsonNode current, JsonNode wanted) {
    var names = wanted.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode have = current.get(name);
      if (have == null && name.equals("compatibility")) {
        have = current.get("compatibilityLevel");
      }
      if (!wanted.get(name).equals(have)) {
        return false;
      }
    }
    return true;
  }

  private static boolean publishVersions(ContractRegistry source, String subject, ContractRegistry target, boolean dryRun,
      boolean keepIds, List<Step> steps) {
    List<Integer> held;
    try {
      held = target.versions(subject);
    } catch (ContractNotFoundException e) {
      held = List.of();
    }
    for (int version : source.versions(subject)) {
      RegisteredSchema contract = source.byVersion(subject, version);
      if (held.contains(version)) {
        RegisteredSchema existing = target.byVersion(subject, version);
        if (ContractFolders.sameContent(existing.definition(), contract.definition())) {
          steps.add(new Step(subject, version, Action.SKIP_EQUAL, "version " + version + " already registered with equal"
              + " content (id " + existing.id() + ")"));
          continue;
        }
        steps.add(new Step(subject, version, Action.REFUSED, "the registry's version " + version + " (id " + existing.id()
            + ") differs from the folder's: a registered version cannot change; add the change as a new version"));
        return false;
      }
      if (dryRun) {
        steps.add(new Step(subject, version, Action.REGISTER, "would register version " + version
            + (keepIds ? " with id " + contract.id() : "")));
        continue;
      }
      try {
        RegisteredSchema registered = keepIds
            ? importSchema(target, subject, version, contract)
            : target.register(subject, contract.definition());
        steps.add(new Step(subject, version, Action.REGISTER, "registered version " + version + " as version "
            + registered.version() + " with id " + registered.id()));
      } catch (RegistryUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        steps.add(new Step(subject, version, Action.REFUSED, "the registry refused version " + version + ": "
            + e.getMessage()));
        return false;
      }
    }
    return true;
  }

  private static RegisteredSchema importSchema(ContractRegistry target, String subject, int version,
      RegisteredSchema contract) {
    if (target instanceof RestContractRegistry rest) {
      return rest.importSchema(subject, version, contract.id(), contract.definition());
    }
    if (target instanceof MockContractRegistry mock) {
      return mock.importSchema(subject, version, contract.id(), contract.definition());
    }
    throw new IllegalArgumentException(target + " cannot import schemas with their ids");
  }
}
