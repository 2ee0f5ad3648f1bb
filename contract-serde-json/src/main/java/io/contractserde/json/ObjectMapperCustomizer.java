package io.contractserde.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Adjusts the Jackson {@code ObjectMapper} of a JSON serde: named by class in
 * {@code json.object.mapper.customizer} (a public class with a public no-argument constructor), it
 * is called once per serde at {@code configure}, on the mapper contract-serde has set up (the JDK 8
 * and Java time modules, exact decimals, the configuration's keys), or on the copy of the
 * application's own mapper given to a constructor. Register modules, change features or naming here. The nesting bound ({@code json.max.nesting.depth}), the refusal
 * of trailing tokens and never closing the output stream are applied after it.
 */
@FunctionalInterface
public interface ObjectMapperCustomizer {

  /** Adjusts {@code mapper}, which belongs to one serde and is not yet in use. */
  void customize(ObjectMapper mapper);
}
