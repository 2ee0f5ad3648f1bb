#!/usr/bin/env python3
"""The cost an ENCRYPT rule adds per record against Tink's raw AEAD, from a sample-mode run of
EncryptionBenchmark: (latency(serializeEncrypted) - latency(serialize)) / latency(rawAeadEncrypt),
and the same for the read side, at p1, p10 and p50, per fork, as the ratio of fork means and as
the median of the per-fork ratios (which one slowed fork does not move).

Beside it, the same cost against the AEAD in context: latency(serializeThenRawAeadEncrypt) -
latency(serialize), the primitive's cost when it runs after a serde's work instead of in a loop
of its own (runs made before that benchmark existed print only the first table).

Then the same encryption written by hand around the plain serde (serializeEncryptedByHand,
deserializeDecryptedByHand: the copy, UTF-8 bytes, the raw AEAD and Base64, nothing else): its cost
against the raw AEAD is the least any encrypting serde of this layout pays, and the rule's latency
less the by-hand latency is what the rule machinery itself costs.

Usage: encryption_ratio.py results.json[.gz]
The run: java -jar benchmarks/target/benchmarks.jar EncryptionBenchmark -bm sample -tu ns -bs 20 -rf json -rff results.json
(several -f 1 runs merged with merge_runs.py pair each benchmark's forks close in time).
"""
import sys

from percentiles import QUANTILES, load, per_fork

SIDES = (("write", "serializeEncrypted", "serialize", "rawAeadEncrypt", "serializeThenRawAeadEncrypt"),
         ("read", "deserializeEncrypted", "deserialize", "rawAeadDecrypt", "deserializeThenRawAeadDecrypt"))
BY_HAND = {"write": "serializeEncryptedByHand", "read": "deserializeDecryptedByHand"}


def mean(xs):
    return sum(xs) / len(xs)


def median(xs):
    xs = sorted(xs)
    return (xs[(len(xs) - 1) // 2] + xs[len(xs) // 2]) / 2


def table(runs, floor_of, title):
    print("| shape | side | " + " | ".join(f"p{int(q * 100)}: added ns / {title} ns = ratio (per fork)"
                                           for q in QUANTILES) + " |")
    print("|---|---|" + "---|" * len(QUANTILES))
    for shape in ("small", "large"):
        for side, rule, plain, raw, in_context in SIDES:
            cells = []
            for q in QUANTILES:
                r, p = runs[(rule, shape)][q], runs[(plain, shape)][q]
                floor = floor_of(runs, raw, in_context, plain, shape, q)
                added = mean(r) - mean(p)
                forks = [(x - y) / z for x, y, z in zip(r, p, floor)]
                cells.append(f"{added:.0f} / {mean(floor):.0f} = {added / mean(floor):.2f}x ("
                             + ", ".join(f"{f:.2f}" for f in forks) + f"; median {median(forks):.2f})")
            print(f"| {shape} | {side} | " + " | ".join(cells) + " |")


def by_hand_table(runs):
    print("| shape | side | " + " | ".join(f"p{int(q * 100)}: by hand / raw AEAD = ratio (per fork); rule less by hand, ns (per fork)"
                                           for q in QUANTILES) + " |")
    print("|---|---|" + "---|" * len(QUANTILES))
    for shape in ("small", "large"):
        for side, rule, plain, raw, _ in SIDES:
            cells = []
            for q in QUANTILES:
                h, p, z, r = (runs[(b, shape)][q] for b in (BY_HAND[side], plain, raw, rule))
                forks = [(x - y) / w for x, y, w in zip(h, p, z)]
                cells.append(f"{(mean(h) - mean(p)) / mean(z):.2f}x (" + ", ".join(f"{f:.2f}" for f in forks)
                             + f"; median {median(forks):.2f}); " + ", ".join(f"{a - b:.0f}" for a, b in zip(r, h)))
            print(f"| {shape} | {side} | " + " | ".join(cells) + " |")


def main():
    runs = {}
    for bench in load(sys.argv[1]):
        method = bench["benchmark"].rsplit(".", 1)[-1]
        runs[(method, bench["params"]["shape"])] = per_fork(bench)
    table(runs, lambda rs, raw, ctx, plain, shape, q: rs[(raw, shape)][q], "raw AEAD")
    if ("serializeThenRawAeadEncrypt", "small") in runs:
        print()
        table(runs, lambda rs, raw, ctx, plain, shape, q:
              [c - p for c, p in zip(rs[(ctx, shape)][q], rs[(plain, shape)][q])], "AEAD after the plain serde")
    if ("serializeEncryptedByHand", "small") in runs:
        print()
        by_hand_table(runs)


if __name__ == "__main__":
    main()
