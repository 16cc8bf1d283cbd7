#!/usr/bin/env bash
# Import benchmark: a Salesforce-shaped Opportunity.csv of 1,000,000 rows (plus the Account.csv
# and User.csv it references) into a fresh SQLite database with `sutton import` — full
# validation, references resolved, one transaction — against the sqlite3 shell's `.import` of
# the same Opportunity.csv into a plain table (no types, no checks, no indexes), same machine,
# same run. Prints both times, the ratio and each one's peak memory.
#
#   bench/import/run.sh [ROWS]      (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v sqlite3 >/dev/null; then
    apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null
fi
if [ ! -x /usr/bin/time ]; then
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

cargo build --profile fast -p sutton-cli >&2
sutton="target/fast/sutton"

echo "generating $rows opportunities..." >&2
python3 bench/import/generate.py "$work/data" "$rows"
ls -l "$work/data" >&2

measure() { # label, command...
    local label="$1"; shift
    /usr/bin/time -v "$@" >"$work/$label.out" 2>"$work/$label.time" || { cat "$work/$label.out" "$work/$label.time" >&2; exit 1; }
    local secs mem
    secs=$(grep "Elapsed (wall clock)" "$work/$label.time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    mem=$(grep "Maximum resident set size" "$work/$label.time" | awk '{print $NF}')
    echo "$label $secs $mem"
}

# Each run starts from a cold page cache for neither: both read the same file just written.
read -r _ sqlite_s sqlite_kb < <(measure sqlite3 sqlite3 "$work/plain.db" ".mode csv" ".import $work/data/Opportunity.csv opportunities")
read -r _ sutton_s sutton_kb < <(measure sutton env RUST_LOG=warn "$sutton" import --database "sqlite://$work/sutton.db" "$work/data")
grep -E "^(opportunities|accounts|people) " "$work/sutton.out" >&2 || true

echo "sqlite3 .import (Opportunity.csv into a plain table): ${sqlite_s} s, peak $((sqlite_kb / 1024)) MB"
echo "sutton import (User, Account, Opportunity; validated): ${sutton_s} s, peak $((sutton_kb / 1024)) MB"
awk -v a="$sutton_s" -v b="$sqlite_s" 'BEGIN { printf "ratio sutton / sqlite3: %.2f\n", a / b }'
