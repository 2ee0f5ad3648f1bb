/**
 * Regular expressions in rules, bounded in time: {@link io.contractserde.rule.regex.BoundedRegex}
 * runs {@link java.util.regex} patterns (the incumbent's PCRE-like flavour) so that a crafted value
 * cannot hold a producer or consumer thread in catastrophic backtracking, and so that a long value
 * a pattern recurses deeply on runs on a deeper stack instead of failing. For rule executors (CEL,
 * JSONata, and any executor that matches regular expressions); applications do not use it.
 */
package io.contractserde.rule.regex;
