package io.contractserde.encryption;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.encryption.dek.MockDekRegistry;
import io.contractserde.rule.RuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ciphers an encryption executor keeps per rule, subject and direction: a consumer of many
 * topics (more rules than the executor's slots, or two rules in one slot) finds each cipher it made
 * before, with the keys that cipher used last, rather than making one per record.
 */
class ExecutorStateTest {

  @Test
  void aCipherIsFoundAgainHoweverManyRulesTakeTurns() {
    String scope = "executor-state-" + System.nanoTime();
    try (ExecutorState state = new ExecutorState()) {
      state.configureRegistry(Map.of("schema.registry.url", "mock://" + scope));
      state.configure(Map.of("secret", "executor-state-secret"));
      EncryptParams params = new EncryptParams("kek", "local-kms", "key", DekAlgorithm.AES256_GCM, 0, List.of());
      List<Rule> rules = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        rules.add(Rule.of("encrypt_" + i, RuleKind.TRANSFORM, RuleMode.WRITEREAD, "ENCRYPT", null));
      }
      List<ValueCipher> writers = new ArrayList<>();
      List<ValueCipher> readers = new ArrayList<>();
      for (Rule rule : rules) {
        writers.add(state.cipher(rule, "topic-value", RuleMode.WRITE, () -> params));
        readers.add(state.cipher(rule, "topic-value", RuleMode.READ, () -> params));
      }
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < rules.size(); i++) {
          ValueCipher writer = state.cipher(rules.get(i), "topic-value", RuleMode.WRITE, () -> params);
          assertSame(writers.get(i), writer, "rule " + i + ", round " + round);
          assertTrue(writer.serves(rules.get(i), "topic-value", true));
          assertSame(readers.get(i), state.cipher(rules.get(i), "topic-value", RuleMode.READ, () -> params));
        }
      }
      // Another subject under the same rule is another cipher (its own DEK).
      assertTrue(state.cipher(rules.get(0), "other-value", RuleMode.WRITE, () -> params).serves(rules.get(0),
          "other-value", true));
      assertThrows(RuleException.class, () -> state.cipher(rules.get(0), "topic-value", RuleMode.UPGRADE, () -> params));
    } finally {
      MockDekRegistry.dropScope(scope);
    }
  }
}
