package io.contractserde.encryption.dek;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

/**
 * A writable key folder, kept beside a {@code file://} contract folder (and in git with it if wished:
 * DEKs are stored wrapped by their KEK, never in clear). Layout, every name URL-encoded:
 * <pre>
 * keks/&lt;kek&gt;.json                                       one KEK: {"name","kmsType","kmsKeyId","shared","ts","deleted"}
 * deks/&lt;kek&gt;/&lt;subject&gt;/&lt;ALGORITHM&gt;/&lt;version&gt;.json   one DEK version, the REST API's JSON
 * </pre>
 * Files are created once and never rewritten: each is written to a temporary file, then linked to
 * its name atomically, so two producers racing to create the same DEK end with one (the loser gets
 * {@link KeyExistsException} and reads the winner's, as a 409 does over REST).
 */
public final class FileDekRegistry implements DekRegistry {
  private final Path folder;
  private final Clock clock;

  /** The key folder at {@code folder}, created when missing. */
  public FileDekRegistry(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  @Override
  public Kek kek(String name, boolean deleted) {
    String json = read(folder.resolve("keks").resolve(enc(name) + ".json"));
    if (json == null) {
      return null;
    }
    Kek kek = DekJson.kek(parse(json));
    return kek.deleted() && !deleted ? null : kek;
  }

  @Override
  public Kek createKek(Kek kek) {
    Kek stored = new Kek(kek.name(), kek.kmsType(), kek.kmsKeyId(), kek.kmsProps(), kek.doc(), kek.shared(),
        clock.millis(), false);
    create(folder.resolve("keks").resolve(enc(kek.name()) + ".json"), DekJson.kek(stored, true),
        "KEK " + kek.name());
    return stored;
  }

  @Override
  public Dek dek(String kekName, String subject, String algorithm, Integer version, boolean deleted) {
    Path dir = dir(kekName, subject, algorithm);
    int v = version == null ? 1 : version;
    if (v == LATEST) {
      v = latest(dir);
      if (v <= 0) {
        return null;
      }
    }
    String json = read(dir.resolve(v + ".json"));
    if (json == null) {
      return null;
    }
    Dek dek = DekJson.dek(parse(json), kekName);
    return dek.deleted() && !deleted ? null : dek;
  }

  @Override
  public Dek createDek(Dek dek) {
    int version = dek.version() <= 0 ? 1 : dek.version();
    Dek stored = new Dek(dek.kekName(), dek.subject(), version, dek.algorithm(), dek.encryptedKeyMaterial(), null,
        dek.ts() > 0 ? dek.ts() : clock.millis(), false);
    create(dir(dek.kekName(), dek.subject(), dek.algorithm()).resolve(version + ".json"), DekJson.dek(stored, true),
        "DEK version " + version + " of subject " + dek.subject() + " under KEK " + dek.kekName());
    return stored;
  }

  private Path dir(String kekName, String subject, String algorithm) {
    return folder.resolve("deks").resolve(enc(kekName)).resolve(enc(subject)).resolve(enc(algorithm));
  }

  private static int latest(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("[0-9]+\\.json"))
          .mapToInt(n -> Integer.parseInt(n.substring(0, n.length() - 5)))
          .max().orElse(0);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the key folder " + dir, e);
    }
  }

  /** Writes a temporary file, then links it to {@code target}: the name appears complete or not at all. */
  private static void create(Path target, ObjectNode json, String what) {
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), ".tmp-", ".json");
      Files.writeString(tmp, json.toPrettyString() + "\n", StandardCharsets.UTF_8);
      try {
        Files.createLink(target, tmp);
      } catch (UnsupportedOperationException e) {
        // No hard links here: a move that refuses to replace is the next best create-if-absent.
        Files.move(tmp, target);
        tmp = null;
      }
    } catch (FileAlreadyExistsException e) {
      throw new KeyExistsException(what + " exists in the key folder");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + what + " to the key folder " + target.getParent(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a stray temporary file is harmless
        }
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the key folder file " + file, e);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return DekJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("A key folder file is not JSON", e);
    }
  }

  private static String enc(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "FileDekRegistry[" + folder + "]";
  }
}
