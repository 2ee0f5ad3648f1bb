/**
 * The built-in {@code JSONATA} rule executor. For applications and the migration planner, one
 * public type: {@link io.contractserde.rule.jsonata.JsonataExecutor} (the executor, whether an
 * expression runs compiled and why not, and which field renames and drops an expression performs).
 *
 * <p>Inside, for no one outside the package: our own parser ({@code JsonataParser}) into a sealed
 * syntax tree ({@code Expr}), a compiler ({@code JsonataCompiler}) into evaluator objects with the
 * {@code com.dashjoin:jsonata} interpreter's semantics ({@code CompiledExpression},
 * {@code Builtins}), and every regular expression made in one place ({@code JsonataRegex}).
 * Expressions outside the compiled subset, and records on which compiled code would fail, run in
 * the interpreter, which stays the reference.
 */
package io.contractserde.rule.jsonata;
