#!/usr/bin/env bash
# Insight benchmark: Sutton's coverage, conversion and whiplash (concentration among its
# measures) on a demo database, against DuckDB (the Python package) computing the same coverage,
# conversion and concentration figures with SQL over the same SQLite file, in the same run.
# Both times include reading the database. Prints one table and whether the figures agree.
#
#   bench/insight/run.sh [SCALE] [DATABASE]
#
# SCALE is the demo's scale (default large: about 1,000,000 opportunities and 5,000,000
# activities). DATABASE is a SQLite file to reuse (default target/bench-insight-SCALE.db, made
# with `sutton demo --no-serve` when missing). The peer is installed with pip into a virtual
# environment under target/ (override with SUTTON_BENCH_VENV). SUTTON_BENCH_PROFILE=dev checks the
# figures with a debug build when there is no time for the fast one (its times mean little).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scale="${1:-large}"
db="${2:-$root/target/bench-insight-$scale.db}"
venv="${SUTTON_BENCH_VENV:-$root/target/bench-venv}"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check 'duckdb>=1.1'

profile="${SUTTON_BENCH_PROFILE:-fast}"
echo "building sutton (profile $profile)…" >&2
(cd "$root" && cargo build --quiet --profile "$profile" --bin sutton)
if [ "$profile" = dev ]; then sutton="$root/target/debug/sutton"; else sutton="$root/target/$profile/sutton"; fi

if [ ! -f "$db" ]; then
  echo "generating the $scale demo into $db…" >&2
  start=$(date +%s)
  "$sutton" demo --scale "$scale" --database "sqlite://$db" --no-serve >&2
  echo "generated in $(( $(date +%s) - start )) s" >&2
fi

exec "$venv/bin/python" "$root/bench/insight/compare.py" --sutton "$sutton" --database "$db"
