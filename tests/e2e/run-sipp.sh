#!/usr/bin/env bash
# Calls a real `ivr serve` with SIPp (uac_dtmf_2833.xml: INVITE, ACK, RFC 4733 key 1, BYE) on loopback.
# Key 1 is pressed KEY_DELAY_MS after the answer (default 10000: after the 8.4 s welcome, during the main menu),
# so the call's recorded path must go main_menu -> pension.
# Usage: tests/e2e/run-sipp.sh [path/to/ivr]   (default: engine/Ivr.Host/bin/Debug/net10.0/ivr; build it first)
# Exit 0 when SIPp completed the call and the server logged the flow start and the call's end.
set -euo pipefail
cd "$(dirname "$0")/../.."
IVR=${1:-engine/Ivr.Host/bin/Debug/net10.0/ivr}
SIPP=${SIPP:-/usr/bin/sipp}
SIP_PORT=${SIP_PORT:-5090}
KEY_DELAY_MS=${KEY_DELAY_MS:-10000}
if [[ ! -x "$SIPP" ]]; then echo "sipp not installed ($SIPP): skipped"; exit 0; fi
if [[ ! -x "$IVR" ]]; then echo "no ivr binary at $IVR: build it with dotnet build engine/Ivr.Host" >&2; exit 2; fi

WORK=$(mktemp -d /tmp/ivr-e2e-XXXXXX)
"$IVR" serve --sip-port "$SIP_PORT" --address 127.0.0.1 --rtp-ports 42000-42099 --no-console --data "$WORK/data" >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  grep -q "; call sip:" "$WORK/serve.log" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log"; echo "ivr serve exited" >&2; exit 1; }
  sleep 0.5
done

set +e
(cd "$WORK" && "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$OLDPWD/tests/e2e/uac_dtmf_2833.xml" -s 12333 -m 1 -d "$KEY_DELAY_MS" -timeout 30 -timeout_error \
  -i 127.0.0.1 -p $((SIP_PORT + 1)) -mi 127.0.0.1 -mp 46100 -nostdin -nd -trace_err >"$WORK/sipp.out" 2>&1)
RC=$?
set -e
sleep 1
cat "$WORK/serve.log"
tail -n 25 "$WORK/sipp.out"
if [[ $RC -ne 0 ]]; then echo "FAIL: sipp exited $RC (see $WORK)"; exit 1; fi
grep -q "flow started" "$WORK/serve.log" || { echo "FAIL: no flow started"; exit 1; }
grep -q "ended after" "$WORK/serve.log" || { echo "FAIL: call end not logged"; exit 1; }
"$IVR" calls --data "$WORK/data" --last 1
"$IVR" calls --data "$WORK/data" --last 1 --json | grep -q '"main.pension"' || { echo "FAIL: key 1 in the main menu did not lead to pension"; exit 1; }
echo "PASS: SIPp call answered by the flow, key 1 reached the pension service, call ended"
[[ -n "${KEEP_E2E:-}" ]] && echo "kept $WORK" || rm -rf "$WORK"
