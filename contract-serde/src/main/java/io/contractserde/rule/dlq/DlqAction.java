package io.contractserde.rule.dlq;

import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RuleMode;
import io.contractserde.rule.RuleAction;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleEngine;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.RuleFailedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import io.contractserde.rule.field.FieldRedaction;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code DLQ} action: sends the failing record to a dead-letter topic, then fails the record
 * with a {@link RuleFailedException}, as the incumbent does (the record is teed, never swallowed).
 *
 * <p>The topic is the action's {@code dlq.topic} parameter, else the rule's {@code dlq.topic}
 * param, else the target contract's {@code dlq.topic} metadata property. What is sent:
 * <ul>
 *   <li>on write, the caller's value: bytes as they are, strings and UUIDs as UTF-8, numbers with
 *       Kafka's serializers, records and documents as JSON (Avro records in Avro's JSON encoding);
 *   <li>on read, the raw record value, framing included, so it can be read again once fixed;
 *   <li>headers {@code __rule.name}, {@code __rule.mode}, {@code __rule.subject},
 *       {@code __rule.topic}, {@code __rule.exception} next to the record's own. Reading the DLQ
 *       back with a contract deserializer skips the rule named in {@code __rule.name}.
 * </ul>
 * The producer is made on first use from the serde's properties (so {@code bootstrap.servers} and
 * security settings are the client's own); {@code dlq.auto.flush=true} flushes after each send.
 * On write, fields protected by a rule of a type in {@code dlq.redact.rule.types} (default
 * {@code ENCRYPT,ENCRYPT_PAYLOAD}) are redacted first (see {@link FieldRedaction}): the plaintext of an
 * encrypted field never reaches the DLQ.
 */
public final class DlqAction implements RuleAction {
  public static final String TYPE = "DLQ";
  public static final String TOPIC = "dlq.topic";
  public static final String AUTO_FLUSH = "dlq.auto.flush";
  public static final String REDACT_RULE_TYPES = "dlq.redact.rule.types";
  private static final Logger log = LoggerFactory.getLogger(DlqAction.class);

  private Map<String, Object> producerConfig = Map.of();
  private String topic;
  private boolean autoFlush;
  private Set<String> redactTypes = Set.of("ENCRYPT", "ENCRYPT_PAYLOAD");
  private volatile Producer<byte[], byte[]> producer;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void configure(Map<String, ?> params) {
    Map<String, Object> config = new HashMap<>(params);
    Object configuredTopic = config.remove(TOPIC);
    Object flush = config.remove(AUTO_FLUSH);
    Object redact = config.remove(REDACT_RULE_TYPES);
    if (redact != null) {
      redactTypes = Set.copyOf(java.util.Arrays.asList(redact.toString().toUpperCase(java.util.Locale.ROOT).trim().split("\\s*,\\s*")));
    }
    topic = configuredTopic == null ? null : configuredTopic.toString();
    autoFlush = flush != null && Boolean.parseBoolean(flush.toString().trim());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    Object clientId = config.get(ProducerConfig.CLIENT_ID_CONFIG);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, (clientId == null ? "contract-serde" : clientId) + "-dlq-"
        + UUID.randomUUID().toString().substring(0, 8));
    // A transactional or idempotent client's settings must not leak into this side producer.
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    producerConfig = config;
  }

  /** A DLQ action that sends with a producer of the caller's (null topic: from the rule or contract). */
  public static DlqAction using(Producer<byte[], byte[]> producer, String topic, boolean autoFlush) {
    DlqAction action = new DlqAction();
    action.producer = producer;
    action.topic = topic;
    action.autoFlush = autoFlush;
    return action;
  }

  @Override
  public void run(RuleContext ctx, Object message, RuleException failure) {
    String target = topic != null ? topic : ctx.parameter(TOPIC);
    if (target == null || target.isBlank()) {
      throw new SerializationException("Could not send to DLQ as no topic is configured: set " + TOPIC
          + " on the action (rule.actions.<name>.param." + TOPIC + "), the rule's params or the contract's metadata"
          + " (" + ctx.describe() + ")", failure);
    }
    RecordHeaders headers = new RecordHeaders(ctx.headers() == null ? new RecordHeaders() : ctx.headers());
    headers.add(RuleEngine.RULE_NAME_HEADER, utf8(ctx.rule().name()));
    headers.add("__rule.mode", utf8(ctx.mode().name()));
    headers.add("__rule.subject", utf8(ctx.subject()));
    headers.add("__rule.topic", utf8(ctx.topic()));
    if (failure != null && failure.getMessage() != null) {
      headers.add("__rule.exception", utf8(failure.getMessage()));
    }
    byte[] value = ctx.mode() == RuleMode.WRITE
        ? valueBytes(ctx, redacted(ctx, ctx.originalValue()))
        : (byte[]) ctx.originalValue();
    try {
      Producer<byte[], byte[]> p = producer();
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(target, null, null, (byte[]) null, value, headers);
      p.send(record, (metadata, e) -> {
        if (e != null) {
          log.error("Could not send a record that failed rule '{}' to DLQ topic '{}': {}", ctx.rule().name(), target,
              e.toString());
        }
      });
      if (autoFlush) {
        p.flush();
      }
    } catch (RuntimeException e) {
      log.error("Could not send a record that failed rule '{}' to DLQ topic '{}': {}", ctx.rule().name(), target,
          e.toString());
    }
    throw new RuleFailedException(ctx, failure == null ? new RuleException("sent to DLQ topic " + target) : failure);
  }

  private Producer<byte[], byte[]> producer() {
    Producer<byte[], byte[]> p = producer;
    if (p == null) {
      synchronized (this) {
        p = producer;
        if (p == null) {
          p = new KafkaProducer<>(producerConfig);
          producer = p;
        }
      }
    }
    return p;
  }

  /** The caller's value with protected fields redacted; null (no value) when it cannot be redacted. */
  private Object redacted(RuleContext ctx, Object value) {
    try {
      return FieldRedaction.redact(ctx.target(), redactTypes, value);
    } catch (RuntimeException e) {
      log.warn("Could not redact the protected fields of a record for DLQ topic of rule '{}'; sending no value: {}",
          ctx.rule().name(), e.toString());
      return null;
    }
  }

  /** The write path's value as the incumbent sends it. */
  static byte[] valueBytes(RuleContext ctx, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] b) {
      return b;
    }
    if (value instanceof ByteBuffer b) {
      ByteBuffer copy = b.duplicate();
      byte[] out = new byte[copy.remaining()];
      copy.get(out);
      return out;
    }
    if (value instanceof Bytes b) {
      return b.get();
    }
    if (value instanceof CharSequence || value instanceof UUID) {
      return utf8(value.toString());
    }
    if (value instanceof Long l) {
      return new LongSerializer().serialize(null, l);
    }
    if (value instanceof Integer i) {
      return new IntegerSerializer().serialize(null, i);
    }
    if (value instanceof Short s) {
      return new ShortSerializer().serialize(null, s);
    }
    if (value instanceof Double d) {
      return new DoubleSerializer().serialize(null, d);
    }
    if (value instanceof Float f) {
      return new FloatSerializer().serialize(null, f);
    }
    try {
      return ContractJson.mapper().writeValueAsBytes(ctx.target().toModel(value));
    } catch (Exception e) {
      return utf8(String.valueOf(value));
    }
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    Producer<byte[], byte[]> p = producer;
    if (p != null) {
      p.close();
    }
  }

  @Override
  public String toString() {
    return "DlqAction[" + (topic == null ? "topic from the rule or contract" : topic) + "]";
  }
}
