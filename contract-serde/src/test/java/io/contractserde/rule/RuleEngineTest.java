package io.contractserde.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RulePhase;
import io.contractserde.contract.RuleSet;
import io.contractserde.testing.ModelSchema;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

  /** A test executor of type APPEND: appends its param "suffix" (or the rule's expr) to field "s". */
  public static final class AppendExecutor implements RuleExecutor {
    static final List<Map<String, ?>> CONFIGURED = new CopyOnWriteArrayList<>();
    private String suffix = "";

    @Override
    public String type() {
      return "APPEND";
    }

    @Override
    public void configure(Map<String, ?> params) {
      CONFIGURED.add(Map.copyOf(params));
      Object configured = params.get("suffix");
      suffix = configured == null ? "" : String.valueOf(configured);
    }

    @Override
    public Object transform(RuleContext ctx, Object message) {
      if (ctx.rule().kind() == RuleKind.CONDITION) {
        if ("boom".equals(ctx.rule().expr())) {
          throw new IllegalStateException("kaput");
        }
        return Boolean.valueOf(ctx.rule().expr());
      }
      if ("null".equals(ctx.rule().expr())) {
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) ctx.toModel(message));
      out.put("s", out.get("s") + (ctx.rule().expr() == null ? suffix : ctx.rule().expr()));
      return ctx.fromModel(out);
    }
  }

  /** A test action that records what it saw. */
  public static final class RecordingAction implements RuleAction {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
      return "RECORD";
    }

    @Override
    public void run(RuleContext ctx, Object message, RuleException failure) {
      SEEN.add(ctx.rule().name() + ":" + ctx.mode() + ":" + (failure == null ? "ok" : failure.getMessage()));
    }
  }

  private static RuleEngine engine(Object... pairs) {
    Map<String, Object> props = new HashMap<>();
    props.put(ContractSerdeConfig.SCHEMA_REGISTRY_URL, "mock://rule-engine-test");
    props.put("rule.executors", "append");
    props.put("rule.executors.append.class", AppendExecutor.class.getName());
    props.put("rule.actions", "record");
    props.put("rule.actions.record.class", RecordingAction.class.getName());
    for (int i = 0; i < pairs.length; i += 2) {
      props.put((String) pairs[i], pairs[i + 1]);
    }
    return new RuleEngine(new ContractSerdeConfig(props));
  }

  private static ModelSchema contract(Rule... domainRules) {
    return new ModelSchema(new RegisteredSchema("s-value", 1, 9, null, "AVRO", "{}", null, null,
        RuleSet.ofDomainRules(List.of(domainRules))));
  }

  private static Object run(RuleEngine engine, ModelSchema schema, RuleMode mode, Object message, RecordHeaders headers) {
    PreparedRules rules = engine.prepare("s-value", schema, RulePhase.DOMAIN, mode);
    return engine.execute(rules, new RecordContext("t", "s-value", false, headers, message), message, schema, schema);
  }

  private static Map<String, Object> msg(String s) {
    return new LinkedHashMap<>(Map.of("s", s));
  }

  private static Rule transform(String name, RuleMode mode, String expr) {
    return Rule.of(name, RuleKind.TRANSFORM, mode, "APPEND", expr);
  }

  @Test
  void executorsGetParamsFromDefaultTypeAndNameScopesLaterWinning() {
    AppendExecutor.CONFIGURED.clear();
    RuleEngine engine = engine("rule.executors._default_.param.suffix", "d", "rule.executors._default_.param.a", "1",
        "rule.executors._APPEND_.param.suffix", "t", "rule.executors._APPEND_.param.b", "2",
        "rule.executors.append.param.suffix", "n");
    Map<String, ?> params = AppendExecutor.CONFIGURED.get(0);
    assertEquals(Map.of("suffix", "n", "a", "1", "b", "2"), params);
    assertEquals(msg("xn"), run(engine, contract(transform("r", RuleMode.WRITE, null)), RuleMode.WRITE, msg("x"), null));
  }

  @Test
  void modesFilterAndReadRunsInReverse() {
    ModelSchema schema = contract(transform("a", RuleMode.WRITE, "1"), transform("b", RuleMode.WRITEREAD, "2"),
        transform("c", RuleMode.READ, "3"));
    RuleEngine engine = engine();
    assertEquals(msg("x12"), run(engine, schema, RuleMode.WRITE, msg("x"), null));
    assertEquals(msg("x32"), run(engine, schema, RuleMode.READ, msg("x"), null));
  }

  @Test
  void conditionsFailOnlyOnFalseAndNameTheRule() {
    RuleEngine engine = engine();
    Map<String, Object> m = msg("x");
    assertSame(m, run(engine, contract(Rule.of("ok", RuleKind.CONDITION, RuleMode.WRITE, "APPEND", "true")),
        RuleMode.WRITE, m, null));
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> run(engine, contract(Rule.of("no", RuleKind.CONDITION, RuleMode.WRITE, "APPEND", "false").withDoc("s must be short")),
            RuleMode.WRITE, m, null));
    assertEquals("no", e.ruleName());
    assertTrue(e.getMessage().contains("s must be short") && e.getMessage().contains("subject 's-value' version 1 (schema id 9)")
        && e.getMessage().contains("topic 't'"), e.getMessage());
  }

  @Test
  void commaPairsApplyPerDirectionTrimmedAndCaseInsensitive() {
    Rule rule = Rule.of("pair", RuleKind.CONDITION, RuleMode.WRITEREAD, "APPEND", "false").withActions(null, " none , Error ");
    RuleEngine engine = engine();
    run(engine, contract(rule), RuleMode.WRITE, msg("x"), null);
    assertThrows(RuleFailedException.class, () -> run(engine, contract(rule), RuleMode.READ, msg("x"), null));
  }

  @Test
  void onSuccessAndCustomActionsRun() {
    RecordingAction.SEEN.clear();
    Rule rule = Rule.of("watched", RuleKind.CONDITION, RuleMode.WRITE, "APPEND", "true").withActions("record", "RECORD");
    Rule failing = Rule.of("failing", RuleKind.CONDITION, RuleMode.WRITE, "APPEND", "false").withActions(null, "Record");
    run(engine(), contract(rule, failing), RuleMode.WRITE, msg("x"), null);
    assertEquals(List.of("watched:WRITE:ok", "failing:WRITE:Expr failed: 'false'"), RecordingAction.SEEN);
  }

  @Test
  void overridesFromConfigurationReplaceTheRulesActions() {
    Rule rule = Rule.of("strict", RuleKind.CONDITION, RuleMode.WRITE, "APPEND", "false");
    run(engine("rule.executors.strict.onFailure", "NONE"), contract(rule), RuleMode.WRITE, msg("x"), null);
    run(engine("rule.executors._APPEND_.onFailure", "NONE"), contract(rule), RuleMode.WRITE, msg("x"), null);
    assertThrows(RuleFailedException.class,
        () -> run(engine("rule.executors.other.onFailure", "NONE"), contract(rule), RuleMode.WRITE, msg("x"), null));
  }

  @Test
  void aRuleNamedInTheDlqHeaderIsSkipped() {
    Rule rule = Rule.of("sent_to_dlq", RuleKind.CONDITION, RuleMode.READ, "APPEND", "false");
    RecordHeaders headers = new RecordHeaders();
    headers.add(RuleEngine.RULE_NAME_HEADER, "sent_to_dlq".getBytes(StandardCharsets.UTF_8));
    run(engine(), contract(rule), RuleMode.READ, msg("x"), headers);
    assertThrows(RuleFailedException.class, () -> run(engine(), contract(rule), RuleMode.READ, msg("x"), new RecordHeaders()));
  }

  @Test
  void aRuleNamedInTheDlqHeaderStillRunsOnWrite() {
    Rule rule = Rule.of("positive", RuleKind.CONDITION, RuleMode.WRITEREAD, "APPEND", "false");
    RecordHeaders headers = new RecordHeaders();
    headers.add(RuleEngine.RULE_NAME_HEADER, "positive".getBytes(StandardCharsets.UTF_8));
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> run(engine(), contract(rule), RuleMode.WRITE, msg("x"), headers));
    assertEquals("positive", e.ruleName());
    run(engine(), contract(rule), RuleMode.READ, msg("x"), headers);
  }

  @Test
  void anExecutorThatThrowsIsARuleFailureWithItsMessage() {
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> run(engine(), contract(Rule.of("b", RuleKind.CONDITION, RuleMode.WRITE, "APPEND", "boom")), RuleMode.WRITE, msg("x"), null));
    assertTrue(e.getMessage().contains("IllegalStateException: kaput"), e.getMessage());
  }

  @Test
  void aTransformWithoutResultFailsAndNeverDropsTheRecord() {
    assertThrows(RuleFailedException.class,
        () -> run(engine(), contract(transform("n", RuleMode.WRITE, "null")), RuleMode.WRITE, msg("x"), null));
    Map<String, Object> m = msg("x");
    assertSame(m, run(engine(), contract(transform("n", RuleMode.WRITE, "null").withActions(null, "NONE")),
        RuleMode.WRITE, m, null));
  }

  @Test
  void executorsAndActionsMustBeFullyConfigured() {
    assertThrows(ConfigException.class, () -> engine("rule.executors", "ghost"));
    assertThrows(ConfigException.class, () -> engine("rule.executors", "x", "rule.executors.x.class", String.class.getName()));
    assertThrows(ConfigException.class, () -> engine("rule.actions", "x", "rule.actions.x.class", "no.such.Class"));
  }

  @Test
  void theServiceLoaderCanBeSwitchedOff() {
    Rule jsonata = Rule.of("j", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", "false");
    assertThrows(RuleFailedException.class, () -> run(engine(), contract(jsonata), RuleMode.WRITE, msg("x"), null));
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> run(engine("rule.service.loader.enable", false), contract(jsonata), RuleMode.WRITE, msg("x"), null));
    assertTrue(e.getMessage().contains("Could not find rule executor of type JSONATA"), e.getMessage());
  }

  @Test
  void disabledRulesAreLeftOutWhenPrepared() {
    Rule off = new Rule("off", null, RuleKind.TRANSFORM, RuleMode.WRITE, "APPEND", null, null, "1", null, null, true);
    PreparedRules prepared = engine().prepare("s-value", contract(off, transform("on", RuleMode.WRITE, "2")),
        RulePhase.DOMAIN, RuleMode.WRITE);
    assertEquals(List.of("on"), prepared.ruleNames());
    assertEquals(List.of("off", "on"), engine("rule.executors.off.disabled", "false")
        .prepare("s-value", contract(off, transform("on", RuleMode.WRITE, "2")), RulePhase.DOMAIN, RuleMode.WRITE)
        .ruleNames());
  }
}
