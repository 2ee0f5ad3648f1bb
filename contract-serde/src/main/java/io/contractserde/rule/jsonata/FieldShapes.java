package io.contractserde.rule.jsonata;

import io.contractserde.rule.jsonata.Expr.ArrayCons;
import io.contractserde.rule.jsonata.Expr.Binary;
import io.contractserde.rule.jsonata.Expr.Call;
import io.contractserde.rule.jsonata.Expr.Context;
import io.contractserde.rule.jsonata.Expr.Lambda;
import io.contractserde.rule.jsonata.Expr.Literal;
import io.contractserde.rule.jsonata.Expr.Logical;
import io.contractserde.rule.jsonata.Expr.Name;
import io.contractserde.rule.jsonata.Expr.ObjectCons;
import io.contractserde.rule.jsonata.Expr.Path;
import io.contractserde.rule.jsonata.Expr.Step;
import io.contractserde.rule.jsonata.Expr.Variable;
import io.contractserde.rule.jsonata.JsonataExecutor.FieldOperations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognizes, on the syntax tree, the expressions that only rename and drop top-level fields:
 *
 * <ul>
 *   <li>{@code $} (nothing);
 *   <li>{@code $sift($, function($v, $k) {$k != 'a' and $k != 'b'})} (drop);
 *   <li>{@code $merge([$sift($, function($v, $k) {$k != 'a'}), {'b': $.a}])} (rename), the value
 *       written as {@code a}, {@code $.a}, {@code $.'a'}, {@code `a`} or {@code $lookup($, 'a')}.
 * </ul>
 *
 * Quotes, parameter names, white space and comments do not matter: it is the tree that is matched.
 */
final class FieldShapes {
  private FieldShapes() {}

  static Optional<FieldOperations> of(Expr e) {
    if (e instanceof Context) {
      return Optional.of(new FieldOperations(List.of(), Map.of()));
    }
    List<String> drops = sift(e);
    if (drops != null) {
      return Optional.of(new FieldOperations(drops, Map.of()));
    }
    if (e instanceof Call c && c.name().equals("merge") && c.chained() == null && c.args().size() == 1
        && c.args().get(0) instanceof ArrayCons a && a.items().size() == 2
        && a.items().get(1) instanceof ObjectCons o) {
      List<String> dropped = sift(a.items().get(0));
      if (dropped == null || o.keys().isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> renames = new LinkedHashMap<>();
      List<String> targets = new ArrayList<>();
      for (int i = 0; i < o.keys().size(); i++) {
        if (!(o.keys().get(i) instanceof Literal l && l.value() instanceof String to) || targets.contains(to)) {
          return Optional.empty();
        }
        String from = field(o.values().get(i));
        if (from == null || !dropped.contains(from) || renames.containsKey(from)) {
          return Optional.empty();
        }
        targets.add(to);
        renames.put(from, to);
      }
      return Optional.of(new FieldOperations(dropped, renames));
    }
    return Optional.empty();
  }

  /** The fields a {@code $sift($, function($v, $k) {$k != 'a' and ...})} drops; null when it is not one. */
  private static List<String> sift(Expr e) {
    if (!(e instanceof Call c) || !c.name().equals("sift") || c.chained() != null || c.args().size() != 2
        || !(c.args().get(0) instanceof Context) || !(c.args().get(1) instanceof Lambda f) || f.params().size() < 2) {
      return null;
    }
    String key = f.params().get(1);
    if (f.params().indexOf(key) != 1) {
      return null;
    }
    List<String> names = new ArrayList<>();
    return notEqual(f.body(), key, names) ? names : null;
  }

  private static boolean notEqual(Expr e, String key, List<String> names) {
    if (e instanceof Logical l && l.and()) {
      return notEqual(l.lhs(), key, names) && notEqual(l.rhs(), key, names);
    }
    if (e instanceof Binary b && b.op().equals("!=")) {
      String name = null;
      if (b.lhs() instanceof Variable v && v.name().equals(key) && b.rhs() instanceof Literal l) {
        name = l.value() instanceof String s ? s : null;
      } else if (b.rhs() instanceof Variable v && v.name().equals(key) && b.lhs() instanceof Literal l) {
        name = l.value() instanceof String s ? s : null;
      }
      if (name != null) {
        if (!names.contains(name)) {
          names.add(name);
        }
        return true;
      }
    }
    return false;
  }

  /** The field a value reads: {@code a}, {@code $.a} (any quoting), {@code $lookup($, 'a')}. */
  private static String field(Expr e) {
    if (e instanceof Path p) {
      List<Step> steps = p.steps();
      if (steps.stream().anyMatch(s -> !s.stages().isEmpty())) {
        return null;
      }
      if (steps.size() == 1 && steps.get(0).expr() instanceof Name n) {
        return n.name();
      }
      if (steps.size() == 2 && steps.get(0).expr() instanceof Context && steps.get(1).expr() instanceof Name n) {
        return n.name();
      }
      return null;
    }
    if (e instanceof Call c && c.name().equals("lookup") && c.chained() == null && c.args().size() == 2
        && c.args().get(0) instanceof Context && c.args().get(1) instanceof Literal l && l.value() instanceof String s) {
      return s;
    }
    return null;
  }
}
