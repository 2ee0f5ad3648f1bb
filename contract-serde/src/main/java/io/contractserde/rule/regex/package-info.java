/**
 * Regular expressions in rules, bounded in time: {@link io.contractserde.rule.regex.BoundedRegex}
 * runs {@link java.util.regex} patterns (the incumbent's PCRE-like flavour) so that a crafted value
 * cannot hold a producer or consumer thread in catastrophic backtracking. For rule executors (CEL,
 * JSONata, and any executor that matches regular expressions); applications do not use it.
 */
package io.contractserde.rule.regex;
