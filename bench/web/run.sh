#!/usr/bin/env bash
# Loopback load on the default demo: the dashboard and the accounts list, signed in as the VP
# (the widest scope), at 50 and 200 concurrent connections for 60 s each, with wrk.
#
#   bench/web/run.sh [SECONDS]
#
# Installs wrk from Debian when missing, builds Sutton with the `fast` profile, generates the
# default demo into a temporary database, serves it on 127.0.0.1, signs in through the real
# sign-in form and prints wrk's throughput and latency percentiles for each run.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}

if ! command -v wrk >/dev/null; then
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q wrk
fi
cargo build --profile fast -q
bin=target/fast/sutton
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" demo --no-serve --database "sqlite://$work/demo.db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --database "sqlite://$work/demo.db" --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# Sign in as the VP through the form (double-submit CSRF cookie, our Origin).
jar="$work/cookies"
csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
curl -s -b "$jar" -c "$jar" -o /dev/null -H "Origin: http://127.0.0.1:$port" \
    --data "login=vp&password=sutton-demo&csrf=$csrf&next=%2F" "http://127.0.0.1:$port/login"
session=$(awk '$6 == "sutton_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "sign-in failed" >&2; exit 1; }

echo "Sutton $(git describe --always --dirty 2>/dev/null || echo) on $(nproc) cores, default demo, signed in as the VP"
for path in / /accounts; do
    for connections in 50 200; do
        echo
        echo "== GET $path, $connections connections, ${seconds} s"
        wrk --latency -t 2 -c "$connections" -d "${seconds}s" -H "Cookie: sutton_session=$session" \
            "http://127.0.0.1:$port$path" | sed -n '/Latency Distribution/,/Transfer/p;/Non-2xx/p;/Socket errors/p'
    done
done
