#!/usr/bin/env python3
"""Low percentiles of per-batch latency from a JMH sample-mode run, per fork.

On a host whose noise only ever adds time (other tenants, stalls), the mean of a throughput run
moves by more than the effect being measured, while the low percentiles of the latency of small
batches stay put: a batch that was not disturbed is the common case. This prints, for each
benchmark and parameter set, the p1, p10 and p50 latency per operation in each fork, and, with
--compare PARAM=A,B, the ratio B/A of the fork means of each percentile with its spread (the
smallest and largest fork ratio).

With --baseline BENCH=RAW[,BENCH=RAW...], the throughput ratio of each benchmark to its raw
baseline with the same parameters: RAW's latency over BENCH's, at each percentile (1.0x: as fast
as the baseline).

Usage: percentiles.py results.json[.gz] [--compare metrics=off,plugin] [--baseline serialize=rawEncode]
The run: java -jar benchmarks/target/benchmarks.jar '<regex>' -bm sample -tu ns -bs 20 -rf json -rff results.json
"""
import gzip
import json
import sys

QUANTILES = (0.01, 0.10, 0.50)


def load(path):
    """A JMH JSON result, gzipped (.json.gz, as kept in this folder) or not."""
    with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as f:
        return json.load(f)


def quantile(histogram, q):
    total = sum(count for _, count in histogram)
    seen = 0
    for value, count in sorted(histogram):
        seen += count
        if seen >= q * total:
            return value
    return None


def per_fork(bench):
    batch = bench.get("measurementBatchSize", 1)
    out = {}
    for q in QUANTILES:
        values = []
        for fork in bench["primaryMetric"]["rawDataHistogram"]:
            histogram = [bucket for iteration in fork for bucket in iteration]
            values.append(quantile(histogram, q) / batch)
        out[q] = values
    return out


def main():
    args = sys.argv[1:]
    compare = None
    if "--compare" in args:
        i = args.index("--compare")
        name, values = args[i + 1].split("=")
        compare = (name, values.split(","))
        del args[i:i + 2]
    baselines = {}
    if "--baseline" in args:
        i = args.index("--baseline")
        baselines = dict(pair.split("=") for pair in args[i + 1].split(","))
        del args[i:i + 2]
    runs = {}
    for bench in load(args[0]):
        name = bench["benchmark"].rsplit(".", 2)[-2] + "." + bench["benchmark"].rsplit(".", 1)[-1]
        params = bench.get("params", {})
        runs[(name, tuple(sorted(params.items())))] = per_fork(bench)
    print("| benchmark | params | " + " | ".join(f"p{int(q * 100)} ns/op per fork" for q in QUANTILES) + " |")
    print("|---|---|" + "---|" * len(QUANTILES))
    for (name, params), stats in sorted(runs.items()):
        cells = [" / ".join(f"{v:.1f}" for v in stats[q]) for q in QUANTILES]
        print(f"| {name} | {', '.join(f'{k}={v}' for k, v in params)} | " + " | ".join(cells) + " |")
    if compare:
        key, (a, b) = compare[0], compare[1]
        print()
        print(f"| benchmark | params | " + " | ".join(f"p{int(q * 100)} {b}/{a}" for q in QUANTILES) + " |")
        print("|---|---|" + "---|" * len(QUANTILES))
        for (name, params), stats in sorted(runs.items()):
            p = dict(params)
            if p.get(key) != a:
                continue
            p[key] = b
            other = runs.get((name, tuple(sorted(p.items()))))
            if other is None:
                continue
            cells = []
            for q in QUANTILES:
                mean_a = sum(stats[q]) / len(stats[q])
                mean_b = sum(other[q]) / len(other[q])
                forks = [y / x for x, y in zip(stats[q], other[q])]
                cells.append(f"{mean_b / mean_a:.3f} ({min(forks):.3f}-{max(forks):.3f})")
            rest = ", ".join(f"{k}={v}" for k, v in params if k != key)
            print(f"| {name} | {rest} | " + " | ".join(cells) + " |")
    if baselines:
        print_baselines(runs, baselines)


def print_baselines(runs, baselines):
    print()
    print("| benchmark | params | baseline | " + " | ".join(f"p{int(q * 100)} ratio" for q in QUANTILES) + " |")
    print("|---|---|---|" + "---|" * len(QUANTILES))
    for (name, params), stats in sorted(runs.items()):
        cls, method = name.split(".")
        raw = baselines.get(method)
        base = runs.get((cls + "." + raw, params)) if raw else None
        if base is None:
            continue
        cells = []
        for q in QUANTILES:
            mean = sum(base[q]) / len(base[q]) / (sum(stats[q]) / len(stats[q]))
            forks = [b / x for b, x in zip(base[q], stats[q])]
            cells.append(f"{mean:.2f}x ({min(forks):.2f}-{max(forks):.2f})")
        print(f"| {name} | {', '.join(f'{k}={v}' for k, v in params)} | {raw} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
