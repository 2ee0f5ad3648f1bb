package io.contractserde.contract;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Defensive, immutable copies for the model's compact constructors (null becomes empty). */
final class Collections2 {
  private Collections2() {}

  static <T> List<T> list(List<T> in) {
    return in == null ? List.of() : List.copyOf(in);
  }

  static SortedSet<String> sortedSet(Set<String> in) {
    return in == null || in.isEmpty()
        ? Collections.emptySortedSet()
        : Collections.unmodifiableSortedSet(new TreeSet<>(in));
  }

  static SortedMap<String, String> sortedMap(Map<String, String> in) {
    return in == null || in.isEmpty()
        ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(in));
  }
}
