/**
 * Verify, publish and pull data contracts: the library behind the {@code contract-serde-tools}
 * command-line tool, for applications and build pipelines. {@link io.contractserde.tools.ContractVerifier}
 * checks a contract folder or registry and returns a {@link io.contractserde.tools.VerificationReport}
 * of {@link io.contractserde.tools.Finding}s (use it in a JUnit test of your own project);
 * {@link io.contractserde.tools.ContractPublisher} and {@link io.contractserde.tools.ContractPuller}
 * move contracts between a folder and a registry. Everything else here is internal to the package.
 */
package io.contractserde.tools;
