/**
 * The command-line face of {@code io.contractserde.tools}: picocli commands {@code verify},
 * {@code publish} and {@code pull}. Only {@link io.contractserde.tools.cli.Main} is public (the jar's
 * entry point); the commands are for no one outside the package.
 */
package io.contractserde.tools.cli;
