package io.contractserde.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A contract's metadata: free-form {@code properties} (owner, {@code major_version}, ...), tags by
 * field path pattern ({@code **.ssn -> [PII]}), and the names of sensitive properties.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Metadata(
    SortedMap<String, SortedSet<String>> tags,
    SortedMap<String, String> properties,
    SortedSet<String> sensitive) {

  /** The property in which a registry records the version number of a schema. */
  public static final String CONFLUENT_VERSION = "confluent:version";

  public Metadata {
    if (tags == null || tags.isEmpty()) {
      tags = Collections.emptySortedMap();
    } else {
      TreeMap<String, SortedSet<String>> copy = new TreeMap<>();
      tags.forEach((path, set) -> copy.put(path, Collections2.sortedSet(set)));
      tags = Collections.unmodifiableSortedMap(copy);
    }
    properties = Collections2.sortedMap(properties);
    sensitive = Collections2.sortedSet(sensitive);
  }

  /** Metadata with properties only. */
  public static Metadata ofProperties(Map<String, String> properties) {
    return new Metadata(null, new TreeMap<>(properties), null);
  }

  /** True when every given pair is among the properties. */
  public boolean matches(Map<String, String> required) {
    for (Map.Entry<String, String> e : required.entrySet()) {
      if (!e.getValue().equals(properties.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
