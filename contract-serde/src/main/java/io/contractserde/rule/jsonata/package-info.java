/**
 * The built-in {@code JSONATA} rule executor on {@code com.dashjoin:jsonata}: expressions compiled
 * once and shared, each evaluation in a fresh, bounded frame.
 */
package io.contractserde.rule.jsonata;
