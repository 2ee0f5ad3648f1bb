package io.contractserde.testing;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.NonConformingRecordException;
import io.contractserde.format.PayloadDecoder;
import java.io.OutputStream;
import java.util.Map;

/**
 * A format-free contract schema for core unit tests: its native values are already the data model
 * (maps), so rules see exactly what the test passes. Not a format; nothing is encoded.
 */
public record ModelSchema(RegisteredSchema contract) implements ContractSchema {
  @Override
  public String recordName() {
    return null;
  }

  @Override
  public Object conform(Object value) {
    if (!(value instanceof Map<?, ?>)) {
      throw new NonConformingRecordException("", "object", String.valueOf(value));
    }
    return value;
  }

  @Override
  public void encode(Object value, OutputStream out) {
    throw new UnsupportedOperationException("ModelSchema does not encode");
  }

  @Override
  public PayloadDecoder decoderFor(ContractSchema reader) {
    throw new UnsupportedOperationException("ModelSchema does not decode");
  }

  @Override
  public Object decodeModel(byte[] data, int offset, int length) {
    throw new UnsupportedOperationException("ModelSchema does not decode");
  }

  @Override
  public Object toModel(Object value) {
    return value;
  }

  @Override
  public Object fromModel(Object model) {
    return model;
  }
}
