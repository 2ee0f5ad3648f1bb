#!/usr/bin/env python3
"""Turns a JMH JSON result file into the RESULTS.md table: score, error, allocation and the ratio
to the raw baseline of the same run (rawEncode for serialize*, rawDecode for deserialize*, raw
Jackson for JSON), with the ratio's error propagated from both error bars."""
import json
import sys

BASELINE = {
    "AvroBenchmark": {"serialize": "rawEncode", "deserialize": "rawDecode"},
    "JsonBenchmark": {"serialize": "rawJacksonWrite", "deserialize": "rawJacksonRead"},
    "CelBenchmark": {"serialize": "rawEncode"},
}

def key(r):
    cls, name = r["benchmark"].split(".")[-2:]
    return cls, name, r.get("params", {}).get("shape", "-")

def main(path):
    runs = json.load(open(path))
    table = {}
    for r in runs:
        cls, name, shape = key(r)
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        table[(cls, name, shape)] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], alloc, r["threads"])
    print("| benchmark | shape | threads | ops/µs | ± | B/op | baseline | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for (cls, name, shape), (score, err, alloc, threads) in sorted(table.items()):
        base = next((b for prefix, b in BASELINE[cls].items() if name.startswith(prefix)), None)
        ratio = ""
        if base and (cls, base, shape) in table:
            bscore, berr, _, _ = table[(cls, base, shape)]
            r = score / bscore
            rel = ((err / score) ** 2 + (berr / bscore) ** 2) ** 0.5
            ratio = f"{r:.2f}x ± {r * rel:.2f}"
        a = f"{alloc:.0f}" if alloc is not None else ""
        print(f"| {cls}.{name} | {shape} | {threads} | {score:.3f} | {err:.3f} | {a} | {base or 'baseline'} | {ratio} |")

main(sys.argv[1])
