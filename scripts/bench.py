#!/usr/bin/env python3
"""Helpers of scripts/bench.sh.

usage: bench.py patterns RULES OUT      every regex of a rule file, for ripgrep
       bench.py summary CSV             medians, ratios and peak memory, as a Markdown table
       bench.py plot CSV PNG            time against corpus size
"""
import csv
import math
import re
import statistics
import sys
from collections import defaultdict


def patterns(rules_file, out):
    """Every pattern of the rules (match, deny, extract, when_mentioned), as
    ripgrep reads them: the named groups become plain groups (one regex may
    not name a group twice) and word boundaries become ASCII ones, the
    fastest form ripgrep has (with Unicode ones it gives up its DFA on
    non-ASCII text and takes minutes)."""
    import yaml

    found = []
    for rule in yaml.safe_load(open(rules_file, encoding="utf-8"))["rules"]:
        match = rule.get("match") or {}
        for key in ("all", "any", "not"):
            found += match.get(key, [])
        for key in ("pattern",):
            if key in match:
                found.append(match[key])
            if key in rule:
                found.append(rule[key])
        found += rule.get("deny", [])
        if "extract" in rule:
            found.append(rule["extract"]["pattern"])
        mentioned = (rule.get("expect") or {}).get("when_mentioned")
        if mentioned:
            found.append(mentioned)
    # A `\b` not itself escaped (an even number of backslashes before it).
    word = re.compile(r"(?<!\\)((?:\\\\)*)\\b(?![{])")
    with open(out, "w", encoding="utf-8") as f:
        for pattern in found:
            pattern = pattern.replace("(?P<value>", "(?:")
            f.write(word.sub(r"\1(?-u:\\b)", pattern) + "\n")
    print(f"{len(found)} patterns -> {out}")


def load(csv_file):
    """{(articles, megabytes): {program: [(seconds, max_rss_kb, cpu_seconds)]}}
    (CPU time is NaN in files written before it was recorded)."""
    rows = defaultdict(lambda: defaultdict(list))
    with open(csv_file, newline="") as f:
        for row in csv.DictReader(f):
            size = (int(row["articles"]), float(row["megabytes"]))
            cpu = float(row.get("cpu_seconds") or "nan")
            rows[size][row["program"]].append((float(row["seconds"]), int(row["max_rss_kb"]), cpu))
    return rows


def median(runs, index=0):
    return statistics.median(run[index] for run in runs) if runs else float("nan")


def summary(csv_file):
    rows = load(csv_file)
    print("| articles | MB | ripgrep s | crosscheck s | ratio | cached s | cached / first | peak MB | peak MB cached | runs |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (articles, megabytes), programs in sorted(rows.items()):
        rg, cold, cached = programs["ripgrep"], programs["crosscheck"], programs["crosscheck-cached"]
        peak = lambda runs: max(run[1] for run in runs) / 1024
        print(
            f"| {articles:,} | {megabytes:,.0f} | {median(rg):.2f} | {median(cold):.2f} | {median(cold) / median(rg):.2f}x "
            f"| {median(cached):.2f} | {median(cached) / median(cold):.2f}x | {peak(cold):,.0f} | {peak(cached):,.0f} | {len(cold)} |"
        )
    sizes = sorted(rows)
    if len(sizes) >= 2:
        (small, _), (large, _) = sizes[-2], sizes[-1]
        largest, previous = rows[sizes[-1]]["crosscheck"], rows[sizes[-2]]["crosscheck"]
        def growth(runs):
            wall = median(largest) / median(runs)
            cpu = median(largest, 2) / median(runs, 2)
            return f"{wall:.2f}x the time" + ("" if math.isnan(cpu) else f" and {cpu:.2f}x the CPU time")

        print(f"\n{large:,} articles ({large / small:.2f}x) take {growth(previous)} of {small:,}.")
        alongside = rows[sizes[-1]].get("crosscheck-previous")
        if alongside:
            print(f"In the same rounds, the {small:,} run alternating with the {large:,} one: {growth(alongside)}.")


def plot(csv_file, png):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = load(csv_file)
    sizes = sorted(rows)
    articles = [size[0] for size in sizes]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for program, label, style in [
        ("crosscheck", "crosscheck lint (no cache)", "o-"),
        ("crosscheck-cached", "crosscheck lint (second run, cache)", "s--"),
        ("ripgrep", "ripgrep, same patterns (ASCII \\b)", "^-"),
    ]:
        ax.plot(articles, [median(rows[size][program]) for size in sizes], style, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles (AllSides corpus; the largest is four copies)")
    ax.set_ylabel("wall time, median (s)")
    ax.set_title("crosscheck and ripgrep: time against corpus size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(png)
    print(f"plot -> {png}")


if __name__ == "__main__":
    commands = {"patterns": patterns, "summary": summary, "plot": plot}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
