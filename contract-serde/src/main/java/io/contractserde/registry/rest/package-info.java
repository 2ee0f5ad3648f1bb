/**
 * The {@code http(s)://} registry: the Confluent Schema Registry REST API over
 * {@code java.net.http}, with basic or bearer auth (a static token, or OAuth client credentials
 * renewed before expiry and after a 401), extra headers, TLS, an HTTP proxy, timeouts, retries with
 * backoff and jitter, and fail-over across several URLs (optionally starting at a random one). Credentials never leave this package in
 * a message: URLs are shown without their user-info and headers are never logged.
 */
package io.contractserde.registry.rest;
