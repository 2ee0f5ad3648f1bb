package io.contractserde.rule;

import io.contractserde.config.ContractSerdeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;

/**
 * The executors (or actions) of one serde, by type and name: those named in {@code rule.executors}
 * ({@code rule.actions}) first, in order, then those found by {@link ServiceLoader} under the name
 * {@code _default_}. Each gets its parameters from {@code <prefix>._default_.param.*},
 * {@code <prefix>._<TYPE>_.param.*} and {@code <prefix>.<name>.param.*}, later ones winning (for
 * actions, on top of every serde property). A {@code JSONATA} executor also gets the serde's
 * {@code jsonata.compiled} and {@code migration.fast.path} when they are set.
 */
final class RulePlugins<T extends AutoCloseable> implements AutoCloseable {
  static final String DEFAULT_NAME = "_default_";
  private static final String JSONATA = "JSONATA";

  private final Map<String, Map<String, T>> byType = new LinkedHashMap<>();
  private final List<T> all = new ArrayList<>();

  private final Map<String, Object> base;

  private RulePlugins(Map<String, Object> base) {
    this.base = base;
  }

  /**
   * Executors first get the serde's registry settings ({@code schema.registry.*}, {@code basic.auth.*},
   * {@code bearer.auth.*}) through {@link RuleExecutor#configureRegistry}: field encryption reaches its
   * DEK registry through the same URL and credentials.
   */
  static RulePlugins<RuleExecutor> executors(ContractSerdeConfig config) {
    Map<String, Object> registry = new LinkedHashMap<>();
    config.originals().forEach((k, v) -> {
      if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.") || k.startsWith("bearer.auth.")) {
        registry.put(k, v);
      }
    });
    Map<String, Object> settings = Map.copyOf(registry);
    return load(config, ContractSerdeConfig.RULE_EXECUTORS, RuleExecutor.class, RuleExecutor::type,
        (executor, params) -> {
          executor.configureRegistry(settings);
          executor.configure(params);
        }, Map.of());
  }

  /**
   * Actions also get every serde property underneath their own parameters: a DLQ action needs the
   * client's {@code bootstrap.servers}, security settings and so on.
   */
  static RulePlugins<RuleAction> actions(ContractSerdeConfig config) {
    Map<String, Object> base = new LinkedHashMap<>(config.originals());
    base.remove("key.serializer");
    base.remove("value.serializer");
    base.remove("key.deserializer");
    base.remove("value.deserializer");
    return load(config, ContractSerdeConfig.RULE_ACTIONS, RuleAction.class, RuleAction::type,
        RuleAction::configure, base);
  }

  private static <T extends AutoCloseable> RulePlugins<T> load(ContractSerdeConfig config, String prefix,
      Class<T> kind, Function<T, String> typeOf, BiConsumer<T, Map<String, ?>> configure, Map<String, Object> base) {
    RulePlugins<T> plugins = new RulePlugins<>(base);
    Map<String, Object> originals = config.originals();
    for (String name : config.getList(prefix)) {
      Object className = originals.get(prefix + "." + name + ".class");
      if (className == null) {
        throw new ConfigException(prefix, name, "no " + prefix + "." + name + ".class is given for it");
      }
      T plugin = instantiate(prefix + "." + name + ".class", String.valueOf(className), kind);
      plugins.add(name, plugin, plugins.params(originals, prefix, name, typeOf.apply(plugin)), typeOf, configure);
    }
    if (config.getBoolean(ContractSerdeConfig.RULE_SERVICE_LOADER_ENABLE)) {
      for (T plugin : ServiceLoader.load(kind, RulePlugins.class.getClassLoader())) {
        plugins.add(DEFAULT_NAME, plugin, plugins.params(originals, prefix, DEFAULT_NAME, typeOf.apply(plugin)),
            typeOf, configure);
      }
    }
    return plugins;
  }

  private void add(String name, T plugin, Map<String, Object> params, Function<T, String> typeOf,
      BiConsumer<T, Map<String, ?>> configure) {
    configure.accept(plugin, params);
    String type = typeOf.apply(plugin).toUpperCase(Locale.ROOT);
    byType.computeIfAbsent(type, t -> new LinkedHashMap<>()).putIfAbsent(name, plugin);
    all.add(plugin);
  }

  private Map<String, Object> params(Map<String, Object> originals, String prefix, String name, String type) {
    Map<String, Object> params = new LinkedHashMap<>(base);
    if (JSONATA.equalsIgnoreCase(type) && prefix.equals(ContractSerdeConfig.RULE_EXECUTORS)) {
      // The JSONATA executor also reads the serde's switches between compiled code and the interpreter.
      for (String key : List.of(ContractSerdeConfig.JSONATA_COMPILED, ContractSerdeConfig.MIGRATION_FAST_PATH)) {
        Object value = originals.get(key);
        if (value != null) {
          params.put(key, value);
        }
      }
    }
    for (String scope : new String[] {DEFAULT_NAME, "_" + type.toUpperCase(Locale.ROOT) + "_", name}) {
      String p = prefix + "." + scope + ".param.";
      originals.forEach((k, v) -> {
        if (k.startsWith(p)) {
          params.put(k.substring(p.length()), v);
        }
      });
    }
    return params;
  }

  private static <T> T instantiate(String key, String className, Class<T> kind) {
    try {
      Class<?> type = Class.forName(className.trim(), true, RulePlugins.class.getClassLoader());
      if (!kind.isAssignableFrom(type)) {
        throw new ConfigException(key, className, "does not implement " + kind.getName());
      }
      return kind.cast(type.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConfigException(key, className, "cannot load: " + e);
    }
  }

  /**
   * The plugin for a rule: of its type, named {@code <subject>:<ruleName>}, else {@code <ruleName>},
   * else the first one of the type; null when the type has none.
   */
  T find(String type, String subject, String ruleName) {
    Map<String, T> candidates = byType.get(type.toUpperCase(Locale.ROOT));
    if (candidates == null || candidates.isEmpty()) {
      return null;
    }
    T plugin = candidates.get(subject + ":" + ruleName);
    if (plugin == null) {
      plugin = candidates.get(ruleName);
    }
    return plugin != null ? plugin : candidates.values().iterator().next();
  }

  /** The types present, for messages. */
  List<String> types() {
    return List.copyOf(byType.keySet());
  }

  @Override
  public void close() {
    for (T plugin : all) {
      try {
        plugin.close();
      } catch (Exception ignored) {
        // closing is best effort
      }
    }
  }
}
