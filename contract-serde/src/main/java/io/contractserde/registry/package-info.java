/**
 * Where contracts come from. {@link io.contractserde.registry.ContractRegistry} is the one interface;
 * {@link io.contractserde.registry.ContractRegistries#create} picks the implementation from the
 * {@code schema.registry.url} scheme ({@code http(s)://} REST, {@code mock://} in-memory,
 * {@code file://} a read-only folder) and wraps it in the
 * {@link io.contractserde.registry.CachingContractRegistry caching layer} every serde uses.
 *
 * <p>The only static mutable state of the project lives here: the named scopes of
 * {@link io.contractserde.registry.MockContractRegistry}.
 */
package io.contractserde.registry;
