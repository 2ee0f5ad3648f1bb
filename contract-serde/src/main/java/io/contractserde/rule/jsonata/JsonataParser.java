package io.contractserde.rule.jsonata;

import com.dashjoin.jsonata.Utils;
import io.contractserde.rule.jsonata.Expr.ArrayCons;
import io.contractserde.rule.jsonata.Expr.Binary;
import io.contractserde.rule.jsonata.Expr.Bind;
import io.contractserde.rule.jsonata.Expr.Block;
import io.contractserde.rule.jsonata.Expr.Call;
import io.contractserde.rule.jsonata.Expr.Condition;
import io.contractserde.rule.jsonata.Expr.Context;
import io.contractserde.rule.jsonata.Expr.Filter;
import io.contractserde.rule.jsonata.Expr.Lambda;
import io.contractserde.rule.jsonata.Expr.Literal;
import io.contractserde.rule.jsonata.Expr.Logical;
import io.contractserde.rule.jsonata.Expr.Name;
import io.contractserde.rule.jsonata.Expr.Negate;
import io.contractserde.rule.jsonata.Expr.ObjectCons;
import io.contractserde.rule.jsonata.Expr.Path;
import io.contractserde.rule.jsonata.Expr.Regex;
import io.contractserde.rule.jsonata.Expr.Step;
import io.contractserde.rule.jsonata.Expr.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the compiled subset of JSONata into an {@link Expr}: a Pratt parser with the reference
 * grammar's binding powers. Syntax the subset leaves out (wildcards, descendants, parent, sort,
 * grouping, ranges, transforms, partial application, focus and index binding, signatures) raises
 * {@link Unsupported}; text that is not JSONata raises {@link SyntaxError} with a position and a
 * snippet.
 */
final class JsonataParser {

  /** The text is not a JSONata expression. */
  static final class SyntaxError extends RuntimeException {
    private final int position;

    SyntaxError(String source, int position, String problem) {
      super("Syntax error at position " + position + ": " + problem + snippet(source, position), null, false, false);
      this.position = position;
    }

    int position() {
      return position;
    }
  }

  /** The expression is JSONata, but outside the compiled subset. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final Map<String, Integer> BINDING = Map.ofEntries(
      Map.entry(".", 75), Map.entry("[", 80), Map.entry("]", 0), Map.entry("{", 70), Map.entry("}", 0),
      Map.entry("(", 80), Map.entry(")", 0), Map.entry(",", 0), Map.entry("@", 80), Map.entry("#", 80),
      Map.entry(";", 80), Map.entry(":", 80), Map.entry("?", 20), Map.entry("+", 50), Map.entry("-", 50),
      Map.entry("*", 60), Map.entry("/", 60), Map.entry("%", 60), Map.entry("|", 20), Map.entry("=", 40),
      Map.entry("<", 40), Map.entry(">", 40), Map.entry("^", 40), Map.entry("**", 60), Map.entry("..", 20),
      Map.entry(":=", 10), Map.entry("!=", 40), Map.entry("<=", 40), Map.entry(">=", 40), Map.entry("~>", 40),
      Map.entry("and", 30), Map.entry("or", 25), Map.entry("in", 40), Map.entry("&", 50), Map.entry("!", 0),
      Map.entry("~", 0), Map.entry("?:", 40), Map.entry("??", 40));
  /** Symbols that end an expression: they bind nothing on their left. */
  private static final List<String> TERMINATORS = List.of(":", ";", ",", ")", "]", "}", "..");
  private static final String SINGLE_OPS = ".[]{}(),@#;:?+-*/%|=<>^&!~";
  private static final List<String> DOUBLE_OPS = List.of("..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??");
  /** Deeper nesting than this is left to the interpreter, which has its own depth bound. */
  static final int MAX_NESTING = 60;

  private enum Kind { OP, STRING, NUMBER, NAME, VARIABLE, VALUE, REGEX, END }

  private record Token(Kind kind, Object value, int start, int end, boolean prefix) {
    boolean is(String op) {
      return kind == Kind.OP && op.equals(value);
    }
  }

  private final String src;
  private int pos;
  private Token lookahead;
  private int nesting;

  private JsonataParser(String src) {
    this.src = src;
  }

  /** The syntax tree of {@code source}. */
  static Expr parse(String source) {
    JsonataParser p = new JsonataParser(source);
    Expr e = p.expression(0);
    Token end = p.peek(false);
    if (end.kind != Kind.END) {
      throw p.error(end.start, "unexpected " + describe(end) + " after the end of the expression");
    }
    return e;
  }

  // ---------------------------------------------------------------- tokens

  private Token peek(boolean prefix) {
    if (lookahead == null || (lookahead.prefix != prefix && (lookahead.is("/") || lookahead.kind == Kind.REGEX))) {
      int at = lookahead == null ? pos : lookahead.start;
      lookahead = scan(at, prefix);
    }
    return lookahead;
  }

  private Token next(boolean prefix) {
    Token t = peek(prefix);
    pos = t.end;
    lookahead = null;
    return t;
  }

  private Token expect(String op) {
    Token t = next(false);
    if (!t.is(op)) {
      throw error(t.start, "expected '" + op + "', got " + describe(t));
    }
    return t;
  }

  private Token scan(int at, boolean prefix) {
    int i = at;
    int n = src.length();
    while (true) {
      while (i < n && isSpace(src.charAt(i))) {
        i++;
      }
      if (i + 1 < n && src.charAt(i) == '/' && src.charAt(i + 1) == '*') {
        int close = src.indexOf("*/", i + 2);
        if (close < 0) {
          throw error(i, "comment has no closing */");
        }
        i = close + 2;
        continue;
      }
      break;
    }
    if (i >= n) {
      return new Token(Kind.END, null, n, n, prefix);
    }
    char c = src.charAt(i);
    if (prefix && c == '/') {
      return regex(i);
    }
    if (i + 1 < n && DOUBLE_OPS.contains(src.substring(i, i + 2))) {
      return new Token(Kind.OP, src.substring(i, i + 2), i, i + 2, prefix);
    }
    if (SINGLE_OPS.indexOf(c) >= 0) {
      return new Token(Kind.OP, String.valueOf(c), i, i + 1, prefix);
    }
    if (c == '"' || c == '\'') {
      return string(i, c, prefix);
    }
    if (c >= '0' && c <= '9') {
      return number(i, prefix);
    }
    if (c == '`') {
      int close = src.indexOf('`', i + 1);
      if (close < 0) {
        throw error(i, "quoted name must end with a backquote (`)");
      }
      return new Token(Kind.NAME, src.substring(i + 1, close), i, close + 1, prefix);
    }
    int j = i;
    while (j < n && !isSpace(src.charAt(j)) && SINGLE_OPS.indexOf(src.charAt(j)) < 0) {
      j++;
    }
    String word = src.substring(i, j);
    if (word.startsWith("$")) {
      return new Token(Kind.VARIABLE, word.substring(1), i, j, prefix);
    }
    switch (word) {
      case "and", "or", "in" -> {
        return new Token(Kind.OP, word, i, j, prefix);
      }
      case "true" -> {
        return new Token(Kind.VALUE, Boolean.TRUE, i, j, prefix);
      }
      case "false" -> {
        return new Token(Kind.VALUE, Boolean.FALSE, i, j, prefix);
      }
      case "null" -> {
        return new Token(Kind.VALUE, null, i, j, prefix);
      }
      default -> {
        if (word.isEmpty()) {
          throw error(i, "unexpected character '" + c + "'");
        }
        return new Token(Kind.NAME, word, i, j, prefix);
      }
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B;
  }

  private Token regex(int start) {
    int i = start + 1;
    int depth = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        depth++;
      } else if (c == ']' && depth > 0) {
        depth--;
      } else if (c == '/' && depth == 0) {
        break;
      }
      i++;
    }
    if (i >= n) {
      throw error(start, "no terminating / in regular expression");
    }
    String pattern = src.substring(start + 1, i);
    if (pattern.isEmpty()) {
      throw error(start, "empty regular expressions are not allowed");
    }
    int j = i + 1;
    while (j < n && (src.charAt(j) == 'i' || src.charAt(j) == 'm')) {
      j++;
    }
    return new Token(Kind.REGEX, new Regex(pattern, src.substring(i + 1, j)), start, j, true);
  }

  private Token string(int start, char quote, boolean prefix) {
    StringBuilder sb = new StringBuilder();
    int i = start + 1;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\\') {
        if (i + 1 >= n) {
          break;
        }
        char e = src.charAt(i + 1);
        switch (e) {
          case '"', '\\', '/', '\'' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (i + 6 > n || !src.substring(i + 2, i + 6).matches("[0-9a-fA-F]{4}")) {
              throw error(i, "the escape sequence \\u must be followed by 4 hex digits");
            }
            sb.append((char) Integer.parseInt(src.substring(i + 2, i + 6), 16));
            i += 4;
          }
          default -> throw error(i, "unsupported escape sequence: \\" + e);
        }
        i += 2;
      } else if (c == quote) {
        return new Token(Kind.STRING, sb.toString(), start, i + 1, prefix);
      } else {
        sb.append(c);
        i++;
      }
    }
    throw error(start, "string literal must be terminated by a matching quote");
  }

  private Token number(int start, boolean prefix) {
    int i = start;
    int n = src.length();
    if (src.charAt(i) == '0') {
      i++;
    } else {
      while (i < n && Character.isDigit(src.charAt(i))) {
        i++;
      }
    }
    if (i + 1 < n && src.charAt(i) == '.' && Character.isDigit(src.charAt(i + 1))) {
      i++;
      while (i < n && Character.isDigit(src.charAt(i))) {
        i++;
      }
    }
    if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(src.charAt(j))) {
        while (j < n && Character.isDigit(src.charAt(j))) {
          j++;
        }
        i = j;
      }
    }
    double value = Double.parseDouble(src.substring(start, i));
    if (Double.isInfinite(value)) {
      throw new Unsupported("the number " + src.substring(start, i) + " is out of range");
    }
    return new Token(Kind.NUMBER, value, start, i, prefix);
  }

  // ---------------------------------------------------------------- grammar

  private Expr expression(int rbp) {
    if (++nesting > MAX_NESTING) {
      throw new Unsupported("the expression nests deeper than " + MAX_NESTING + " levels");
    }
    try {
      Token t = next(true);
      Expr left = nud(t);
      while (rbp < bindingPower(peek(false))) {
        left = led(next(false), left);
      }
      return left;
    } finally {
      nesting--;
    }
  }

  private static int bindingPower(Token t) {
    if (t.kind != Kind.OP || TERMINATORS.contains((String) t.value)) {
      return 0;
    }
    return BINDING.getOrDefault((String) t.value, 0);
  }

  private Expr nud(Token t) {
    switch (t.kind) {
      case STRING:
        return new Literal(t.value);
      case NUMBER:
        return new Literal(Utils.convertNumber((Double) t.value));
      case VALUE:
        return new Literal(t.value);
      case REGEX:
        return (Regex) t.value;
      case NAME:
        return new Path(List.of(new Step(new Name((String) t.value), List.of())));
      case VARIABLE:
        return t.value.equals("") ? new Context() : new Variable((String) t.value);
      case END:
        throw error(t.start, "unexpected end of expression");
      default:
        break;
    }
    String op = (String) t.value;
    switch (op) {
      case "-": {
        Expr e = expression(70);
        if (e instanceof Literal l && l.value() instanceof Number num) {
          return new Literal(Utils.convertNumber(-num.doubleValue()));
        }
        return new Negate(e);
      }
      case "(": {
        List<Expr> items = new ArrayList<>();
        if (!peek(false).is(")")) {
          while (true) {
            items.add(expression(0));
            if (!peek(false).is(";")) {
              break;
            }
            next(false);
            if (peek(true).is(")")) {
              break;
            }
          }
        }
        expect(")");
        return new Block(List.copyOf(items));
      }
      case "[": {
        List<Expr> items = new ArrayList<>();
        List<Boolean> nested = new ArrayList<>();
        if (!peek(true).is("]")) {
          while (true) {
            Expr item = expression(0);
            if (peek(false).is("..")) {
              throw new Unsupported("the range operator (..)");
            }
            items.add(item);
            nested.add(item instanceof ArrayCons || (item instanceof Filter f && f.base() instanceof ArrayCons));
            if (!peek(false).is(",")) {
              break;
            }
            next(false);
          }
        }
        expect("]");
        return new ArrayCons(List.copyOf(items), List.copyOf(nested));
      }
      case "{": {
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (!peek(true).is("}")) {
          while (true) {
            keys.add(expression(0));
            expect(":");
            values.add(expression(0));
            if (!peek(false).is(",")) {
              break;
            }
            next(false);
          }
        }
        expect("}");
        return new ObjectCons(List.copyOf(keys), List.copyOf(values));
      }
      case "*":
        throw new Unsupported("the wildcard (*)");
      case "**":
        throw new Unsupported("the descendant operator (**)");
      case "%":
        throw new Unsupported("the parent operator (%)");
      case "|":
        throw new Unsupported("the transform operator (|...|)");
      case "?":
        throw new Unsupported("partial function application (?)");
      default:
        throw error(t.start, "the symbol '" + op + "' cannot be used here");
    }
  }

  private Expr led(Token t, Expr left) {
    String op = (String) t.value;
    switch (op) {
      case ".":
        return path(left, expression(75), t.start);
      case "[": {
        if (peek(true).is("]")) {
          throw new Unsupported("the keep-array operator ([])");
        }
        Expr predicate = expression(0);
        expect("]");
        return predicate(left, predicate);
      }
      case "(":
        return call(left, t);
      case "?": {
        Expr then = expression(0);
        Expr otherwise = null;
        if (peek(false).is(":")) {
          next(false);
          otherwise = expression(0);
        }
        return new Condition(left, then, otherwise);
      }
      case ":=": {
        if (!(left instanceof Variable v)) {
          throw error(t.start, "the left side of := must be a variable name (start with $)");
        }
        return new Bind(v.name(), expression(9));
      }
      case "~>": {
        Expr right = expression(40);
        if (right instanceof Call c && c.chained() == null) {
          return new Call(c.name(), c.args(), left);
        }
        throw new Unsupported("~> to something other than a function call");
      }
      case "and":
      case "or":
        return new Logical(op.equals("and"), left, expression(bindingPower(t)));
      case "+": case "-": case "*": case "/": case "%": case "=": case "!=": case "<": case "<=": case ">":
      case ">=": case "&": case "in":
        return new Binary(op, left, expression(bindingPower(t)));
      case "{":
        throw new Unsupported("grouping (expr{...})");
      case "^":
        throw new Unsupported("sorting (^(...))");
      case "@":
      case "#":
        throw new Unsupported("focus and index variable binding (@, #)");
      case "..":
        throw new Unsupported("the range operator (..)");
      case "?:":
      case "??":
        throw new Unsupported("the " + op + " operator");
      default:
        throw error(t.start, "unexpected '" + op + "'");
    }
  }

  private Expr path(Expr left, Expr right, int at) {
    List<Step> steps = new ArrayList<>();
    if (left instanceof Path p) {
      steps.addAll(p.steps());
    } else {
      steps.add(new Step(left, List.of()));
    }
    if (right instanceof Path p) {
      steps.addAll(p.steps());
    } else if (right instanceof Filter f) {
      steps.add(new Step(f.base(), f.predicates()));
    } else {
      steps.add(new Step(right, List.of()));
    }
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (s.expr() instanceof Literal l) {
        if (l.value() instanceof String name) {
          steps.set(i, new Step(new Name(name), s.stages()));
        } else {
          throw error(at, "the literal value " + l.value() + " cannot be used as a step within a path expression");
        }
      } else if (s.expr() instanceof ArrayCons) {
        throw new Unsupported("an array constructor as a step of a path");
      }
    }
    return new Path(List.copyOf(steps));
  }

  private static Expr predicate(Expr left, Expr predicate) {
    if (left instanceof Path p) {
      List<Step> steps = new ArrayList<>(p.steps());
      Step last = steps.remove(steps.size() - 1);
      List<Expr> stages = new ArrayList<>(last.stages());
      stages.add(predicate);
      steps.add(new Step(last.expr(), List.copyOf(stages)));
      return new Path(List.copyOf(steps));
    }
    if (left instanceof Filter f) {
      List<Expr> predicates = new ArrayList<>(f.predicates());
      predicates.add(predicate);
      return new Filter(f.base(), List.copyOf(predicates));
    }
    return new Filter(left, List.of(predicate));
  }

  private Expr call(Expr left, Token open) {
    if (left instanceof Path p && p.steps().size() == 1 && p.steps().get(0).stages().isEmpty()
        && p.steps().get(0).expr() instanceof Name n && (n.name().equals("function") || n.name().equals("λ"))) {
      return lambda();
    }
    if (!(left instanceof Variable v)) {
      throw new Unsupported("calling something other than a $function by name");
    }
    List<Expr> args = new ArrayList<>();
    if (!peek(true).is(")")) {
      while (true) {
        if (peek(true).is("?")) {
          throw new Unsupported("partial function application (?)");
        }
        args.add(expression(0));
        if (!peek(false).is(",")) {
          break;
        }
        next(false);
      }
    }
    expect(")");
    return new Call(v.name(), List.copyOf(args), null);
  }

  private Expr lambda() {
    List<String> params = new ArrayList<>();
    if (!peek(true).is(")")) {
      while (true) {
        Token p = next(true);
        if (p.kind != Kind.VARIABLE || p.value.equals("")) {
          throw error(p.start, "parameter " + describe(p) + " of a function definition must be a variable name (start with $)");
        }
        params.add((String) p.value);
        if (!peek(false).is(",")) {
          break;
        }
        next(false);
      }
    }
    expect(")");
    if (peek(false).is("<")) {
      throw new Unsupported("function signatures (<...>)");
    }
    expect("{");
    Expr body = expression(0);
    expect("}");
    return new Lambda(List.copyOf(params), body);
  }

  private SyntaxError error(int at, String problem) {
    return new SyntaxError(src, at, problem);
  }

  private static String describe(Token t) {
    return switch (t.kind) {
      case END -> "the end of the expression";
      case STRING -> "the string '" + t.value + "'";
      case VARIABLE -> "$" + t.value;
      default -> "'" + t.value + "'";
    };
  }

  /** Twenty characters either side of the position, and a caret under it. */
  static String snippet(String source, int position) {
    int from = Math.max(0, position - 20);
    int to = Math.min(source.length(), position + 20);
    String line = source.substring(from, to).replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    String prefix = from > 0 ? "..." : "";
    String suffix = to < source.length() ? "..." : "";
    return "\n  " + prefix + line + suffix + "\n  " + " ".repeat(prefix.length() + position - from) + "^";
  }
}
