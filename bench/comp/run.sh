#!/usr/bin/env bash
# Compensation benchmark: 10,000,000 credit lines for 20,000 payees on a tiered plan with a
# threshold, accelerators and an attainment cap. Sutton's engine (`sutton comp bench run`)
# against DuckDB (the Python package) computing the same payouts in SQL, on the same files,
# in the same run. Prints both times and the number of payouts that differ (must be 0).
#
#   bench/comp/run.sh [LINES] [PAYEES]      (default 10000000 20000)
#
# The generated data stays under target/bench-comp/ (reused when its size matches).
set -euo pipefail
cd "$(dirname "$0")/../.."
lines="${1:-10000000}"
payees="${2:-20000}"
work="target/bench-comp/${lines}-${payees}"

python3 -c 'import duckdb' 2>/dev/null || python3 -m pip install --quiet duckdb >&2

cargo build --profile fast -p sutton-cli >&2
sutton="target/fast/sutton"

if [ ! -s "$work/credits.csv" ] || [ ! -s "$work/plan.toml" ]; then
    echo "generating $lines credit lines for $payees payees in $work..." >&2
    "$sutton" comp bench generate --dir "$work" --lines "$lines" --payees "$payees"
fi
ls -l "$work" >&2

# Each reads the same files just written (warm page cache for both), pays everyone, and
# writes payee,payout_minor.
"$sutton" comp bench run --dir "$work" --out "$work/sutton.csv"
python3 bench/comp/duckdb_pay.py "$work" "$work/duckdb.csv"
python3 bench/comp/compare.py "$work/sutton.csv" "$work/duckdb.csv"
