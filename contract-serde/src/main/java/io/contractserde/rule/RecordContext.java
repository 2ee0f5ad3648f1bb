package io.contractserde.rule;

import org.apache.kafka.common.header.Headers;

/**
 * Where a record is while rules run on it: topic, subject, key or value, headers, and the original
 * value (the caller's object on write, the raw record bytes on read), which a DLQ sends on.
 */
public record RecordContext(String topic, String subject, boolean isKey, Headers headers, Object originalValue) {}
