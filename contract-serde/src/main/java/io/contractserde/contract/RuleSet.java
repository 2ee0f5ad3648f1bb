package io.contractserde.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of a contract: migration rules (UPGRADE / DOWNGRADE / UPDOWN), domain rules and
 * encoding rules (WRITE / READ / WRITEREAD), and where they are enabled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RuleSet(
    List<Rule> migrationRules,
    List<Rule> domainRules,
    List<Rule> encodingRules,
    ExecutionEnvironment enableAt) {

  /** A rule set with no rules. */
  public static final RuleSet EMPTY = new RuleSet(null, null, null, null);

  public RuleSet {
    migrationRules = Collections2.list(migrationRules);
    domainRules = Collections2.list(domainRules);
    encodingRules = Collections2.list(encodingRules);
  }

  /** A rule set of domain rules only. */
  public static RuleSet ofDomainRules(List<Rule> rules) {
    return new RuleSet(null, rules, null, null);
  }

  /** A rule set of migration rules only. */
  public static RuleSet ofMigrationRules(List<Rule> rules) {
    return new RuleSet(rules, null, null, null);
  }

  /** The list of the given phase. */
  public List<Rule> rules(RulePhase phase) {
    return switch (phase) {
      case MIGRATION -> migrationRules;
      case DOMAIN -> domainRules;
      case ENCODING -> encodingRules;
    };
  }

  /** Whether any rule of the phase runs when {@code mode} executes (UPDOWN/WRITEREAD included). */
  public boolean hasRules(RulePhase phase, RuleMode mode) {
    for (Rule rule : rules(phase)) {
      if (rule.mode() == mode || rule.mode().appliesTo(mode)) {
        return true;
      }
    }
    return false;
  }

  /** True when no list holds a rule. */
  public boolean isEmpty() {
    return migrationRules.isEmpty() && domainRules.isEmpty() && encodingRules.isEmpty();
  }

  /**
   * Checks what a registry checks on registration: each rule valid, names unique across the three
   * lists, migration rules in migration modes, domain and encoding rules in domain modes.
   *
   * @throws InvalidContractException naming the rule and the problem
   */
  public void validate() {
    Set<String> names = new HashSet<>();
    for (RulePhase phase : RulePhase.values()) {
      for (Rule rule : rules(phase)) {
        rule.validate();
        if (!names.add(rule.name())) {
          throw new InvalidContractException("Found rule with duplicate name '" + rule.name() + "'");
        }
        boolean migration = phase == RulePhase.MIGRATION;
        if (migration != rule.mode().isMigration()) {
          throw new InvalidContractException(
              (migration
                      ? "Migration rules can only be UPGRADE, DOWNGRADE, or UPDOWN"
                      : "Domain and encoding rules can only be WRITE, READ, or WRITEREAD")
                  + ": rule " + rule.name() + " has mode " + rule.mode());
        }
      }
    }
  }
}
