package io.contractserde.benchmarks;

import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.registry.MockContractRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A condition on write, Avro: raw {@code GenericDatumWriter} encoding (the baseline), the serde
 * without rules, and the serde with the same condition as CEL, as JSONata, and a CEL_FIELD
 * condition on the PII-tagged fields.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class CelBenchmark {

  /** The serializers and the record, shared by all benchmark threads. */
  @State(Scope.Benchmark)
  public static class Serdes {
    @Param({"small", "large"})
    public String shape;

    final String scope = "bench-cel-" + System.nanoTime();
    GenericRecord record;
    GenericDatumWriter<GenericRecord> rawWriter;
    AvroContractSerializer<Object> plain;
    AvroContractSerializer<Object> cel;
    AvroContractSerializer<Object> celField;
    AvroContractSerializer<Object> jsonata;

    /** The topics, made once: a string concatenated per call would be measured with the serde. */
    String celTopic;
    String celFieldTopic;
    String checkedTopic;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      Shapes.register(scope);
      celTopic = shape + "-cel";
      celFieldTopic = shape + "-celfield";
      checkedTopic = shape + "-checked";
      Schema v2 = new Schema.Parser().parse(Shapes.schema(shape, 2));
      record = Shapes.record(v2, 7);
      rawWriter = new GenericDatumWriter<>(v2);
      Map<String, Object> props =
          Map.of("schema.registry.url", "mock://" + scope, "use.latest.with.metadata", "major_version=2");
      plain = new AvroContractSerializer<>(props, false);
      cel = new AvroContractSerializer<>(props, false);
      celField = new AvroContractSerializer<>(props, false);
      jsonata = new AvroContractSerializer<>(props, false);
      Verify.cel(this);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      MockContractRegistry.dropScope(scope);
    }
  }

  @Benchmark
  public byte[] rawEncode(Serdes s, AvroBenchmark.RawCodec c) throws IOException {
    return AvroBenchmark.encode(s.rawWriter, s.record, c);
  }

  @Benchmark
  public byte[] serialize(Serdes s) {
    return s.plain.serialize(s.shape, s.record);
  }

  @Benchmark
  public byte[] serializeWithCelCondition(Serdes s) {
    return s.cel.serialize(s.celTopic, s.record);
  }

  @Benchmark
  public byte[] serializeWithCelFieldCondition(Serdes s) {
    return s.celField.serialize(s.celFieldTopic, s.record);
  }

  @Benchmark
  public byte[] serializeWithJsonataCondition(Serdes s) {
    return s.jsonata.serialize(s.checkedTopic, s.record);
  }
}
