#!/usr/bin/env bash
# Benchmarks crosscheck against ripgrep on the AllSides corpus
# (../shared/corpora/abp) with the 50 claims of tests/corpora/abp/claims.yaml.
#
#   scripts/bench.sh [--sizes 2000,10000,37554,x4] [--runs 5] [--keep]
#
# For each size it explodes the corpus into target/bench/ (x4: four copies of
# all of it), then runs, alternately and --runs times each: crosscheck lint
# without the cache, ripgrep over the same files with every pattern of the
# rules, and crosscheck lint again with its cache filled; at x4 also the
# previous size again, so that growth compares runs made side by side. It
# checks that the cached run, a run evaluating every unit (at the smallest
# size) and a run split in two shards (idem) print exactly the diagnostics of
# the plain run, then prints medians and ratios, writes
# target/bench/results.csv (copy it to docs/bench-results.csv to publish it)
# and draws docs/bench-time.png. The exploded corpora are removed afterwards
# unless --keep is given. Measure on a quiet machine, or read only the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

sizes="2000,10000,37554,x4"
runs=5
keep=no
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --keep) keep=yes; shift ;;
        *) echo "usage: scripts/bench.sh [--sizes 2000,10000,37554,x4] [--runs N] [--keep]" >&2; exit 2 ;;
    esac
done

CORPUS="$ROOT/../shared/corpora/abp"
[ -f "$CORPUS/articles.jsonl.xz" ] || { echo "error: $CORPUS/articles.jsonl.xz is missing" >&2; exit 1; }

source scripts/tools.sh
ensure_apt ripgrep time
ensure_python "PyYAML==6.0.2" "matplotlib==3.9.2"
cargo build --locked --release --bin crosscheck

BENCH="$ROOT/target/bench"
WORK="$BENCH/work"
mkdir -p "$WORK"
# The benchmark's own configuration, so that its cache stays under target/.
cp tests/corpora/abp/claims.yaml "$WORK/"
printf 'rules: [claims.yaml]\nstories: folder\n' > "$WORK/crosscheck.yaml"
python3 scripts/bench.py patterns tests/corpora/abp/claims.yaml "$WORK/patterns.txt"

results="$BENCH/results.csv"
echo "articles,megabytes,program,run,seconds,max_rss_kb,cpu_seconds" > "$results"

# Runs a command in $WORK, its output to $WORK/out.<name>; appends a result row.
measure() {
    local name="$1" articles="$2" megabytes="$3" run="$4"; shift 4
    (cd "$WORK" && /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" > "$WORK/out.$name") || [ $? -eq 1 ]
    # The last line: time notes a non-zero exit status on a line of its own.
    read -r seconds rss user system < <(tail -n 1 "$WORK/time")
    cpu=$(awk "BEGIN { print $user + $system }")
    echo "$articles,$megabytes,$name,$run,$seconds,$rss,$cpu" >> "$results"
    printf '  %-20s %6.2f s  %6.2f s CPU  %6d MB\n' "$name" "$seconds" "$cpu" "$((rss / 1024))"
}

same() {
    cmp -s "$WORK/$1" "$WORK/$2" || { echo "error: $1 and $2 differ: a fast path changed the diagnostics" >&2; exit 1; }
    echo "  identical: $1 = $2"
}

first_size=yes
previous=""
for size in ${sizes//,/ }; do
    if [ "$size" = x4 ]; then
        # About 1.2 GB: fewer runs.
        corpus="$BENCH/abp-x4"; explode=(--copies 4); size_runs=$((runs < 3 ? runs : 3))
    else
        corpus="$BENCH/abp-$size"; explode=(--limit "$size"); size_runs=$runs
    fi
    if [ ! -f "$corpus/.complete" ]; then
        rm -rf "$corpus"
        python3 "$CORPUS/explode.py" "$corpus" "${explode[@]}"
        touch "$corpus/.complete"
    fi
    articles=$(find "$corpus" -name '*.md' | wc -l)
    megabytes=$(du -sm "$corpus" | cut -f1)
    echo "== $articles articles, $megabytes MB"
    lint=("$ROOT/target/release/crosscheck" lint --format json "$corpus")
    rg_run=(rg -i --count -f "$WORK/patterns.txt" "$corpus")
    # Warm the page cache and fill crosscheck's cache.
    "${rg_run[@]}" > /dev/null || true
    rm -rf "$WORK/.crosscheck-cache"
    (cd "$WORK" && "${lint[@]}" > "$WORK/out.filling") || [ $? -eq 1 ]
    for run in $(seq "$size_runs"); do
        measure crosscheck "$articles" "$megabytes" "$run" "${lint[@]}" --no-cache
        measure ripgrep "$articles" "$megabytes" "$run" "${rg_run[@]}"
        measure crosscheck-cached "$articles" "$megabytes" "$run" "${lint[@]}"
        # Growth is measured against the previous size in the same rounds:
        # sizes measured minutes apart differ by the machine's moods.
        if [ "$size" = x4 ] && [ -n "$previous" ]; then
            measure crosscheck-previous "$articles" "$megabytes" "$run" "$ROOT/target/release/crosscheck" lint --format json --no-cache "$previous"
        fi
    done
    same out.crosscheck out.crosscheck-cached
    same out.crosscheck out.filling
    if [ "$first_size" = yes ]; then
        first_size=no
        (cd "$WORK" && "${lint[@]}" --no-cache --strategy exhaustive > "$WORK/out.exhaustive") || [ $? -eq 1 ]
        same out.crosscheck out.exhaustive
        for shard in 1 2; do
            (cd "$WORK" && "$ROOT/target/release/crosscheck" extract --no-cache --shard "$shard/2" --output "shard-$shard.jsonl" "$corpus")
        done
        (cd "$WORK" && "$ROOT/target/release/crosscheck" lint --format json --statements shard-1.jsonl shard-2.jsonl > "$WORK/out.shards") || [ $? -eq 1 ]
        same out.crosscheck out.shards
    fi
    if [ "$keep" = no ] && [ "$size" = x4 ]; then rm -rf "$corpus"; fi
    previous="$corpus"
done

echo
python3 scripts/bench.py summary "$results"
mkdir -p docs
python3 scripts/bench.py plot "$results" docs/bench-time.png
if [ "$keep" = no ]; then rm -rf "$BENCH"/abp-*; fi
echo "results: $results"
