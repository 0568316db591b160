#!/usr/bin/env bash
# The agents' PBX integration end to end (issue 16): SIPp plays the PBX (pbx_assist.xml) against a real `ivr serve`
# whose deploy file trusts 127.0.0.1 as a PBX: INVITE to 12333-auth with X-Ivr-Return/X-Ivr-Purpose, the ID and PIN
# by RFC 4733, then the REFER back to sip:agent1001@… whose Refer-To carries the result; then the agent desktop's
# lookup over HTTP: GET /api/assist-results/{token} as agent1001 answers the clear ID once, another agent gets 403,
# a second read 404, and the clear ID is no longer in the database. Then the same INVITE from 127.0.0.2 (not the PBX)
# gets no check: the IVR says it cannot return the caller (pbx_assist_stranger.xml).
# Usage: tests/e2e/run-sipp-assist.sh [path/to/ivr]   (default: engine/Ivr.Host/bin/Debug/net10.0/ivr)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=serve-ivr.sh
source tests/e2e/serve-ivr.sh
IVR=${1:-engine/Ivr.Host/bin/Debug/net10.0/ivr}
SIPP=${SIPP:-/usr/bin/sipp}
SIP_PORT=${SIP_PORT:-5094}
if [[ ! -x "$SIPP" ]]; then echo "sipp not installed ($SIPP): skipped"; exit 0; fi
if [[ ! -x "$IVR" ]]; then echo "no ivr binary at $IVR: build it with dotnet build engine/Ivr.Host" >&2; exit 2; fi

WORK=$(mktemp -d /tmp/ivr-assist-XXXXXX)
printf 'queues: {}\ntrusted_pbx: [127.0.0.1]\n' >"$WORK/queues.yaml"
python3 tests/e2e/dtmf-pcap.py '11010519491231002*#' "$WORK/id.pcap"   # the demo ID of 张建国 (X keyed as *), then #
python3 tests/e2e/dtmf-pcap.py '740258#' "$WORK/pin.pcap" 19   # the same RTP stream goes on after the ID's 19 keys
start_ivr "$IVR" "$WORK" --sip-port "$SIP_PORT" --address 127.0.0.1 --rtp-ports 42200-42299 --http-port 0 --queues "$WORK/queues.yaml" \
  --data "$WORK/data"
# the agents of the desktop, added once the server has created (and seeded) the database
printf 'agent-pass-1001\n' | "$IVR" users add agent1001 --role agent --data "$WORK/data" >/dev/null
printf 'agent-pass-2002\n' | "$IVR" users add agent2002 --role agent --data "$WORK/data" >/dev/null

set +e
(cd "$WORK" && "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$OLDPWD/tests/e2e/pbx_assist.xml" -s 12333-auth -m 1 -timeout 90 -timeout_error \
  -i 127.0.0.1 -p $((SIP_PORT + 1)) -mi 127.0.0.1 -mp 46300 -nostdin -nd -trace_err -trace_logs >"$WORK/sipp.out" 2>&1)
RC=$?
set -e
sleep 1
fail() { cat "$WORK/serve.log"; tail -n 25 "$WORK/sipp.out"; cat "$WORK"/*_errors.log 2>/dev/null | tail -20; echo "FAIL: $1 (see $WORK)"; exit 1; }
[[ $RC -eq 0 ]] || fail "sipp exited $RC"
TOKEN=$(grep -ho "assist_token=[0-9a-f]*" "$WORK"/*_logs.log | head -1 | cut -d= -f2)
[[ ${#TOKEN} -eq 32 ]] || fail "no assist token in the REFER"
grep -h "refer_to=" "$WORK"/*_logs.log | head -1

signin() { # user password cookie-jar
  curl -sf -c "$3" -H 'Content-Type: application/json' -d "{\"user\":\"$1\",\"password\":\"$2\"}" "$CONSOLE/api/session" >/dev/null
}
signin agent1001 agent-pass-1001 "$WORK/a1.jar" || fail "agent1001 cannot sign in"
signin agent2002 agent-pass-2002 "$WORK/a2.jar" || fail "agent2002 cannot sign in"
status() { curl -s -o "$WORK/body.json" -w '%{http_code}' -b "$1" "$CONSOLE/api/assist-results/$TOKEN"; }
[[ $(status "$WORK/a2.jar") == 403 ]] || fail "another agent read agent1001's result"
[[ $(status "$WORK/a1.jar") == 200 ]] || fail "agent1001 could not read the result"
sed -E 's/"id_number":"[0-9Xx]{6}[0-9Xx]*"/"id_number":"(clear, not shown)"/' "$WORK/body.json"; echo   # the agent gets the clear ID; the test log never shows it
grep -q '"result":"verified"' "$WORK/body.json" || fail "result is not verified"
grep -q '"id_number":"11010519491231002X"' "$WORK/body.json" || fail "the clear ID is not in the result"
grep -q '"purpose":"verify"' "$WORK/body.json" || fail "purpose missing"
[[ $(status "$WORK/a1.jar") == 404 ]] || fail "the token answered twice"
# the read spent the token: its row (the only place the clear ID was kept) is gone from the database
python3 -c 'import sqlite3, sys; sys.exit(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM handoff_tokens WHERE payload LIKE ?", ("%11010519491231002X%",)).fetchone()[0])' \
  "$WORK/data/ivr.db" || fail "the clear ID stayed in the database after the read"
grep -q "11010519491231002X" "$WORK/serve.log" && fail "the clear ID reached the server log"
grep -q "740258" "$WORK/serve.log" && fail "the PIN reached the server log"

# Someone else (127.0.0.2, not a trusted_pbx address) sends the PBX's INVITE naming a trusted PBX's agent: the call runs
# as one without X-Ivr-Return (cannot_return, then the callback offer; never the check), no REFER, one log line
# without the caller's number.
set +e
(cd "$WORK" && "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$OLDPWD/tests/e2e/pbx_assist_stranger.xml" -s 12333-auth -m 1 -timeout 30 -timeout_error \
  -i 127.0.0.2 -p $((SIP_PORT + 1)) -mi 127.0.0.2 -mp 46300 -nostdin -nd -trace_err >"$WORK/sipp-stranger.out" 2>&1)
RC=$?
set -e
sleep 2
[[ $RC -eq 0 ]] || fail "the stranger's sipp exited $RC"
python3 - "$WORK/data/ivr.db" <<'PY' || fail "the stranger's INVITE was not treated as one without X-Ivr-Return"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
nodes = [n for (n,) in db.execute("SELECT e.node FROM call_events e JOIN calls c ON c.id = e.call_id "
                                  "WHERE c.caller_masked LIKE '139%678' AND e.node IS NOT NULL ORDER BY e.seq")]
print("stranger's call:", " > ".join(dict.fromkeys(nodes)))
sys.exit(0 if any(n.endswith("cannot_return") for n in nodes) and not any(n.endswith(".intro") or n == "intro" for n in nodes) else 1)
PY
[[ $(grep -c "assist headers ignored, sent from 127.0.0.2" "$WORK/serve.log") -eq 1 ]] || fail "the stranger's INVITE was not logged once"
grep -q "13912345678" "$WORK/serve.log" && fail "the stranger's number reached the server log in clear"
echo "PASS: PBX INVITE to 12333-auth → keys → REFER back to agent1001 with the result; token read once over HTTP (403 for another agent, 404 on reuse); the same INVITE from a stranger (127.0.0.2) gets no check, only the callback offer"
[[ -n "${KEEP_E2E:-}" ]] && echo "kept $WORK" || rm -rf "$WORK"
