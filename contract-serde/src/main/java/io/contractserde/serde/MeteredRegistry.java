package io.contractserde.serde;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.metrics.SerdeMetrics;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.ContractRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counts and times the requests that get past the registry cache: each call is one request
 * (retries included), an exception other than "not found" an error.
 */
final class MeteredRegistry implements ContractRegistry {
  private final ContractRegistry delegate;
  private final Supplier<SerdeMetrics> metrics;

  MeteredRegistry(ContractRegistry delegate, Supplier<SerdeMetrics> metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  /** The registry underneath. */
  ContractRegistry delegate() {
    return delegate;
  }

  private <T> T timed(Supplier<T> request) {
    long start = System.nanoTime();
    boolean failed = true;
    try {
      T answer = request.get();
      failed = false;
      return answer;
    } catch (ContractNotFoundException e) {
      failed = false;
      throw e;
    } finally {
      metrics.get().recordRegistryRequest(System.nanoTime() - start, failed);
    }
  }

  @Override
  public RegisteredSchema byId(int id, String subject) {
    return timed(() -> delegate.byId(id, subject));
  }

  @Override
  public RegisteredSchema byGuid(String guid) {
    return timed(() -> delegate.byGuid(guid));
  }

  @Override
  public RegisteredSchema byVersion(String subject, int version) {
    return timed(() -> delegate.byVersion(subject, version));
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return timed(() -> delegate.latest(subject));
  }

  @Override
  public RegisteredSchema latestWithMetadata(String subject, Map<String, String> properties) {
    return timed(() -> delegate.latestWithMetadata(subject, properties));
  }

  @Override
  public List<Integer> versions(String subject) {
    return timed(() -> delegate.versions(subject));
  }

  /** Delegated, not the interface's default: a registry may answer it in one request (REST does). */
  @Override
  public int versionOf(String subject, int id) {
    return timed(() -> delegate.versionOf(subject, id));
  }

  @Override
  public RegisteredSchema lookup(String subject, SchemaDefinition definition) {
    return timed(() -> delegate.lookup(subject, definition));
  }

  @Override
  public RegisteredSchema register(String subject, SchemaDefinition definition) {
    return timed(() -> delegate.register(subject, definition));
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
