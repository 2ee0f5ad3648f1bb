package io.contractserde.encryption.dek;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.RegistryException;
import io.contractserde.registry.rest.RestContractRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The incumbent's DEK registry REST API ({@code /dek-registry/v1/keks/...}) on the schema registry's
 * URLs, with the serde's credentials, TLS, retries and fail-over. 404 is "missing", 409 is
 * {@link KeyExistsException}; creating a DEK falls back to {@code POST /keks/{name}/deks} on 405.
 */
final class RestDekRegistry implements DekRegistry {
  private static final String BASE = "/dek-registry/v1/keks";
  private final RestContractRegistry http;

  RestDekRegistry(RestContractRegistry http) {
    this.http = http;
  }

  @Override
  public Kek kek(String name, boolean deleted) {
    try {
      return DekJson.kek(http.call("GET", BASE + "/" + enc(name) + "?deleted=" + deleted, null, "KEK " + name));
    } catch (ContractNotFoundException e) {
      return null;
    }
  }

  @Override
  public Kek createKek(Kek kek) {
    try {
      return DekJson.kek(http.call("POST", BASE, DekJson.kek(kek, false).toString(), "Creating KEK " + kek.name()));
    } catch (RegistryException e) {
      throw e.status() == 409 ? new KeyExistsException("KEK " + kek.name() + " exists") : e;
    }
  }

  @Override
  public Dek dek(String kekName, String subject, String algorithm, Integer version, boolean deleted) {
    String path = BASE + "/" + enc(kekName) + "/deks/" + enc(subject)
        + (version == null ? "" : "/versions/" + version)
        + "?algorithm=" + enc(algorithm) + "&deleted=" + deleted;
    try {
      return DekJson.dek(http.call("GET", path, null, "DEK of subject " + subject + " under KEK " + kekName), kekName);
    } catch (ContractNotFoundException e) {
      return null;
    }
  }

  @Override
  public Dek createDek(Dek dek) {
    String body = DekJson.dek(dek, false).toString();
    String what = "Creating DEK of subject " + dek.subject() + " under KEK " + dek.kekName();
    try {
      JsonNode node;
      try {
        node = http.call("POST", BASE + "/" + enc(dek.kekName()) + "/deks/" + enc(dek.subject()) + "?rewrap=false",
            body, what);
      } catch (RegistryException e) {
        if (e.status() != 405) {
          throw e;
        }
        node = http.call("POST", BASE + "/" + enc(dek.kekName()) + "/deks", body, what);
      }
      return DekJson.dek(node, dek.kekName());
    } catch (RegistryException e) {
      throw e.status() == 409 ? new KeyExistsException("DEK of subject " + dek.subject() + " exists") : e;
    }
  }

  private static String enc(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "RestDekRegistry[" + http + "]";
  }
}
