/**
 * Configuration: {@link io.contractserde.config.ContractSerdeConfig} holds the one {@code ConfigDef}
 * shared by every serde (with the incumbent's key names for every concept we share), parses the
 * structured values once at {@code configure}, and keeps passwords out of {@code toString}.
 */
package io.contractserde.config;
