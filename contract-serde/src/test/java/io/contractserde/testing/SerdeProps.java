package io.contractserde.testing;

import java.util.HashMap;
import java.util.Map;

/** Serde properties for tests: a registry URL plus key/value pairs. */
public final class SerdeProps {
  private SerdeProps() {}

  /** {@code schema.registry.url=url} plus the given pairs (key, value, key, value, ...). */
  public static Map<String, Object> props(String url, Object... pairs) {
    Map<String, Object> props = new HashMap<>();
    props.put("schema.registry.url", url);
    for (int i = 0; i < pairs.length; i += 2) {
      props.put((String) pairs[i], pairs[i + 1]);
    }
    return props;
  }
}
