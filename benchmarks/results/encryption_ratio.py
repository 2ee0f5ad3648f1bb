#!/usr/bin/env python3
"""The cost an ENCRYPT rule adds per record against Tink's raw AEAD, from a sample-mode run of
EncryptionBenchmark: (latency(serializeEncrypted) - latency(serialize)) / latency(rawAeadEncrypt),
and the same for the read side, at p1, p10 and p50, per fork and as the ratio of fork means.

Usage: encryption_ratio.py results.json
The run: java -jar benchmarks/target/benchmarks.jar EncryptionBenchmark -bm sample -tu ns -bs 20 -rf json -rff results.json
"""
import sys

from percentiles import QUANTILES, load, per_fork


def main():
    runs = {}
    for bench in load(sys.argv[1]):
        method = bench["benchmark"].rsplit(".", 1)[-1]
        runs[(method, bench["params"]["shape"])] = per_fork(bench)
    print("| shape | side | " + " | ".join(f"p{int(q * 100)}: added ns / raw AEAD ns = ratio (per fork)" for q in QUANTILES) + " |")
    print("|---|---|" + "---|" * len(QUANTILES))
    for shape in ("small", "large"):
        for side, rule, plain, raw in (("write", "serializeEncrypted", "serialize", "rawAeadEncrypt"),
                                       ("read", "deserializeEncrypted", "deserialize", "rawAeadDecrypt")):
            cells = []
            for q in QUANTILES:
                r, p, a = (runs[(m, shape)][q] for m in (rule, plain, raw))
                mean = lambda xs: sum(xs) / len(xs)
                added = mean(r) - mean(p)
                forks = [(x - y) / z for x, y, z in zip(r, p, a)]
                cells.append(f"{added:.0f} / {mean(a):.0f} = {added / mean(a):.2f}x ("
                             + ", ".join(f"{f:.2f}" for f in forks) + ")")
            print(f"| {shape} | {side} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
