/**
 * The {@code http(s)://} registry: the Confluent Schema Registry REST API over
 * {@code java.net.http}, with basic or bearer auth, extra headers, TLS, timeouts, retries with
 * backoff and jitter, and fail-over across several URLs. Credentials never leave this package in
 * a message: URLs are shown without their user-info and headers are never logged.
 */
package io.contractserde.registry.rest;
