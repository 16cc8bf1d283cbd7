#!/usr/bin/env bash
# Territory design benchmark: Sutton against gerrychain and spopt on the shared instances, all in
# one run, one table. Usage (from anywhere):
#
#   bench/territory/run.sh [INSTANCES_DIR] [-- extra options for compare.py]
#
# INSTANCES_DIR holds counties-units.csv, counties-edges.csv, zips-units.csv, zips-edges.csv
# (default: ../shared/bench/territory relative to the repository root). The peers are installed
# with pip into a virtual environment under target/ (override with SUTTON_BENCH_VENV).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
instances="${1:-$root/../shared/bench/territory}"
shift || true
[ "${1:-}" = "--" ] && shift
instances="$(cd "$instances" && pwd)"
venv="${SUTTON_BENCH_VENV:-$root/target/bench-venv}"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check 'gerrychain>=1.0,<2' spopt

echo "building sutton (profile fast)…" >&2
(cd "$root" && cargo build --quiet --profile fast --bin sutton)

exec "$venv/bin/python" "$root/bench/territory/compare.py" \
  --sutton "$root/target/fast/sutton" --instances "$instances" "$@"
