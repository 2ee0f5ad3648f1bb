package io.contractserde.tools;

import com.dashjoin.jsonata.Jsonata;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.InvalidContractException;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RulePhase;
import io.contractserde.rule.RuleAction;
import io.contractserde.rule.RuleExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a rule set without running it: the registry's validation, the actions named, an executor
 * per rule type, and that every expression compiles. Executors and actions are those a serde would
 * load: found through {@link ServiceLoader}, plus those named in {@code rule.executors} /
 * {@code rule.actions}.
 */
final class RuleChecks implements AutoCloseable {
  private final Map<String, RuleExecutor> executors = new LinkedHashMap<>();
  private final Set<String> actions = new TreeSet<>(List.of("ERROR", "NONE"));

  RuleChecks(ContractSerdeConfig config) {
    for (RuleExecutor executor : ServiceLoader.load(RuleExecutor.class, RuleChecks.class.getClassLoader())) {
      executors.putIfAbsent(executor.type().toUpperCase(Locale.ROOT), executor);
    }
    for (String name : config.getList(ContractSerdeConfig.RULE_EXECUTORS)) {
      Object className = config.originals().get(ContractSerdeConfig.RULE_EXECUTORS + "." + name + ".class");
      if (className != null) {
        RuleExecutor executor = instantiate(String.valueOf(className), RuleExecutor.class);
        executors.putIfAbsent(executor.type().toUpperCase(Locale.ROOT), executor);
      }
    }
    for (RuleAction action : ServiceLoader.load(RuleAction.class, RuleChecks.class.getClassLoader())) {
      actions.add(action.type().toUpperCase(Locale.ROOT));
    }
    for (String name : config.getList(ContractSerdeConfig.RULE_ACTIONS)) {
      actions.add(name.trim().toUpperCase(Locale.ROOT));
      Object className = config.originals().get(ContractSerdeConfig.RULE_ACTIONS + "." + name + ".class");
      if (className != null) {
        actions.add(instantiate(String.valueOf(className), RuleAction.class).type().toUpperCase(Locale.ROOT));
      }
    }
  }

  private static <T> T instantiate(String className, Class<T> kind) {
    try {
      return kind.cast(Class.forName(className.trim(), true, RuleChecks.class.getClassLoader())
          .getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      throw new IllegalArgumentException("Cannot load " + className + ": " + e, e);
    }
  }

  /** The rule types that have an executor. */
  Set<String> types() {
    return executors.keySet();
  }

  boolean hasExecutor(String type) {
    return type != null && executors.containsKey(type.toUpperCase(Locale.ROOT));
  }

  void check(RegisteredSchema contract, List<Finding> out) {
    String subject = contract.subject();
    Integer version = contract.version();
    Set<String> names = new HashSet<>();
    for (RulePhase phase : RulePhase.values()) {
      List<Rule> rules = contract.rules().rules(phase);
      for (int i = 0; i < rules.size(); i++) {
        Rule rule = rules.get(i);
        String location = "ruleSet." + listName(phase) + "[" + i + "]" + (rule.name() == null ? "" : " " + rule.name());
        try {
          rule.validate();
        } catch (InvalidContractException e) {
          out.add(Check.RULE_SET_INVALID.at(subject, version, location, e.getMessage()
              + ". Rule names start with a letter or _ and hold letters, digits, _ and -; every rule needs a type;"
              + " comma pairs of actions need mode WRITEREAD or UPDOWN."));
          continue;
        }
        if (!names.add(rule.name())) {
          out.add(Check.RULE_SET_INVALID.at(subject, version, location, "The rule name '" + rule.name()
              + "' is used twice in the rule set: rename one (names are unique across the three lists)."));
        }
        boolean migration = phase == RulePhase.MIGRATION;
        if (migration != rule.mode().isMigration()) {
          out.add(Check.RULE_SET_INVALID.at(subject, version, location, "Rule '" + rule.name() + "' has mode "
              + rule.mode() + " in " + listName(phase) + ": " + (migration
                  ? "migration rules take UPGRADE, DOWNGRADE or UPDOWN; move it to domainRules or change its mode."
                  : "domain and encoding rules take WRITE, READ or WRITEREAD; move it to migrationRules or change its mode.")));
        }
        checkActions(rule, location, subject, version, out);
        String type = rule.type().trim().toUpperCase(Locale.ROOT);
        RuleExecutor executor = executors.get(type);
        if (executor == null) {
          out.add(Check.RULE_EXECUTOR_MISSING.at(subject, version, location, "No executor runs rules of type '"
              + rule.type() + "' (available: " + String.join(", ", executors.keySet()) + "): add the module that"
              + " provides it to the class path, name it in rule.executors, or fix the type."));
          continue;
        }
        compileError(type, rule, executor).ifPresent(error -> out.add(Check.EXPRESSION_DOES_NOT_COMPILE.at(
            subject, version, location, "The " + type + " expression of rule '" + rule.name()
                + "' does not compile: " + error + ". Fix the expression: `" + rule.expr() + "`")));
      }
    }
  }

  private void checkActions(Rule rule, String location, String subject, Integer version, List<Finding> out) {
    for (String spec : new String[] {rule.onSuccess(), rule.onFailure()}) {
      if (spec == null) {
        continue;
      }
      for (String part : spec.split(",", -1)) {
        String name = part.trim().toUpperCase(Locale.ROOT);
        if (!name.isEmpty() && !actions.contains(name)) {
          out.add(Check.RULE_ACTION_UNKNOWN.at(subject, version, location, "Rule '" + rule.name()
              + "' names the action '" + part.trim() + "', which is not available: use one of "
              + String.join(", ", actions) + " (or configure it in rule.actions)."));
        }
      }
    }
  }

  private static Optional<String> compileError(String type, Rule rule, RuleExecutor executor) {
    if (type.equals("JSONATA")) {
      if (rule.expr() == null || rule.expr().isBlank()) {
        return Optional.of("the rule has no expression");
      }
      try {
        Jsonata.jsonata(rule.expr());
        return Optional.empty();
      } catch (RuntimeException e) {
        return Optional.of(String.valueOf(e.getMessage()));
      }
    }
    try {
      return executor.check(rule);
    } catch (RuntimeException e) {
      return Optional.of(e.toString());
    }
  }

  static String listName(RulePhase phase) {
    return switch (phase) {
      case MIGRATION -> "migrationRules";
      case DOMAIN -> "domainRules";
      case ENCODING -> "encodingRules";
    };
  }

  /** Every rule of a contract, with its list. */
  static List<Rule> all(RegisteredSchema contract) {
    List<Rule> all = new ArrayList<>();
    for (RulePhase phase : RulePhase.values()) {
      all.addAll(contract.rules().rules(phase));
    }
    return all;
  }

  @Override
  public void close() {
    for (RuleExecutor e : executors.values()) {
      try {
        e.close();
      } catch (Exception ignored) {
        // best effort
      }
    }
  }
}
