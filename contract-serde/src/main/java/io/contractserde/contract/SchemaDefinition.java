package io.contractserde.contract;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What is sent to register a contract or to look one up: the schema text and type, references,
 * metadata and rule set, without the identity the registry assigns.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaDefinition(
    String schemaType,
    String schema,
    List<SchemaReference> references,
    Metadata metadata,
    @JsonAlias("ruleset") RuleSet ruleSet) {

  public SchemaDefinition {
    schemaType = RegisteredSchema.normaliseType(schemaType);
    references = Collections2.list(references);
    if (schema == null) {
      throw new InvalidContractException("A schema definition needs a schema");
    }
  }

  /** A definition of the given type and text, without references, metadata or rules. */
  public static SchemaDefinition of(String schemaType, String schema) {
    return new SchemaDefinition(schemaType, schema, null, null, null);
  }

  /** A copy with the given metadata. */
  public SchemaDefinition withMetadata(Metadata metadata) {
    return new SchemaDefinition(schemaType, schema, references, metadata, ruleSet);
  }

  /** A copy with the given rule set. */
  public SchemaDefinition withRuleSet(RuleSet ruleSet) {
    return new SchemaDefinition(schemaType, schema, references, metadata, ruleSet);
  }

  /** Validates the rule set, if any, as a registry does on registration. */
  public void validate() {
    if (ruleSet != null) {
      ruleSet.validate();
    }
  }
}
