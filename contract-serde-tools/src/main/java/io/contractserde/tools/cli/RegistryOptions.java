package io.contractserde.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The registry options every command shares: serde properties under the serdes' own key names
 * ({@code basic.auth.user.info}, {@code bearer.auth.token}, {@code schema.registry.ssl.*}, ...), given
 * one by one or in a properties file.
 */
final class RegistryOptions {
  @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
      description = "A serde property, with the serdes' key names: basic.auth.credentials.source,"
          + " basic.auth.user.info, bearer.auth.token, schema.registry.ssl.truststore.location, ..."
          + " Repeatable; wins over --config.")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "A .properties file of serde properties (the same keys as a producer's configuration).")
  Path config;

  /** The properties of the file, then those given one by one. */
  Map<String, Object> load() throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    if (config != null) {
      Properties file = new Properties();
      try (InputStream in = Files.newInputStream(config)) {
        file.load(in);
      }
      file.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, file.getProperty(k)));
    }
    out.putAll(properties);
    return out;
  }
}
