package io.contractserde.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record held as a {@code LinkedHashMap}, given to a {@link RecordView} the way a format gives
 * one of its records: fields by position, each converted when read, nested records (the
 * {@code LinkedHashMap}s among the values, in lists too) as views of their own, other maps (an
 * Avro union's wrapper) as they are. Counts reads. For tests that compare views with plain maps.
 */
public final class MapFields implements RecordView.Fields {
  private final Map<String, Object> record;
  private final List<String> names;
  private final Object schemaKey;
  private int reads;

  /** The fields of {@code record}; its schema is the list of its field names. */
  public MapFields(Map<String, Object> record) {
    this(record, List.copyOf(record.keySet()));
  }

  public MapFields(Map<String, Object> record, Object schemaKey) {
    this.record = record;
    this.names = List.copyOf(record.keySet());
    this.schemaKey = schemaKey;
  }

  /** {@code value} as a format's data model gives it: every record in it a view. */
  @SuppressWarnings("unchecked")
  public static Object view(Object value) {
    if (value instanceof LinkedHashMap<?, ?> m) {
      return new RecordView(new MapFields((Map<String, Object>) m));
    }
    if (value instanceof List<?> list && list.stream().anyMatch(i -> i instanceof LinkedHashMap || i instanceof List)) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(view(item)));
      return out;
    }
    return value;
  }

  /** How many field values were read. */
  public int reads() {
    return reads;
  }

  @Override
  public Object schemaKey() {
    return schemaKey;
  }

  @Override
  public int count() {
    return names.size();
  }

  @Override
  public String name(int index) {
    return names.get(index);
  }

  @Override
  public int indexOf(String name) {
    return names.indexOf(name);
  }

  @Override
  public Object read(int index) {
    reads++;
    return view(record.get(names.get(index)));
  }
}
