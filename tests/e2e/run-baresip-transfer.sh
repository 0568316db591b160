#!/usr/bin/env bash
# Context on every transfer path (issue 16 item 0), with a real transferee: baresip calls a real `ivr serve` whose
# only flow transfers at once (baresip/transfer_now.yaml); the IVR's REFER carries the context as URI headers of the
# Refer-To; baresip follows it and its INVITE reaches a SIPp "agents' PBX" (baresip/agent_pbx.xml), which checks that
# the context token, queue and reason arrived and answers 486; the IVR hears busy through the NOTIFY. Then the agent
# desktop resolves the token once: GET /api/transfer-contexts/{token} → 200, again → 404.
# Usage: tests/e2e/run-baresip-transfer.sh [path/to/ivr]   (default: engine/Ivr.Host/bin/Debug/net10.0/ivr)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=serve-ivr.sh
source tests/e2e/serve-ivr.sh
IVR=${1:-engine/Ivr.Host/bin/Debug/net10.0/ivr}
SIPP=${SIPP:-/usr/bin/sipp}
BARESIP=${BARESIP:-/usr/bin/baresip}
SIP_PORT=${SIP_PORT:-5096}       # the IVR; baresip on +2, the agents' PBX on +3
for tool in "$SIPP" "$BARESIP"; do [[ -x "$tool" ]] || { echo "$tool not installed: skipped"; exit 0; }; done
if [[ ! -x "$IVR" ]]; then echo "no ivr binary at $IVR: build it with dotnet build engine/Ivr.Host" >&2; exit 2; fi

WORK=$(mktemp -d /tmp/ivr-baresip-XXXXXX)
mkdir -p "$WORK/flows" "$WORK/baresip"
cp tests/e2e/baresip/transfer_now.yaml "$WORK/flows/"
echo 'routes: { "*": transfer_now }' >"$WORK/flows/routes.yaml"
printf 'queues:\n  general: "sip:agents@127.0.0.1:%s"\n' $((SIP_PORT + 3)) >"$WORK/queues.yaml"
sox -n -r 8000 -c 1 -b 16 "$WORK/silence.wav" trim 0 30
cat >"$WORK/baresip/config" <<CONF
poll_method epoll
sip_listen 127.0.0.1:$((SIP_PORT + 2))
audio_source aufile,$WORK/silence.wav
audio_player aufile,$WORK/heard.wav
module_path /usr/lib/baresip/modules
module g711.so
module aufile.so
module_app account.so
module_app menu.so
CONF
echo "<sip:caller@127.0.0.1:$((SIP_PORT + 2))>;regint=0" >"$WORK/baresip/accounts"

start_ivr "$IVR" "$WORK" --sip-port "$SIP_PORT" --address 127.0.0.1 --rtp-ports 42400-42499 --http-port 0 --queues "$WORK/queues.yaml" \
  --flows "$WORK/flows" --data "$WORK/data"
printf 'agent-pass-1001\n' | "$IVR" users add agent1001 --role agent --data "$WORK/data" >/dev/null

(cd "$WORK" && "$SIPP" -sf "$OLDPWD/tests/e2e/baresip/agent_pbx.xml" -i 127.0.0.1 -p $((SIP_PORT + 3)) -m 1 -timeout 60 -timeout_error \
  -nostdin -nd -trace_err -trace_logs -trace_msg >"$WORK/sipp.out" 2>&1) &
PBX=$!
sleep 1
timeout 60 "$BARESIP" -f "$WORK/baresip" -e "/dial sip:12333@127.0.0.1:$SIP_PORT" -t 25 -v >"$WORK/baresip.log" 2>&1 || true
set +e
wait "$PBX"
RC=$?
set -e
fail() { cat "$WORK/serve.log"; grep -a "call:\|closed\|terminated" "$WORK/baresip.log" | cut -c1-300; tail -n 20 "$WORK/sipp.out"; echo "FAIL: $1 (see $WORK)"; exit 1; }
[[ $RC -eq 0 ]] || fail "the agents' PBX did not get the context with baresip's INVITE (sipp exited $RC)"
grep -a "connecting to '<sip:agents@" "$WORK/baresip.log" | cut -c1-300
grep -q "transfer to queue 'general' failed: busy (486)" "$WORK/serve.log" || fail "the IVR did not hear the agents' busy through baresip's NOTIFY"
TOKEN=$(grep -ho "context_token=[0-9a-f]*" "$WORK"/*_logs.log | head -1 | cut -d= -f2)
[[ ${#TOKEN} -eq 32 ]] || fail "no context token reached the agents' PBX"
curl -sf -c "$WORK/a.jar" -H 'Content-Type: application/json' -d '{"user":"agent1001","password":"agent-pass-1001"}' "$CONSOLE/api/session" >/dev/null || fail "agent cannot sign in"
status() { curl -s -o "$WORK/body.json" -w '%{http_code}' -b "$WORK/a.jar" "$CONSOLE/api/transfer-contexts/$TOKEN"; }
[[ $(status) == 200 ]] || fail "the context token did not resolve"
cat "$WORK/body.json"; echo
grep -q '"queue":"general"' "$WORK/body.json" && grep -q '"reason":"caller_request"' "$WORK/body.json" || fail "the context is not what the flow sent"
[[ $(status) == 404 ]] || fail "the context token answered twice"
echo "PASS: baresip followed the REFER; its INVITE brought the context and token to the agents' PBX; the token resolved once"
[[ -n "${KEEP_E2E:-}" ]] && echo "kept $WORK" || rm -rf "$WORK"
