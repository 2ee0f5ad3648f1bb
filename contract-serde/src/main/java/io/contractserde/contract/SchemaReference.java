package io.contractserde.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A reference from one schema to a schema registered under another subject. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaReference(String name, String subject, int version) {}
