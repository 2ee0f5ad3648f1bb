package io.contractserde.contract;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * A contract as the registry returns it: identity ({@code subject}, {@code version}, {@code id},
 * {@code guid}) and definition (type, schema text, references, metadata, rule set).
 *
 * <p>{@code schemaType} defaults to {@code AVRO}. The registry spells the rule set {@code ruleSet}
 * in responses and {@code ruleset} in some requests; both are read. A schema fetched by id alone
 * has no subject or version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisteredSchema(
    String subject,
    Integer version,
    Integer id,
    String guid,
    String schemaType,
    String schema,
    List<SchemaReference> references,
    Metadata metadata,
    @JsonAlias("ruleset") RuleSet ruleSet) {

  /** The type a registry assumes when {@code schemaType} is absent. */
  public static final String AVRO = "AVRO";

  public RegisteredSchema {
    schemaType = normaliseType(schemaType);
    references = Collections2.list(references);
  }

  static String normaliseType(String schemaType) {
    return schemaType == null || schemaType.isBlank() ? AVRO : schemaType.trim().toUpperCase(Locale.ROOT);
  }

  /** The definition part, for re-registration or comparison. */
  public SchemaDefinition definition() {
    return new SchemaDefinition(schemaType, schema, references, metadata, ruleSet);
  }

  /** The rule set, or {@link RuleSet#EMPTY}. */
  public RuleSet rules() {
    return ruleSet == null ? RuleSet.EMPTY : ruleSet;
  }

  /** The metadata properties' value for {@code key}, or null. */
  public String property(String key) {
    return metadata == null ? null : metadata.properties().get(key);
  }

  /** A copy that carries the subject and version it is registered under. */
  public RegisteredSchema withSubjectAndVersion(String subject, Integer version) {
    return new RegisteredSchema(subject, version, id, guid, schemaType, schema, references, metadata, ruleSet);
  }

  /** A short description for error messages: subject, version and id as far as known. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (subject != null) {
      sb.append("subject '").append(subject).append("' ");
    }
    if (version != null) {
      sb.append("version ").append(version).append(' ');
    }
    sb.append("schema id ").append(id);
    return sb.toString();
  }
}
