#!/usr/bin/env bash
# Contract test: the generated client against Prism, an outside mock server that validates every
# request (and its own answers) against generated/openapi.json. Installs Prism from the pinned
# .ci/contract/package-lock.json, starts it on 127.0.0.1, runs the test
# generated/tests/contract.rs (every endpoint with a documented example), and fails if Prism
# reports any violation or the client cannot decode an answer.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=.ci/contract
(cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)

mkdir -p target/contract
log=target/contract/prism.log
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# --errors: a request or answer that violates the document gets an error status, not a mock.
"$tools/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$port" --errors generated/openapi.json >"$log" 2>&1 &
prism=$!
trap 'kill "$prism" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
    grep -q "Prism is listening" "$log" && break
    if ! kill -0 "$prism" 2>/dev/null; then
        cat "$log"
        echo "Prism did not start" >&2
        exit 1
    fi
    sleep 0.5
done
grep -q "Prism is listening" "$log" || { cat "$log"; echo "Prism did not start within 60 s" >&2; exit 1; }

PRISM_URL="http://127.0.0.1:$port/" cargo test -p usercom --test contract -- --ignored --nocapture

# The test already fails on `sl-violations` and error statuses; Prism's own log must agree.
if grep -n "✖" "$log"; then
    echo "Prism reported errors (above; whole log: $log)" >&2
    exit 1
fi
echo "Prism: no request or answer violated generated/openapi.json"
