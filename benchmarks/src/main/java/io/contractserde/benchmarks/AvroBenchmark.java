package io.contractserde.benchmarks;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.registry.MockContractRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
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
 * Avro: the serde against raw {@code GenericDatumWriter} / {@code GenericDatumReader} with a reused
 * encoder and decoder, for the same record. {@code raw*} are the baselines.
 *
 * <p>{@code metrics} gives the cost of the serdes' metrics on the hot path: {@code plugin} against
 * {@code off} in the same run, e.g.
 * {@code java -jar benchmarks/target/benchmarks.jar 'AvroBenchmark.(serialize|deserializeSameVersion|deserializeUpgradeOneHop)$' -p metrics=off,plugin -t 4}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class AvroBenchmark {

  /** What one benchmark thread owns: the raw encoder, decoder and buffer it reuses. */
  @State(Scope.Thread)
  public static class RawCodec {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    BinaryEncoder encoder;
    BinaryDecoder decoder;
  }

  /** The serdes and records, shared by all benchmark threads as a producer's serde would be. */
  @State(Scope.Benchmark)
  public static class Serdes {
    @Param({"small", "large"})
    public String shape;

    /** {@code off}: standalone serdes; {@code plugin}: metrics in a Kafka registry, as in a client. */
    @Param({"off", "plugin"})
    public String metrics;

    final String scope = "bench-" + System.nanoTime();
    String topic;
    /** The checked subject's topic, made once: a per-call concatenation would be measured with the serde. */
    String checkedTopic;
    GenericRecord v1Record;
    GenericRecord v2Record;
    GenericDatumWriter<GenericRecord> rawWriter;
    GenericDatumReader<GenericRecord> rawReader;
    byte[] rawPayload;
    AvroContractSerializer<Object> serializer;
    AvroContractSerializer<Object> checkedSerializer;
    AvroContractDeserializer<Object> v1Reader;
    AvroContractDeserializer<Object> v2Reader;
    AvroContractDeserializer<Object> v3Reader;
    AvroContractDeserializer<Object> v2InterpretingReader;
    byte[] v1Bytes;
    byte[] v2Bytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      Shapes.register(scope);
      topic = shape;
      checkedTopic = shape + "-checked";
      Schema v1 = new Schema.Parser().parse(Shapes.schema(shape, 1));
      Schema v2 = new Schema.Parser().parse(Shapes.schema(shape, 2));
      v1Record = Shapes.record(v1, 7);
      v2Record = Shapes.record(v2, 7);
      rawWriter = new GenericDatumWriter<>(v2);
      rawReader = new GenericDatumReader<>(v2);
      serializer = new AvroContractSerializer<>(props("use.latest.with.metadata", "major_version=2"), false);
      checkedSerializer = new AvroContractSerializer<>(props("use.latest.with.metadata", "major_version=2"), false);
      v1Reader = new AvroContractDeserializer<>(props("use.latest.with.metadata", "major_version=1"), false);
      v2Reader = new AvroContractDeserializer<>(props("use.latest.with.metadata", "major_version=2"), false);
      v3Reader = new AvroContractDeserializer<>(props("use.latest.with.metadata", "major_version=3"), false);
      v2InterpretingReader = new AvroContractDeserializer<>(
          props("use.latest.with.metadata", "major_version=2", "migration.fast.path", "false"), false);
      if (metrics.equals("plugin")) {
        serializer.withPluginMetrics(pluginMetrics("value.serializer", "AvroContractSerializer"));
        checkedSerializer.withPluginMetrics(pluginMetrics("value.serializer", "AvroContractSerializer"));
        v1Reader.withPluginMetrics(pluginMetrics("value.deserializer", "AvroContractDeserializer"));
        v2Reader.withPluginMetrics(pluginMetrics("value.deserializer", "AvroContractDeserializer"));
        v3Reader.withPluginMetrics(pluginMetrics("value.deserializer", "AvroContractDeserializer"));
        v2InterpretingReader.withPluginMetrics(pluginMetrics("value.deserializer", "AvroContractDeserializer"));
      }
      v1Bytes = new AvroContractSerializer<>(props("use.latest.with.metadata", "major_version=1"), false)
          .serialize(topic, v1Record);
      v2Bytes = serializer.serialize(topic, v2Record);
      rawPayload = Arrays.copyOfRange(v2Bytes, 5, v2Bytes.length);
      Verify.avro(this);
    }

    /** A client's plugin metrics for one serde, as a producer or consumer hands them over. */
    private static org.apache.kafka.common.metrics.PluginMetrics pluginMetrics(String config, String className) {
      return new org.apache.kafka.common.metrics.internals.PluginMetricsImpl(
          new org.apache.kafka.common.metrics.Metrics(), Map.of("config", config, "class", className));
    }

    private Map<String, Object> props(String... pairs) {
      Map<String, Object> props = new java.util.HashMap<>();
      props.put("schema.registry.url", "mock://" + scope);
      for (int i = 0; i < pairs.length; i += 2) {
        props.put(pairs[i], pairs[i + 1]);
      }
      return props;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      MockContractRegistry.dropScope(scope);
    }
  }

  @Benchmark
  public byte[] rawEncode(Serdes s, RawCodec c) throws IOException {
    return encode(s.rawWriter, s.v2Record, c);
  }

  /** The raw baseline of every Avro write benchmark: the datum writer on a reused encoder and buffer. */
  static byte[] encode(GenericDatumWriter<GenericRecord> writer, GenericRecord record, RawCodec c) throws IOException {
    c.out.reset();
    c.encoder = EncoderFactory.get().binaryEncoder(c.out, c.encoder);
    writer.write(record, c.encoder);
    c.encoder.flush();
    return c.out.toByteArray();
  }

  @Benchmark
  public byte[] serialize(Serdes s) {
    return s.serializer.serialize(s.topic, s.v2Record);
  }

  @Benchmark
  public byte[] serializeWithCondition(Serdes s) {
    return s.checkedSerializer.serialize(s.checkedTopic, s.v2Record);
  }

  @Benchmark
  public GenericRecord rawDecode(Serdes s, RawCodec c) throws IOException {
    c.decoder = DecoderFactory.get().binaryDecoder(s.rawPayload, c.decoder);
    return s.rawReader.read(null, c.decoder);
  }

  @Benchmark
  public Object deserializeSameVersion(Serdes s) {
    return s.v2Reader.deserialize(s.topic, s.v2Bytes);
  }

  @Benchmark
  public Object deserializeUpgradeOneHop(Serdes s) {
    return s.v2Reader.deserialize(s.topic, s.v1Bytes);
  }

  /** The same migration in the JSONata interpreter: the compiled fast path switched off. */
  @Benchmark
  public Object deserializeUpgradeOneHopInterpreted(Serdes s) {
    return s.v2InterpretingReader.deserialize(s.topic, s.v1Bytes);
  }

  @Benchmark
  public Object deserializeDowngradeOneHop(Serdes s) {
    return s.v1Reader.deserialize(s.topic, s.v2Bytes);
  }

  @Benchmark
  public Object deserializeUpgradeTwoHops(Serdes s) {
    return s.v3Reader.deserialize(s.topic, s.v1Bytes);
  }
}
