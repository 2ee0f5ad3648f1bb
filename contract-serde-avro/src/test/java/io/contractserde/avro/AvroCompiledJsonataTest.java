package io.contractserde.avro;

import io.contractserde.testing.CompiledJsonataFormatTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** The compiled JSONata cases every format must pass, with Avro records. */
class AvroCompiledJsonataTest extends CompiledJsonataFormatTest {
  @Override
  protected String format() {
    return "AVRO";
  }

  @Override
  protected String schema(Map<String, String> fields) {
    return "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[" + fields.entrySet().stream()
        .map(e -> "{\"name\":\"" + e.getKey() + "\",\"type\":\"" + e.getValue() + "\"}")
        .collect(Collectors.joining(",")) + "]}";
  }

  @Override
  protected Object record(String schema, Map<String, Object> values) {
    GenericRecord r = new GenericData.Record(new Schema.Parser().parse(schema));
    values.forEach(r::put);
    return r;
  }

  @Override
  protected Object field(Object record, String name) {
    Object v = ((GenericRecord) record).get(name);
    return v instanceof CharSequence s ? s.toString() : v;
  }

  @Override
  protected Serializer<Object> serializer(Map<String, Object> props) {
    return new AvroContractSerializer<>(props, false);
  }

  @Override
  protected Deserializer<Object> deserializer(Map<String, Object> props) {
    return new AvroContractDeserializer<>(props, false);
  }
}
