package io.contractserde.registry.rest;

import io.contractserde.config.ContractSerdeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** Builds the SSLContext for https:// registries from the {@code schema.registry.ssl.*} settings. */
final class TlsSettings {
  private TlsSettings() {}

  static SSLContext sslContext(ContractSerdeConfig config) {
    try {
      TrustManagerFactory tmf = null;
      String truststore = config.getString(ContractSerdeConfig.SSL_TRUSTSTORE_LOCATION);
      if (truststore != null && !truststore.isBlank()) {
        KeyStore trust = load(ContractSerdeConfig.SSL_TRUSTSTORE_LOCATION, truststore,
            config.getString(ContractSerdeConfig.SSL_TRUSTSTORE_TYPE),
            config.secret(ContractSerdeConfig.SSL_TRUSTSTORE_PASSWORD));
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      String keystore = config.getString(ContractSerdeConfig.SSL_KEYSTORE_LOCATION);
      if (keystore != null && !keystore.isBlank()) {
        String storePassword = config.secret(ContractSerdeConfig.SSL_KEYSTORE_PASSWORD);
        KeyStore keys = load(ContractSerdeConfig.SSL_KEYSTORE_LOCATION, keystore,
            config.getString(ContractSerdeConfig.SSL_KEYSTORE_TYPE), storePassword);
        String keyPassword = config.secret(ContractSerdeConfig.SSL_KEY_PASSWORD);
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, chars(keyPassword != null ? keyPassword : storePassword));
      }
      SSLContext context = SSLContext.getInstance(config.getString(ContractSerdeConfig.SSL_PROTOCOL));
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException("Cannot set up TLS for the registry: " + e.getMessage());
    }
  }

  private static KeyStore load(String key, String location, String type, String password)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      store.load(in, chars(password));
    } catch (IOException e) {
      // An IOException here is a missing file or a wrong password; name the setting, not the password.
      throw new ConfigException(key, location, "cannot load " + type + " store: " + e.getMessage());
    }
    return store;
  }

  private static char[] chars(String password) {
    return password == null ? null : password.toCharArray();
  }
}
