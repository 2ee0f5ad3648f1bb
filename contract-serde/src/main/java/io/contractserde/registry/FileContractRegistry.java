package io.contractserde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only registry backed by a folder of contracts kept in git, selected by
 * {@code schema.registry.url=file:///path/to/contracts}.
 *
 * <p>Layout: {@code <subject>/<version>.json}, each file one registered schema in the registry's
 * JSON form with a required {@code id}; {@code schema} may be a string
 * or an inline JSON object. Files with one id hold one contract (the same definition registered
 * under two subjects, as a registry gives it one id). The folder is read and checked when the registry is created; any
 * problem is a {@link ConfigException} that names the file. Other files (a README) are ignored, and
 * so are {@code <subject>/config.json} ({@link #SUBJECT_CONFIG}) and sub-folders such as
 * {@code <subject>/samples/}.
 *
 * <p>New files are picked up while the registry runs: the folder is read again when a question whose
 * answer can change (latest, versions, look-ups) comes once the rescan interval has passed since the
 * last reading, and at once when an unknown id, GUID, subject or version is asked for. Files already
 * read are immutable history: a changed or removed file changes nothing until a restart. A new file
 * that is not a valid contract is skipped with a warning (once per change of the file) and read
 * again when it changes.
 */
public final class FileContractRegistry extends InMemoryRegistry {
  private static final Logger log = LoggerFactory.getLogger(FileContractRegistry.class);
  /**
   * A subject's configuration ({@code compatibilityGroup}, {@code compatibility}), in the registry's
   * {@code /config/<subject>} JSON form: read by contract-serde-tools, ignored by the serdes.
   */
  public static final String SUBJECT_CONFIG = "config.json";

  private static final Pattern VERSION_FILE = Pattern.compile("[1-9][0-9]{0,8}\\.json");

  private final Path root;
  /** Nanoseconds between readings of the folder; negative: never read again. */
  private final long rescanNanos;
  private final Ticker ticker;
  private final Map<Integer, Path> ids = new HashMap<>();
  private final Set<Path> loaded = new HashSet<>();
  /** New files that were not valid contracts, with the modification time they had then. */
  private final Map<Path, FileTime> rejected = new HashMap<>();
  private volatile long lastScan;

  /** Reads every contract below {@code root}, once. */
  public FileContractRegistry(Path root) {
    this(root, null);
  }

  /**
   * Reads every contract below {@code root}, and reads the folder again for new contracts once
   * {@code rescanAfter} has passed (null: never; zero: before every changing answer).
   */
  public FileContractRegistry(Path root, Duration rescanAfter) {
    this(root, rescanAfter, Ticker.systemTicker());
  }

  FileContractRegistry(Path root, Duration rescanAfter, Ticker ticker) {
    super("file registry " + root);
    this.root = root;
    this.rescanNanos = rescanAfter == null ? -1 : rescanAfter.toNanos();
    this.ticker = ticker;
    if (!Files.isDirectory(root)) {
      throw new ConfigException("Contract folder " + root + " does not exist or is not a folder");
    }
    scan(true);
  }

  @Override
  void refreshIfStale() {
    if (rescanNanos >= 0 && ticker.read() - lastScan >= rescanNanos) {
      synchronized (this) {
        if (ticker.read() - lastScan >= rescanNanos) {
          scan(false);
        }
      }
    }
  }

  @Override
  boolean reloadOnMiss() {
    return rescanNanos >= 0 && scan(false);
  }

  /** Reads the files not read yet; whether any contract was added. */
  private synchronized boolean scan(boolean initial) {
    lastScan = ticker.read();
    boolean added = false;
    try (Stream<Path> subjects = Files.list(root)) {
      for (Path subjectDir : subjects.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(subjectDir)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".json"))
              .filter(f -> !f.getFileName().toString().equals(SUBJECT_CONFIG)).sorted().toList()) {
            if (!loaded.contains(file)) {
              added |= initial ? load(subjectDir.getFileName().toString(), file) : loadNew(subjectDir, file);
            }
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      if (initial) {
        throw new ConfigException("Cannot read contract folder " + root + ": " + e.getMessage());
      }
      log.warn("Cannot read contract folder {} again; serving the contracts read before: {}", root, e.toString());
    }
    return added;
  }

  private boolean loadNew(Path subjectDir, Path file) {
    FileTime modified;
    try {
      modified = Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return false; // removed meanwhile
    }
    if (modified.equals(rejected.get(file))) {
      return false;
    }
    try {
      load(subjectDir.getFileName().toString(), file);
      rejected.remove(file);
      log.info("Read new contract file {}", file);
      return true;
    } catch (ConfigException e) {
      rejected.put(file, modified);
      log.warn("Skipping new contract file until it changes: {}", e.getMessage());
      return false;
    }
  }

  private boolean load(String subject, Path file) {
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
    RegisteredSchema parsed;
    try {
      parsed = ContractJson.mapper().treeToValue(object, RegisteredSchema.class);
      parsed.definition().validate();
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("Contract file " + file + " is not a valid contract: " + e.getMessage());
    }
    // One definition in two subjects has one id, as in a registry; two definitions never share one.
    Path previous = ids.get(id.intValue());
    if (previous != null && !sameDefinition(id.intValue(), parsed.definition())) {
      throw new ConfigException("Contract files " + previous + " and " + file + " both use id " + id
          + " for different contracts");
    }
    try {
      store(subject, parsed.definition(), id.intValue(), version, parsed.guid());
    } catch (RuntimeException e) {
      throw new ConfigException("Contract file " + file + " is not a valid contract: " + e.getMessage());
    }
    ids.put(id.intValue(), file);
    loaded.add(file);
    return true;
  }

  /** Always fails: a contract folder is changed in git, not by a producer. */
  @Override
  public RegisteredSchema register(String subject, SchemaDefinition definition) {
    throw new RegistryException("The file registry " + root + " is read-only: add the contract as "
        + root.resolve(subject).resolve("<version>.json") + " instead of registering it", 405, 40501);
  }
}
