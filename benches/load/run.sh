#!/usr/bin/env bash
# Load on the example service (jwt-axum/examples/axum_service.rs), release build: requests
# per second on /me (ES256, remote JWK Set) and /hs/me (HS256, static key), each with a
# valid token and with a bad one (a valid token with its signature's last characters
# changed). Needs wrk (Debian: apt-get install wrk). Usage: benches/load/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
addr=127.0.0.1:3999
cargo build -q --release -p jwt-axum --example axum_service
ADDR=$addr target/release/examples/axum_service >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 50); do curl -sf "http://$addr/demo/token/hs256" >/dev/null && break; sleep 0.1; done
es=$(curl -sf "http://$addr/demo/token/es256")
hs=$(curl -sf "http://$addr/demo/token/hs256")
bad() { local t=$1; echo "${t%????}AAAA"; }
run() {
    echo "== $1"
    wrk -t2 -c64 -d"${secs}s" -s benches/load/status.lua -H "Authorization: Bearer $3" \
        "http://$addr$2" | grep -E 'Requests/sec|Latency|status|Socket errors|Non-2xx'
}
run "ES256, valid token" /me "$es"
run "ES256, bad signature" /me "$(bad "$es")"
run "HS256, valid token" /hs/me "$hs"
run "HS256, bad signature" /hs/me "$(bad "$hs")"
