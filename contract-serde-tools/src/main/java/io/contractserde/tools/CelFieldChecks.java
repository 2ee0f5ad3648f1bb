package io.contractserde.tools;

import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import dev.cel.parser.CelStandardMacro;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RulePhase;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.LeafShape;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.format.shape.UnionShape;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the fields a {@code CEL} expression reads against the contract: every
 * {@code message.a.b} must name fields of the schema (a presence test, {@code has(message.a)}, may
 * name any). Only whole-record {@code CEL} rules of the domain and encoding lists are checked, where
 * {@code message} is a record of this contract; in a migration rule the record may be of another
 * version, and in {@code CEL_FIELD} {@code message} is whatever record holds the field.
 */
final class CelFieldChecks {
  private static final CelParser PARSER = CelParserFactory.standardCelParserBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .build();

  private CelFieldChecks() {}

  static void check(ContractSchema schema, List<Finding> out) {
    FieldShape root = schema.fieldShape();
    if (!(root instanceof RecordShape record)) {
      return;
    }
    RegisteredSchema contract = schema.contract();
    for (RulePhase phase : new RulePhase[] {RulePhase.DOMAIN, RulePhase.ENCODING}) {
      List<Rule> rules = contract.rules().rules(phase);
      for (int i = 0; i < rules.size(); i++) {
        Rule rule = rules.get(i);
        if (rule.type() == null || !rule.type().trim().equalsIgnoreCase("CEL") || rule.expr() == null) {
          continue;
        }
        boolean ignoreGuard = Boolean.parseBoolean(rule.params().get("cel.ignore.guard.separator"));
        int semicolon = ignoreGuard ? -1 : rule.expr().indexOf(';');
        Set<String> problems = new LinkedHashSet<>();
        if (semicolon < 0) {
          problems.addAll(unknownFields(rule.expr(), record));
        } else {
          problems.addAll(unknownFields(rule.expr().substring(0, semicolon), record));
          problems.addAll(unknownFields(rule.expr().substring(semicolon + 1), record));
        }
        for (String problem : problems) {
          out.add(Check.EXPRESSION_NAMES_UNKNOWN_FIELD.at(contract.subject(), contract.version(),
              "ruleSet." + RuleChecks.listName(phase) + "[" + i + "] " + rule.name(), "The CEL expression of rule '"
                  + rule.name() + "' " + problem + ": every record would fail it. Fix the field name, or test"
                  + " for it first with has(...)."));
        }
      }
    }
  }

  /** Problems with the {@code message.x.y} selections of one expression; none when it does not parse. */
  static Set<String> unknownFields(String expr, RecordShape root) {
    Set<String> problems = new LinkedHashSet<>();
    CelNavigableAst ast;
    try {
      ast = CelNavigableAst.fromAst(PARSER.parse(expr).getAst());
    } catch (CelValidationException | RuntimeException e) {
      return problems;
    }
    ast.getRoot().allNodes().forEach(node -> {
      CelExpr e = node.expr();
      if (e.getKind() != CelExpr.ExprKind.Kind.SELECT || e.select().testOnly()) {
        return;
      }
      Deque<String> path = new ArrayDeque<>();
      CelExpr at = e;
      while (at.getKind() == CelExpr.ExprKind.Kind.SELECT) {
        path.push(at.select().field());
        at = at.select().operand();
      }
      if (at.getKind() != CelExpr.ExprKind.Kind.IDENT || !at.ident().name().equals("message")) {
        return;
      }
      FieldShape shape = root;
      StringBuilder read = new StringBuilder("message");
      for (String field : path) {
        RecordShape record = record(shape);
        if (record == null) {
          if (shape instanceof LeafShape) {
            problems.add("reads " + read + "." + field + ", but " + read + " is a " + shape + ", which has no fields");
          }
          return;
        }
        int index = record.indexOf(field);
        if (index < 0) {
          problems.add("reads " + read + "." + field + ", but " + record.fullName() + " has no field '" + field
              + "' (its fields: " + String.join(", ", record.fields().stream().map(RecordShape.Field::name).toList()) + ")");
          return;
        }
        read.append('.').append(field);
        shape = record.fields().get(index).shape();
      }
    });
    return problems;
  }

  /** The record a shape is, or holds as a nullable union branch; null when it is none. */
  private static RecordShape record(FieldShape shape) {
    if (shape instanceof RecordShape record) {
      return record;
    }
    if (shape instanceof UnionShape union) {
      RecordShape found = null;
      for (FieldShape branch : union.branches()) {
        if (branch instanceof RecordShape r) {
          if (found != null) {
            return null;
          }
          found = r;
        } else if (!branch.acceptsNull()) {
          return null;
        }
      }
      return found;
    }
    return null;
  }
}
