#!/usr/bin/env bash
# Planning benchmark: ABC segmentation (Pareto 50 % / 80 % by potential, ties sharing a segment)
# and call workload for 1,000,000 accounts, Sutton against DuckDB doing the same segmentation
# with window functions on the same generated data, in one run, one table; then CALLPLAN for
# 20,000 accounts over 60 reps. Usage (from anywhere):
#
#   bench/plan/run.sh [ACCOUNTS]
#
# DuckDB is installed with pip into a virtual environment under target/ (override with
# SUTTON_BENCH_VENV). The generated files go to target/bench-plan/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
accounts="${1:-1000000}"
venv="${SUTTON_BENCH_VENV:-$root/target/bench-venv}"
data="$root/target/bench-plan"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check 'duckdb>=1,<2'

echo "building the Sutton side (profile fast)…" >&2
(cd "$root" && cargo build --quiet --profile fast -p sutton-plan --example plan_bench)
bin="${CARGO_TARGET_DIR:-$root/target}/fast/examples/plan_bench"

echo "generating $accounts accounts…" >&2
"$bin" gen "$data" "$accounts" 1000 7

exec "$venv/bin/python" "$root/bench/plan/compare.py" --sutton "$bin" --data "$data"
