package io.contractserde.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.contractserde.contract.ContractJson;
import io.contractserde.format.SchemaCanonicalForm;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * When two JSON Schema texts are the same schema, for the {@code mock://} and {@code file://}
 * registries: as parsed JSON trees, so spacing and the order of an object's keys do not matter
 * (references are compared by the registry, by subject and version). Found through
 * {@link java.util.ServiceLoader}; not for applications.
 */
public final class JsonCanonicalForm implements SchemaCanonicalForm {
  /** For {@link java.util.ServiceLoader}. */
  public JsonCanonicalForm() {}

  @Override
  public String schemaType() {
    return "JSON";
  }

  @Override
  public Object canonicalKey(String schema, List<String> referenced) {
    try {
      return ContractJson.mapper().readTree(schema);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
