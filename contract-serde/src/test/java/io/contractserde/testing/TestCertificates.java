package io.contractserde.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} made with the JDK's {@code keytool}: a PKCS12
 * key store for the server and a trust store holding only its certificate, for clients.
 */
public record TestCertificates(Path keyStore, Path trustStore, String password) {

  /** Makes a fresh key pair and certificate in {@code dir}. */
  public static TestCertificates create(Path dir, String alias) {
    String password = "changeit";
    Path keyStore = dir.resolve(alias + "-keystore.p12");
    Path cert = dir.resolve(alias + ".crt");
    Path trustStore = dir.resolve(alias + "-truststore.p12");
    keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
    keytool("-exportcert", "-alias", alias, "-keystore", keyStore.toString(), "-storetype", "PKCS12",
        "-storepass", password, "-rfc", "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(),
        "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
    return new TestCertificates(keyStore, trustStore, password);
  }

  /** The server side: the key store as an SSLContext. */
  public SSLContext serverContext() {
    return serverContext(null);
  }

  /** The server side, trusting the certificates of {@code clients} (for mutual TLS), or none. */
  public SSLContext serverContext(TestCertificates clients) {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(keyStore), password.toCharArray());
      TrustManagerFactory tmf = null;
      if (clients != null) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(clients.trustStore()));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyStore load(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      return store;
    }
  }

  private static void keytool(String... args) {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
