/**
 * The {@code CEL} and {@code CEL_FIELD} rule executors, on Google's cel-java. Put the jar on the
 * class path and both register through {@link java.util.ServiceLoader}: a contract's CEL rules then
 * run instead of failing closed.
 *
 * <ul>
 *   <li>{@link io.contractserde.cel.CelExecutor}: a condition or transform over the whole record,
 *       bound as {@code message};
 *   <li>{@link io.contractserde.cel.CelFieldExecutor}: a condition or transform over every field
 *       whose tags meet the rule's tags, bound as {@code value} with {@code fullName}, {@code name},
 *       {@code typeName}, {@code tags} and the containing record as {@code message}.
 * </ul>
 *
 * <p>Both declare {@code now}, the incumbent's extension functions ({@code isEmail},
 * {@code isHostname}, {@code isIpv4}, {@code isIpv6}, {@code isUri}, {@code isUriRef},
 * {@code isUuid}), cel-java's string extensions and {@code matches} (java.util.regex syntax
 * as the incumbent's default engine, whole-string match, each call bounded by
 * {@code cel.regex.timeout.ms}). An expression is compiled once and kept; evaluation is thread-safe.
 */
package io.contractserde.cel;
