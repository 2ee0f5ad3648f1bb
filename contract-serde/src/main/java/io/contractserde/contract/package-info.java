/**
 * The data contract model: immutable records that map one to one onto the JSON a schema registry
 * speaks ({@link io.contractserde.contract.RegisteredSchema}, {@link io.contractserde.contract.Metadata},
 * {@link io.contractserde.contract.RuleSet}, {@link io.contractserde.contract.Rule}), their enums, and
 * the validation rules a registry applies when a contract is registered.
 *
 * <p>{@link io.contractserde.contract.ContractJson} owns the one Jackson configuration used to read and
 * write these documents.
 */
package io.contractserde.contract;
