package io.contractserde.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The incumbent's normalized text of an Avro schema ({@code normalize.schemas}): Avro's parsing
 * canonical form, keeping what parsing canonical form drops but a contract needs. Names are full
 * names; a named type is written once, then referred to by name; attributes come in a fixed order
 * (name, type, symbols / size / fields, then doc, aliases sorted, the enum default, then other
 * properties sorted by key); fields give name, type, order, doc, aliases, default, properties;
 * logical types keep {@code logicalType} (and a decimal's precision, and scale when not 0), written
 * once.
 */
final class AvroNormalForm {
  private static final ObjectMapper SORTED = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private AvroNormalForm() {}

  /** The normalized text of {@code schema}. */
  static String of(Schema schema) {
    StringBuilder out = new StringBuilder();
    write(schema, new HashSet<>(), out);
    return out.toString();
  }

  private static void write(Schema s, Set<String> named, StringBuilder o) {
    switch (s.getType()) {
      case UNION -> {
        o.append('[');
        boolean first = true;
        for (Schema branch : s.getTypes()) {
          if (!first) {
            o.append(',');
          }
          first = false;
          write(branch, named, o);
        }
        o.append(']');
      }
      case ARRAY, MAP -> {
        o.append("{\"type\":\"").append(s.getType().getName()).append('"');
        if (s.getType() == Schema.Type.ARRAY) {
          o.append(",\"items\":");
          write(s.getElementType(), named, o);
        } else {
          o.append(",\"values\":");
          write(s.getValueType(), named, o);
        }
        properties(s.getObjectProps(), o);
        o.append('}');
      }
      case RECORD, ENUM, FIXED -> namedType(s, named, o);
      default -> {
        LogicalType logical = s.getLogicalType();
        if (logical != null) {
          o.append("{\"type\":\"").append(s.getType().getName()).append('"');
          logicalType(logical, o);
          properties(withoutLogical(s.getObjectProps()), o);
          o.append('}');
        } else if (s.hasProps()) {
          o.append("{\"type\":\"").append(s.getType().getName()).append('"');
          properties(s.getObjectProps(), o);
          o.append('}');
        } else {
          o.append('"').append(s.getType().getName()).append('"');
        }
      }
    }
  }

  private static void namedType(Schema s, Set<String> named, StringBuilder o) {
    String name = s.getFullName();
    if (!named.add(name)) {
      o.append('"').append(name).append('"');
      return;
    }
    Map<String, Object> props = s.getObjectProps();
    o.append("{\"name\":\"").append(name).append("\",\"type\":\"").append(s.getType().getName()).append('"');
    switch (s.getType()) {
      case ENUM -> {
        o.append(",\"symbols\":[");
        boolean first = true;
        for (String symbol : s.getEnumSymbols()) {
          if (!first) {
            o.append(',');
          }
          first = false;
          o.append(json(symbol));
        }
        o.append(']');
      }
      case FIXED -> {
        o.append(",\"size\":").append(s.getFixedSize());
        if (s.getLogicalType() != null) {
          logicalType(s.getLogicalType(), o);
        }
        props = withoutLogical(props);
      }
      default -> {
        o.append(",\"fields\":[");
        boolean first = true;
        for (Schema.Field f : s.getFields()) {
          if (!first) {
            o.append(',');
          }
          first = false;
          o.append("{\"name\":\"").append(f.name()).append("\",\"type\":");
          write(f.schema(), named, o);
          o.append(",\"order\":\"").append(f.order().name()).append('"');
          if (f.doc() != null) {
            o.append(",\"doc\":").append(json(f.doc()));
          }
          if (!f.aliases().isEmpty()) {
            o.append(",\"aliases\":").append(json(new TreeSet<>(f.aliases())));
          }
          if (f.hasDefaultValue()) {
            o.append(",\"default\":").append(json(f.defaultVal()));
          }
          properties(f.getObjectProps(), o);
          o.append('}');
        }
        o.append(']');
      }
    }
    if (s.getDoc() != null && !s.getDoc().isEmpty()) {
      o.append(",\"doc\":").append(json(s.getDoc()));
    }
    if (!s.getAliases().isEmpty()) {
      o.append(",\"aliases\":").append(json(new TreeSet<>(s.getAliases())));
    }
    if (s.getType() == Schema.Type.ENUM && s.getEnumDefault() != null) {
      o.append(",\"default\":").append(json(s.getEnumDefault()));
    }
    properties(props, o);
    o.append('}');
  }

  private static void logicalType(LogicalType logical, StringBuilder o) {
    o.append(",\"logicalType\":\"").append(logical.getName()).append('"');
    if (logical instanceof LogicalTypes.Decimal decimal) {
      o.append(",\"precision\":").append(decimal.getPrecision());
      if (decimal.getScale() != 0) {
        o.append(",\"scale\":").append(decimal.getScale());
      }
    }
  }

  /** The properties without those the logical type already wrote (Avro keeps them as properties too). */
  private static Map<String, Object> withoutLogical(Map<String, Object> props) {
    Map<String, Object> rest = new TreeMap<>(props);
    rest.remove("logicalType");
    rest.remove("precision");
    rest.remove("scale");
    return rest;
  }

  private static void properties(Map<String, Object> props, StringBuilder o) {
    for (Map.Entry<String, Object> e : new TreeMap<>(props).entrySet()) {
      o.append(',').append(json(e.getKey())).append(':').append(json(e.getValue()));
    }
  }

  /** JSON text of a property, default or name: Avro's Java forms as JSON, maps with sorted keys. */
  private static String json(Object value) {
    try {
      return SORTED.writeValueAsString(node(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode node(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value == null || value == JsonProperties.NULL_VALUE) {
      return f.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      var object = f.objectNode();
      new TreeMap<>(map.entrySet().stream().collect(java.util.stream.Collectors.toMap(
          e -> e.getKey().toString(), Map.Entry::getValue, (a, b) -> b)))
          .forEach((k, v) -> object.set(k, node(v)));
      return object;
    }
    if (value instanceof Collection<?> list) {
      var array = f.arrayNode();
      list.forEach(v -> array.add(node(v)));
      return array;
    }
    if (value instanceof byte[] bytes) {
      return f.textNode(new String(bytes, StandardCharsets.ISO_8859_1));
    }
    if (value instanceof CharSequence || value instanceof Enum<?>) {
      return f.textNode(value.toString());
    }
    if (value instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return f.numberNode(i);
    }
    if (value instanceof Long l) {
      return f.numberNode(l);
    }
    if (value instanceof Float x) {
      return f.numberNode(x);
    }
    if (value instanceof Double d) {
      return f.numberNode(d);
    }
    if (value instanceof java.math.BigInteger b) {
      return f.numberNode(b);
    }
    if (value instanceof java.math.BigDecimal d) {
      return f.numberNode(d);
    }
    throw new IllegalArgumentException("Unexpected value in an Avro schema: " + value.getClass().getName());
  }
}
