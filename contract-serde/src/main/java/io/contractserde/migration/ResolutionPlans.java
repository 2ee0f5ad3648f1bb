package io.contractserde.migration;

import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.PayloadDecoder;
import io.contractserde.format.RecordLayout;
import io.contractserde.rule.jsonata.JsonataExecutor;
import io.contractserde.rule.jsonata.JsonataExecutor.FieldOperations;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The compiled fast path of migrations: a plan whose rule steps are all renames and drops
 * ({@link JsonataExecutor#fieldOperations}, read from the expression's syntax tree), and whose other steps are bridges, is replayed on the field level
 * and, when every field provably ends up with the interpreter's value, turned into one decoder
 * that does it by schema resolution. Anything it cannot prove returns null and stays in the
 * interpreter.
 */
final class ResolutionPlans {
  private ResolutionPlans() {}

  /** Where a field's value comes from at some point of the walk. */
  private sealed interface Source permits WriterField, Defaulted {}

  private record WriterField(String name, Object type) implements Source {}

  /** A value filled in by a bridge from that version's default. */
  private record Defaulted(Object type, Object value) implements Source {}

  static PayloadDecoder compile(ContractSchema writer, ContractSchema reader, List<MigrationStep> steps) {
    RecordLayout w = writer.layout();
    RecordLayout r = reader.layout();
    if (w == null || r == null || w.hasAliases() || r.hasAliases() || !w.name().equals(r.name())) {
      return null;
    }
    Map<String, Source> current = new LinkedHashMap<>();
    w.fields().forEach((name, field) -> current.put(name, new WriterField(name, field.type())));
    for (MigrationStep step : steps) {
      Map<String, Source> next = step.isBridge() ? bridge(current, step.target().layout()) : apply(current, step);
      if (next == null) {
        return null;
      }
      current.clear();
      current.putAll(next);
    }
    Map<String, String> readerToWriter = new HashMap<>();
    for (Map.Entry<String, RecordLayout.Field> e : r.fields().entrySet()) {
      RecordLayout.Field target = e.getValue();
      Source source = current.get(e.getKey());
      if (source == null) {
        if (!target.hasDefault()) {
          return null;
        }
      } else if (source instanceof WriterField field) {
        if (!Objects.equals(field.type(), target.type())) {
          return null;
        }
        readerToWriter.put(e.getKey(), field.name());
      } else {
        Defaulted defaulted = (Defaulted) source;
        if (!target.hasDefault() || !Objects.equals(defaulted.type(), target.type())
            || !Objects.equals(defaulted.value(), target.defaultValue())) {
          return null;
        }
      }
    }
    return writer.renamingDecoder(reader, readerToWriter);
  }

  /** A step without rules: the record is rebuilt in the target's layout. */
  private static Map<String, Source> bridge(Map<String, Source> current, RecordLayout target) {
    if (target == null || target.hasAliases()) {
      return null;
    }
    Map<String, Source> next = new LinkedHashMap<>();
    for (Map.Entry<String, RecordLayout.Field> e : target.fields().entrySet()) {
      Source source = current.get(e.getKey());
      RecordLayout.Field field = e.getValue();
      if (source == null) {
        if (!field.hasDefault()) {
          return null;
        }
        next.put(e.getKey(), new Defaulted(field.type(), field.defaultValue()));
      } else if (!Objects.equals(typeOf(source), field.type())) {
        return null;
      } else {
        next.put(e.getKey(), source);
      }
    }
    return next;
  }

  /** A step with rules, all of which must be recognized field operations. */
  private static Map<String, Source> apply(Map<String, Source> current, MigrationStep step) {
    if (!step.rules().allExecutable()) {
      return null;
    }
    Map<String, Source> next = new LinkedHashMap<>(current);
    for (Rule rule : step.rules().rules()) {
      if (rule.kind() != RuleKind.TRANSFORM || rule.onSuccess() != null || !"JSONATA".equalsIgnoreCase(rule.type())) {
        return null;
      }
      Optional<FieldOperations> ops = JsonataExecutor.fieldOperations(rule.expr());
      if (ops.isEmpty()) {
        return null;
      }
      Map<String, Source> moved = new LinkedHashMap<>();
      for (Map.Entry<String, String> rename : ops.get().renames().entrySet()) {
        Source source = next.get(rename.getKey());
        if (source == null) {
          return null;
        }
        moved.put(rename.getValue(), source);
      }
      ops.get().drops().forEach(next::remove);
      if (next.isEmpty() && moved.isEmpty() && !ops.get().drops().isEmpty()) {
        return null; // $sift of every field is undefined: the interpreter leaves the record as it was
      }
      next.putAll(moved);
    }
    return next;
  }

  private static Object typeOf(Source source) {
    return source instanceof WriterField f ? f.type() : ((Defaulted) source).type();
  }
}
