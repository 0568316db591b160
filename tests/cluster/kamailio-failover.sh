#!/usr/bin/env bash
# Kamailio (deploy/kamailio/kamailio.cfg, generated defines for loopback) in front of two real
# `ivr serve` nodes bound to 127.0.0.2 and 127.0.0.3 (same SIP port) on one PostgreSQL this script
# starts (initdb + pg_ctl in a temp folder, as the postgres user when run as root), SIPp calling
# through Kamailio (uac_via_proxy.xml: Record-Route followed, key 1 by RFC 4733). Checks that
#   1. calls are spread over both nodes and ACK/BYE reach the node that answered (route set);
#   2. after one node is killed (kill -9) every new call is still answered: Kamailio moves the
#      INVITE to the other node after fr_timer, and marks the dead node inactive;
#   3. once the probes have noticed (≤ 5 s), the dead node is not tried at all (no call waits);
#   4. the calls the dead node held are closed `node_lost` in the shared database within 30 s of the kill
#      (the survivor's heartbeat declares it lost after 15 s of silence).
#   5. (drain, a rolling restart) node 1 is started again and, while SIPp calls go on, node 2 is drained
#      with `ivr drain` (SIGTERM): its calls finish, its 503s move new calls to node 1, it exits 0 —
#      no call is dropped ("drain dropped N").
# Usage: tests/cluster/kamailio-failover.sh [path/to/ivr]   (default: the Release build tools/test makes)
# Prints one summary line starting with "cluster:"; exit 0 when all checks hold.
set -euo pipefail
cd "$(dirname "$0")/../.."
IVR=${1:-engine/Ivr.Host/bin/Release/net10.0/ivr}
SIPP=${SIPP:-/usr/bin/sipp}
KAMAILIO=${KAMAILIO:-/usr/sbin/kamailio}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
for tool in "$SIPP" "$KAMAILIO" "$PGBIN/initdb" "$PGBIN/pg_ctl" /usr/bin/psql; do
  [[ -x "$tool" ]] || { echo "cluster: $tool not installed (tools/test installs sip-tester, kamailio and postgresql-15)" >&2; exit 2; }
done
[[ -x "$IVR" ]] || { echo "cluster: no ivr binary at $IVR (dotnet build engine/Ivr.Host -c Release)" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
free_tcp_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

WORK=$(mktemp -d /tmp/ivr-cluster-XXXXXX)
PGDIR=$(mktemp -d /tmp/ivr-cluster-pg-XXXXXX)
pids=()
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  if [[ -n "${KEEP_CLUSTER:-}" ]]; then echo "kept $WORK $PGDIR"; else rm -rf "$WORK" "$PGDIR"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT # a timeout's SIGTERM still stops the nodes and PostgreSQL

# One PostgreSQL for both nodes: a throw-away server on a free loopback port (trust auth, no fsync).
PGPORT=$(free_tcp_port)
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PGDIR"
as_postgres "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; echo "cluster: initdb failed" >&2; exit 1; }
as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -F -c synchronous_commit=off" start >/dev/null \
  || { cat "$PGDIR/server.log" >&2; echo "cluster: PostgreSQL did not start" >&2; exit 1; }
psql -q "postgresql://postgres@127.0.0.1:$PGPORT/postgres" -c "CREATE DATABASE ivr;"
DB="postgresql://postgres@127.0.0.1:$PGPORT/ivr"
sql() { psql -qtA "$DB" -c "$1"; }

start_node() { # index port rtp-range: node N binds 127.0.0.(N+1)
  local log="$WORK/node$1.log"
  "$IVR" serve --bind "127.0.0.$(($1 + 1))" --sip-port "$2" --node-id "node$1" --rtp-ports "$3" --no-console \
    --database "$DB" --data "$WORK/node$1" >"$log" 2>&1 &
  echo $!
}

wait_for() { # file pattern seconds pid
  for _ in $(seq 1 $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || { cat "$1" >&2; echo "cluster: process $4 exited" >&2; return 1; }
    sleep 0.1
  done
  cat "$1" >&2; echo "cluster: '$2' not seen in $1 within $3 s" >&2; return 1
}

P=$(free_port); PK=$(free_port) # both nodes on the same SIP port, each on its own address
N1=$(start_node 1 "$P" 43000-43199); pids+=("$N1")
N2=$(start_node 2 "$P" 43200-43399); pids+=("$N2")
wait_for "$WORK/node1.log" "; call sip:" 60 "$N1"
wait_for "$WORK/node2.log" "; call sip:" 60 "$N2"

printf '1 sip:127.0.0.2:%s 0 0\n1 sip:127.0.0.3:%s 0 0\n' "$P" "$P" >"$WORK/dispatcher.list"
mkdir -p "$WORK/run"
"$KAMAILIO" -f deploy/kamailio/kamailio.cfg -DD -E -Y "$WORK/run" -P "$WORK/kamailio.pid" \
  -A "LISTEN_UDP=udp:127.0.0.1:$PK" -A "LISTEN_TCP=tcp:127.0.0.1:$PK" \
  -A "DISPATCHER_LIST=\"$WORK/dispatcher.list\"" >"$WORK/kamailio.log" 2>&1 &
KPID=$!; pids+=("$KPID")
sleep 2
kill -0 "$KPID" 2>/dev/null || { cat "$WORK/kamailio.log" >&2; echo "cluster: kamailio did not start" >&2; exit 1; }

calls() { # label count [target hold-ms]: SIPp places COUNT calls (through Kamailio unless a target is given); its exit code is not used, the stat file is
  local label=$1 count=$2 target=${3:-127.0.0.1:$PK} hold=${4:-1500} mp=$((45000 + RANDOM % 2000 * 2))
  (cd "$WORK" && "$SIPP" "$target" -sf "$OLDPWD/tests/cluster/uac_via_proxy.xml" -s 12333 -m "$count" -r 4 -l 20 \
    -d "$hold" -timeout 40 -timeout_error -i 127.0.0.1 -p "$(free_port)" -mi 127.0.0.1 -mp "$mp" -nostdin -nd \
    -trace_stat -fd 1 -stf "$label.csv" -trace_err -error_file "$label.err" >"$label.out" 2>&1) || true
}

successful() { # label -> cumulative successful calls from SIPp's stat file
  python3 - "$WORK/$1.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
head, last = rows[0], rows[-1]
print(last[head.index("SuccessfulCall(C)")], last[head.index("FailedCall(C)")])
PY
}

flows_started() { grep -c "flow started" "$WORK/node$1.log" || true; }

# 1. Both nodes take calls; ACK/BYE follow the route set (a BYE to the wrong node would fail the call).
calls before 8
read -r ok1 failed1 < <(successful before)
on1=$(flows_started 1); on2=$(flows_started 2)

# 2. Three calls held on node 1 (straight to it, 60 s long), then kill it without warning; call at once.
calls held 3 "127.0.0.2:$P" 60000 &
HELD=$!; pids+=("$HELD")
held=0
for _ in $(seq 1 150); do
  held=$(sql "SELECT count(*) FROM calls WHERE node = 'node1' AND ended_at IS NULL;")
  [[ $held -ge 3 ]] && break
  sleep 0.1
done
kill -9 "$N1"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
killed_at=$(now_ms)
calls after_kill 8
read -r ok2 failed2 < <(successful after_kill)
moved=$(grep -c "moved to the next node" "$WORK/kamailio.log" || true)

# 3. After the probes noticed, no call waits for the dead node.
sleep 4
calls settled 4
read -r ok3 failed3 < <(successful settled)
moved_late=$(( $(grep -c "moved to the next node" "$WORK/kamailio.log" || true) - moved ))
on2_end=$(flows_started 2)

# 4. Node 2's heartbeat declares node 1 lost (15 s without a beat) and closes the calls it held.
open_left=$held
for _ in $(seq 1 300); do
  open_left=$(sql "SELECT count(*) FROM calls WHERE node = 'node1' AND ended_at IS NULL;")
  [[ $open_left -eq 0 ]] && break
  (( $(now_ms) - killed_at > 30000 )) && break
  sleep 0.1
done
lost_ms=$(( $(now_ms) - killed_at ))
lost_after="$((lost_ms / 1000)).$((lost_ms % 1000 / 100))"
node_lost=$(sql "SELECT count(*) FROM calls WHERE node = 'node1' AND disposition = 'node_lost';")
lost_events=$(sql "SELECT count(*) FROM call_events e JOIN calls c ON c.id = e.call_id WHERE c.node = 'node1' AND e.kind = 'CallEnded' AND e.outcome = 'node_lost';")
kill "$HELD" 2>/dev/null || true

# 5. Drain (issue 12 item 7): restart node 1, then drain node 2 while calls go on through Kamailio.
drain_step() { # sets drain_ok drain_failed drain_verb drain_on1 drain_up
  N1=$(start_node 1 "$P" 43000-43199); pids+=("$N1")
  wait_for "$WORK/node1.log" "; call sip:" 60 "$N1"
  sleep 5 # Kamailio's OPTIONS probe (every 2 s) takes node 1 back in
  local before1 before2 mp=$((47000 + RANDOM % 1000 * 2))
  before1=$(flows_started 1); before2=$(flows_started 2)
  (cd "$WORK" && "$SIPP" "127.0.0.1:$PK" -sf "$OLDPWD/tests/cluster/uac_via_proxy.xml" -s 12333 -m 24 -r 4 -l 20 \
    -d 3000 -timeout 60 -timeout_error -i 127.0.0.1 -p "$(free_port)" -mi 127.0.0.1 -mp "$mp" -nostdin -nd \
    -trace_stat -fd 1 -stf drain.csv -trace_err -error_file drain.err >drain.out 2>&1) &
  local sipp=$!
  for _ in $(seq 1 300); do # drain once node 2 has calls up (at most 30 s)
    [[ $(flows_started 2) -ge $((before2 + 2)) ]] && break
    sleep 0.1
  done
  # (node 2 is not this shell's child, so `wait` cannot give its exit code: `ivr drain --wait` exits 0 once it has gone)
  drain_verb=0; "$IVR" drain --data "$WORK/node2" --wait --timeout 60s >"$WORK/drain-verb.log" 2>&1 || drain_verb=$?
  wait "$sipp" || true
  read -r drain_ok drain_failed < <(successful drain)
  drain_on1=$(( $(flows_started 1) - before1 ))
  drain_up=$(sed -n 's/.*draining: \([0-9]*\) calls up;.*/\1/p' "$WORK/node2.log" | head -n 1)
}
drain_step

total=$((ok1 + ok2 + ok3 + drain_ok))
echo "cluster: 2 nodes via kamailio on 127.0.0.2/127.0.0.3:$P, $total calls answered, before kill $ok1/8 (node1 $on1, node2 $on2), after kill $ok2/8 ($failed2 failed, $moved moved to the next node), settled $ok3/4 ($moved_late moved), node_lost $node_lost/$held in ${lost_after} s, drain dropped $drain_failed ($drain_ok/24 answered, node2 drained with ${drain_up:-?} calls up, $drain_on1 on node1, ivr drain --wait exit $drain_verb)"
status=0
[[ $ok1 -eq 8 && $failed1 -eq 0 ]] || { echo "FAIL: calls before the kill failed"; status=1; }
[[ $on1 -ge 1 && $on2 -ge 1 ]] || { echo "FAIL: calls not spread over both nodes"; status=1; }
[[ $ok2 -eq 8 && $failed2 -eq 0 ]] || { echo "FAIL: calls failed after the kill"; status=1; }
[[ $ok3 -eq 4 && $failed3 -eq 0 ]] || { echo "FAIL: calls failed once the dead node was out"; status=1; }
[[ $moved_late -eq 0 ]] || { echo "FAIL: the dead node was still tried 4 s after the kill"; status=1; }
[[ $on2_end -ge $((on2 + 12)) ]] || { echo "FAIL: node 2 did not take the calls after the kill ($on2 -> $on2_end)"; status=1; }
[[ $held -ge 1 ]] || { echo "FAIL: no call was up on node 1 when it was killed"; status=1; }
[[ $open_left -eq 0 && $node_lost -eq $held && $lost_events -eq $held ]] \
  || { echo "FAIL: node 1's calls not closed node_lost within 30 s ($open_left still open, $node_lost node_lost, $lost_events events)"; status=1; }
[[ $drain_ok -eq 24 && $drain_failed -eq 0 ]] || { echo "FAIL: drain dropped $drain_failed calls ($drain_ok/24 answered)"; status=1; }
[[ $drain_verb -eq 0 ]] && grep -q "drained in" "$WORK/node2.log" && [[ $(tail -n 1 "$WORK/node2.log") == *" stopped" ]] \
  || { echo "FAIL: node 2 did not drain and stop (ivr drain --wait exit $drain_verb)"; status=1; }
[[ $drain_on1 -ge 1 ]] || { echo "FAIL: no call went to node 1 while node 2 drained"; status=1; }
[[ ${drain_up:-0} -ge 1 ]] || { echo "FAIL: node 2 had no call up when it was drained (the step proved nothing)"; status=1; }
if [[ $status -ne 0 ]]; then
  for f in kamailio.log node1.log node2.log after_kill.err held.err drain.err drain-verb.log; do echo "--- $f"; tail -n 30 "$WORK/$f" 2>/dev/null; done
fi
exit $status
