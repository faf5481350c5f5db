#!/usr/bin/env bash
# Runs one libFuzzer harness for a fixed time on a fresh copy of its seed corpus;
# any finding (crash, sanitizer report, leak, time-out, memory blow-up) fails.
# usage: run.sh HARNESS SEED_DIR WORK_DIR SECONDS [extra libFuzzer flags]
set -euo pipefail
harness="$1" seeds="$2" work="$3" secs="$4"
shift 4
rm -rf "$work"
mkdir -p "$work/corpus"
cp "$seeds"/* "$work/corpus/"
# -seed fixes the mutations, so a finding here reproduces; -timeout: one input may take 10 s at most.
"$harness" -seed=1 -max_total_time="$secs" -timeout=10 -rss_limit_mb=2560 -max_len=4096 \
  -artifact_prefix="$work/" -print_final_stats=1 "$@" "$work/corpus" 2>"$work/log" || {
  tail -n 60 "$work/log"
  echo "fuzz: $(basename "$harness") found a problem; the input is in $work/"
  exit 1
}
grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$work/log" || true
echo "fuzz: $(basename "$harness"): no findings in ${secs} s"
