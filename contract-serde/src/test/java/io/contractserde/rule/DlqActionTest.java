package io.contractserde.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.rule.dlq.DlqAction;
import io.contractserde.testing.ModelSchema;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The DLQ action as a unit, with Kafka's MockProducer for the broker (DlqBrokerTest has the real one). */
class DlqActionTest {
  private static final Rule RULE = Rule.of("positive", RuleKind.CONDITION, RuleMode.WRITEREAD, "JSONATA", "amount > 0")
      .withActions(null, "DLQ");

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  private static RuleContext context(RuleMode mode, Metadata metadata, RecordHeaders headers, Object original) {
    ModelSchema schema = new ModelSchema(new RegisteredSchema("pay-value", 3, 12, null, "JSON", "{}", null, metadata,
        RuleSet.ofDomainRules(List.of(RULE))));
    return new RuleContext(RULE, mode, schema, schema, new RecordContext("pay", "pay-value", false, headers, original), false,
        List.of(RULE), 0, null);
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String key) {
    return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  @Test
  void aFailedWriteIsTeedToTheDlqWithItsHeadersAndStillFails() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("id", "p1");
    value.put("amount", -5);
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", new byte[] {1});
    RuleContext ctx = context(RuleMode.WRITE, Metadata.ofProperties(Map.of("dlq.topic", "pay-dlq")), headers, value);
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> DlqAction.using(producer, null, true).run(ctx, value, new RuleConditionException(RULE)));
    assertEquals("positive", e.ruleName());
    assertEquals(1, producer.history().size());
    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertEquals("pay-dlq", sent.topic(), "the topic comes from the contract's metadata");
    assertEquals("{\"id\":\"p1\",\"amount\":-5}", new String(sent.value(), StandardCharsets.UTF_8));
    assertEquals("positive", header(sent, "__rule.name"));
    assertEquals("WRITE", header(sent, "__rule.mode"));
    assertEquals("pay-value", header(sent, "__rule.subject"));
    assertEquals("pay", header(sent, "__rule.topic"));
    assertEquals("Expr failed: 'amount > 0'", header(sent, "__rule.exception"));
    assertArrayEquals(new byte[] {1}, sent.headers().lastHeader("trace").value(), "the record's own headers go along");
  }

  @Test
  void onReadTheRawBytesAreSent() {
    byte[] raw = {0, 0, 0, 0, 12, 42};
    RuleContext ctx = context(RuleMode.READ, null, null, raw);
    assertThrows(RuleFailedException.class,
        () -> DlqAction.using(producer, "explicit-dlq", false).run(ctx, Map.of("amount", 0), null));
    assertEquals("explicit-dlq", producer.history().get(0).topic());
    assertArrayEquals(raw, producer.history().get(0).value());
    assertEquals("READ", header(producer.history().get(0), "__rule.mode"));
  }

  @Test
  void withoutATopicTheFailureSaysHowToConfigureOne() {
    RuleContext ctx = context(RuleMode.WRITE, null, null, Map.of("amount", 0));
    SerializationException e = assertThrows(SerializationException.class,
        () -> DlqAction.using(producer, null, false).run(ctx, Map.of("amount", 0), null));
    assertTrue(e.getMessage().contains("no topic is configured") && e.getMessage().contains("dlq.topic"), e.getMessage());
    assertTrue(producer.history().isEmpty());
  }

  @Test
  void writePathScalarsAreSentAsTheIncumbentDoes() {
    for (Object[] c : new Object[][] {{"abc", "abc".getBytes(StandardCharsets.UTF_8)},
        {7L, new byte[] {0, 0, 0, 0, 0, 0, 0, 7}}, {7, new byte[] {0, 0, 0, 7}}, {new byte[] {9}, new byte[] {9}}}) {
      producer.clear();
      RuleContext ctx = context(RuleMode.WRITE, null, null, c[0]);
      assertThrows(RuleFailedException.class, () -> DlqAction.using(producer, "d", false).run(ctx, c[0], null));
      assertArrayEquals((byte[]) c[1], producer.history().get(0).value(), String.valueOf(c[0]));
    }
  }
}
