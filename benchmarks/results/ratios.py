#!/usr/bin/env python3
"""Turns a JMH JSON result file into the RESULTS.md table: score, error, allocation and the ratio
to the raw baseline of the same run (rawEncode for serialize*, rawDecode for deserialize*, raw
Jackson for JSON, Tink's raw AEAD for encryption), with the ratio's error propagated from both
error bars. Parameters other than `shape` (`engine`, `metrics`) are shown after the name; a
benchmark is compared with the baseline of the same shape and the same other parameters when the
run has one, else with the baseline of the same shape."""
import json
import sys

BASELINE = {
    "AvroBenchmark": {"serialize": "rawEncode", "deserialize": "rawDecode"},
    "JsonBenchmark": {"serialize": "rawJacksonWrite", "deserialize": "rawJacksonRead"},
    "CelBenchmark": {"serialize": "rawEncode"},
    "JsonataBenchmark": {"serializeWithCondition": "rawEncode", "deserializeJson": "rawJacksonRead",
                         "deserialize": "rawDecode"},
    "EncryptionBenchmark": {"serialize": "rawAeadEncrypt", "deserialize": "rawAeadDecrypt"},
}


def key(r):
    cls, name = r["benchmark"].split(".")[-2:]
    params = dict(r.get("params", {}))
    shape = params.pop("shape", "-")
    others = ",".join(f"{k}={v}" for k, v in sorted(params.items()))
    return cls, name, shape, others


def main(path):
    runs = json.load(open(path))
    table = {}
    for r in runs:
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        table[key(r)] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], alloc, r["threads"])
    print("| benchmark | params | shape | threads | ops/µs | ± | B/op | baseline | ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (cls, name, shape, others), (score, err, alloc, threads) in sorted(table.items()):
        base = next((b for prefix, b in BASELINE.get(cls, {}).items() if name.startswith(prefix)), None)
        ratio = ""
        if base:
            found = table.get((cls, base, shape, others)) or next(
                (v for (c, n, s, _), v in sorted(table.items()) if c == cls and n == base and s == shape), None)
            if found:
                bscore, berr, _, _ = found
                q = score / bscore
                rel = ((err / score) ** 2 + (berr / bscore) ** 2) ** 0.5
                ratio = f"{q:.2f}x ± {q * rel:.2f}"
        a = f"{alloc:.0f}" if alloc is not None else ""
        print(f"| {cls}.{name} | {others or '-'} | {shape} | {threads} | {score:.3f} | {err:.3f} | {a} | "
              f"{base or 'baseline'} | {ratio} |")


main(sys.argv[1])
