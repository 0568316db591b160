#!/usr/bin/env bash
# Recordings reachable from every node (issue 12 §4), with two real processes: one PostgreSQL this script starts, node 1
# (127.0.0.2, no console) and node 2 (127.0.0.3, console) sharing one recordings folder (--recordings). SIPp calls node 1
# and leaves a voice message (key 6, about 6 s of speech, #, keep, call me back here); then a supervisor signs in to
# node 2's console and plays it:
#   - the message is listed by node 2 (one database);
#   - its audio comes from node 2 as a WAV of the recorded length, though node 1 recorded it into its own folder
#     (recordings/node1), and node 2 never had it in its own.
# Usage: tests/cluster/record-here-play-there.sh [path/to/ivr]; prints one line starting with "recordings across nodes:".
set -euo pipefail
cd "$(dirname "$0")/../.."
IVR=${1:-engine/Ivr.Host/bin/Release/net10.0/ivr}
SIPP=${SIPP:-/usr/bin/sipp}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
source tests/cluster/cluster-lib.sh
require_tools "recordings across nodes" "$SIPP" "$PGBIN/initdb" "$PGBIN/pg_ctl" /usr/bin/psql /usr/bin/curl
IVR=$(realpath "$IVR")

WORK=$(mktemp -d /tmp/ivr-recnodes-XXXXXX)
PGDIR=$(mktemp -d /tmp/ivr-recnodes-pg-XXXXXX)
trap cleanup EXIT
trap 'exit 143' TERM INT
start_postgres
mkdir -p "$WORK/recordings" "$WORK/keys"

ports=$(free_port --span 4 4); read -r P HTTP CALLER_PORT CALLER_MEDIA <<<"$ports" # nodes' SIP, node 2's HTTP, SIPp's SIP and media
start_node 1 "$P" 44100-44199
"$IVR" serve --bind 127.0.0.3 --sip-port "$P" --node-id node2 --rtp-ports 44200-44299 --http-bind 127.0.0.3 --http-port "$HTTP" \
  --database "$DB" --data "$WORK/node2" --recordings "$WORK/recordings" --hash-key "$(hash_key)" >>"$WORK/node2.log" 2>&1 &
NODE[2]=$!; pids+=("$!")
for i in 1 2; do wait_for "$WORK/node$i.log" "; call sip:" 120 "${NODE[$i]}"; done
wait_for "$WORK/node2.log" "console: listening on" 60 "${NODE[2]}"
printf 'super-pass-2026\n' | "$IVR" users add super --role supervisor --database "$DB" --data "$WORK/node2" >/dev/null

# The caller: keys as RFC 4733 events of their own (two 1s in a row must not look like one retransmitted key).
python3 tests/e2e/dtmf-pcap.py 6 "$WORK/keys/6.pcap" 0
python3 tests/e2e/dtmf-pcap.py '#' "$WORK/keys/pound.pcap" 1
python3 tests/e2e/dtmf-pcap.py 1 "$WORK/keys/1a.pcap" 2
python3 tests/e2e/dtmf-pcap.py 1 "$WORK/keys/1b.pcap" 3
sed "s#@KEYDIR@#$WORK/keys#g" tests/cluster/uac_voice_message.xml >"$WORK/uac_voice_message.xml"
(cd "$WORK" && "$SIPP" 127.0.0.2:"$P" -sf uac_voice_message.xml -s 12333 -m 1 -l 1 -timeout 150 -timeout_error -i 127.0.0.1 \
  -p "$CALLER_PORT" -mi 127.0.0.1 -mp "$CALLER_MEDIA" -nostdin -nd -trace_err -error_file call.err >call.out 2>&1) \
  || { tail -n 20 "$WORK/call.out" "$WORK/node1.log"; echo "FAIL: the caller's call did not end well"; exit 1; }

CONSOLE="http://127.0.0.3:$HTTP"
curl -sf -c "$WORK/jar" -H 'Content-Type: application/json' -d '{"user":"super","password":"super-pass-2026"}' "$CONSOLE/api/session" >/dev/null
id=""
for _ in $(seq 1 50); do # the message row is written as the call saves it
  curl -sf -b "$WORK/jar" "$CONSOLE/api/messages?status=all" >"$WORK/messages.json" || true
  id=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m[0]["id"] if m else "")' "$WORK/messages.json" 2>/dev/null || true)
  [[ -n $id ]] && break
  sleep 0.2
done
code=$(curl -s -b "$WORK/jar" -o "$WORK/message.wav" -w '%{http_code}' "$CONSOLE/api/messages/${id:-none}/audio")
seconds=$(python3 -c 'import sys, wave
try:
    w = wave.open(sys.argv[1]); print(round(w.getnframes() / w.getframerate(), 1))
except Exception:
    print(0)' "$WORK/message.wav")
on_node1=$(find "$WORK/recordings" -path "*node1*" -name '*.wav' | wc -l)
on_node2=$(find "$WORK/recordings" -path "*node2*" -name '*.wav' | wc -l)

echo "recordings across nodes: a message left on node 1 (${on_node1} file(s) in its folder, ${on_node2} in node 2's) is listed by node 2 (id ${id:-none}) and played from node 2: HTTP $code, ${seconds} s of audio, ${SECONDS} s"
status=0
[[ -n $id ]] || { echo "FAIL: node 2 lists no voice message"; status=1; }
[[ $on_node1 -ge 1 && $on_node2 -eq 0 ]] || { echo "FAIL: the recording is not in node 1's folder only"; status=1; }
[[ $code == 200 ]] && python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= 2 else 1)' "$seconds" \
  || { echo "FAIL: node 2 did not play the message recorded on node 1 (HTTP $code, $seconds s)"; status=1; }
if [[ $status -ne 0 ]]; then
  for f in node1.log node2.log call.out; do echo "--- $f"; tail -n 20 "$WORK/$f" 2>/dev/null; done
fi
exit $status
