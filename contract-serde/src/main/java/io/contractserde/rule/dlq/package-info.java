/**
 * The {@code DLQ} rule action: a record that fails a rule is sent to a dead-letter topic with
 * headers that say why, and then the record fails as with ERROR ("tee, not swallow").
 */
package io.contractserde.rule.dlq;
