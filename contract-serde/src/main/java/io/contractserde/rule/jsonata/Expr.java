package io.contractserde.rule.jsonata;

import java.util.List;

/**
 * The syntax tree of the compiled subset of JSONata, after the same post-processing the reference
 * parser does: a lone name is a one-step path, string steps of a path are names, a negated number
 * literal is a literal, and predicates on a path step are stages of that step.
 */
sealed interface Expr {

  /** A string, number (already in the interpreter's number type), boolean or {@code null} literal. */
  record Literal(Object value) implements Expr {}

  /** A regular expression literal {@code /pattern/flags}. */
  record Regex(String pattern, String flags) implements Expr {}

  /** {@code $}: the context value. */
  record Context() implements Expr {}

  /** {@code $name} (not a call); {@code $$} is the variable named {@code $}. */
  record Variable(String name) implements Expr {}

  /** A field name, as a step of a path. */
  record Name(String name) implements Expr {}

  /** A path {@code a.b.c}: each step runs on every item of the previous step's result. */
  record Path(List<Step> steps) implements Expr {}

  /** One step of a path with its predicates, each applied to the step's result per input item. */
  record Step(Expr expr, List<Expr> stages) {}

  /** Predicates on a value that is not a path step ({@code $x[0]}, {@code (...)[...]}). */
  record Filter(Expr base, List<Expr> predicates) implements Expr {}

  /** {@code + - * / % = != < <= > >= & in}. */
  record Binary(String op, Expr lhs, Expr rhs) implements Expr {}

  /** {@code and}, {@code or}: the right side is evaluated only when needed. */
  record Logical(boolean and, Expr lhs, Expr rhs) implements Expr {}

  /** Unary minus on something other than a number literal. */
  record Negate(Expr expr) implements Expr {}

  /** {@code [a, b]}; {@code nested} marks items that are themselves array constructors. */
  record ArrayCons(List<Expr> items, List<Boolean> nested) implements Expr {}

  /** {@code {k: v, ...}}. */
  record ObjectCons(List<Expr> keys, List<Expr> values) implements Expr {}

  /** {@code c ? a : b}; {@code otherwise} may be null. */
  record Condition(Expr condition, Expr then, Expr otherwise) implements Expr {}

  /** {@code (a; b; c)}: a new scope for bindings. */
  record Block(List<Expr> expressions) implements Expr {}

  /** {@code $name := value}. */
  record Bind(String name, Expr value) implements Expr {}

  /** {@code function($a, $b) { body }}. */
  record Lambda(List<String> params, Expr body) implements Expr {}

  /**
   * A call of a built-in or of a bound lambda: {@code $name(args)}. {@code chained} is the left
   * side of {@code ~>}, passed first when it is defined.
   */
  record Call(String name, List<Expr> args, Expr chained) implements Expr {}
}
