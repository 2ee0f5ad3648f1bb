#!/usr/bin/env python3
"""Merges JMH JSON results of separate runs of the same benchmarks into one, each run's forks
becoming forks of the merged result, in run order.

On a host whose speed drifts over minutes, a benchmark's forks in one run are measured minutes
away from another benchmark's. Several short runs (-f 1 each), merged, pair fork i of every
benchmark with the others' fork i from the same run, close in time, for the per-fork ratios of
percentiles.py and encryption_ratio.py.

Usage: merge_runs.py out.json run1.json[.gz] run2.json[.gz] ...
"""
import json
import sys

from percentiles import load


def main():
    out, runs = sys.argv[1], sys.argv[2:]
    merged = {}
    order = []
    for path in runs:
        for bench in load(path):
            key = (bench["benchmark"], json.dumps(bench.get("params", {}), sort_keys=True))
            if key not in merged:
                merged[key] = bench
                order.append(key)
            else:
                merged[key]["primaryMetric"]["rawDataHistogram"].extend(bench["primaryMetric"]["rawDataHistogram"])
    with open(out, "w") as f:
        json.dump([merged[k] for k in order], f)


if __name__ == "__main__":
    main()
