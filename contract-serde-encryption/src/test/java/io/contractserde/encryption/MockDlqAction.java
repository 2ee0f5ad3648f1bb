package io.contractserde.encryption;

import io.contractserde.rule.RuleAction;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.dlq.DlqAction;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The real DLQ action with Kafka's MockProducer for the broker (action type {@code MOCKDLQ}). */
public final class MockDlqAction implements RuleAction {
  static final MockProducer<byte[], byte[]> PRODUCER =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  @Override
  public String type() {
    return "MOCKDLQ";
  }

  @Override
  public void run(RuleContext ctx, Object message, RuleException failure) {
    DlqAction.using(PRODUCER, "customers-dlq", false).run(ctx, message, failure);
  }
}
