# Shared by the cluster scripts (tests/cluster/*.sh) and the benchmark (tools/bench/cluster-load):
# a throw-away PostgreSQL, `ivr serve` nodes on 127.0.0.N, Kamailio in front, and SIPp's statistics.
# Expects IVR, KAMAILIO, PGBIN, WORK and PGDIR set by the caller; sets DB and the pids array.
pids=()
declare -A NODE

CLUSTER_LIB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# free_port [--span N] [COUNT]: the scripts' one port picker (tools/free-port: free for UDP and TCP, 30000-32767, outside the
# ephemeral range); ask once for every port not yet bound (a port drawn is free until someone binds it: two draws may meet)
free_port() { "$CLUSTER_LIB_ROOT/tools/free-port" "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs() { if (( $1 < 0 )); then echo "?"; else echo "$(($1 / 1000)).$(($1 % 1000 / 100))"; fi; }
# Refuses to run (exit 2, the label first) when a tool or the ivr binary is missing: require_tools LABEL TOOL...
require_tools() {
  local label=$1 tool; shift
  for tool in "$@"; do
    [[ -x "$tool" ]] || { echo "$label: $tool not installed (tools/test installs sip-tester, kamailio and postgresql-15)" >&2; exit 2; }
  done
  [[ -x "$IVR" ]] || { echo "$label: no ivr binary at $IVR (dotnet build engine/Ivr.Host -c Release)" >&2; exit 2; }
}
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() { # a second SIGTERM stops a node at once (the first drains it)
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.2
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  if [[ -n "${KEEP_CLUSTER:-}" ]]; then echo "kept $WORK $PGDIR"; else rm -rf "$WORK" "$PGDIR"; fi
}

# One PostgreSQL on a free loopback port (trust auth, no fsync); extra server settings as arguments (-c name=value).
start_postgres() {
  local port; port=$(free_port)
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PGDIR"
  as_postgres "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; echo "cluster: initdb failed" >&2; exit 1; }
  as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
    -o "-p $port -k $PGDIR -c listen_addresses=127.0.0.1 -F -c synchronous_commit=off -c max_connections=300 $*" start >/dev/null \
    || { cat "$PGDIR/server.log" >&2; echo "cluster: PostgreSQL did not start" >&2; exit 1; }
  psql -q "postgresql://postgres@127.0.0.1:$port/postgres" -c "CREATE DATABASE ivr;"
  # connect_timeout: a process started on a loaded 2-core machine may need more than the default 5 s for its first connection
  DB="postgresql://postgres@127.0.0.1:$port/ivr?connect_timeout=30"
}

sql() { psql -qtA "$DB" -c "$1"; }

# Kamailio and SIPp call from 127.0.0.1: a proxy (--sip-proxies), not one caller whom the per-source limits (60 calls a
# minute) would refuse; and every SIPp call has the same caller number, so the per-caller limits behind a proxy are lifted.
LOAD_LIMITS=(--sip-proxies 127.0.0.1/32 --caller-calls-per-minute 1000000 --caller-calls 100000)

# Every node of one database hashes IDs and caller numbers with one key (the database refuses a node with another):
# made once in WORK, named by --hash-key on every node.
hash_key() {
  [[ -f "$WORK/hash-key" ]] || "$IVR" secrets create-hash-key "$WORK/hash-key" >/dev/null
  echo "$WORK/hash-key"
}

start_node() { # index sip-port rtp-range [extra serve options…]: node N binds 127.0.0.(N+1) on the shared database and
  # records into the shared folder; sets NODE[N] to its pid (a child of this shell, so `wait` gives its exit code)
  local i=$1 port=$2 rtp=$3 key; shift 3
  key=$(hash_key)
  "$IVR" serve --bind "127.0.0.$((i + 1))" --sip-port "$port" --node-id "node$i" --rtp-ports "$rtp" --no-console "${LOAD_LIMITS[@]}" \
    --database "$DB" --data "$WORK/node$i" --recordings "$WORK/recordings" --hash-key "$key" "$@" >>"$WORK/node$i.log" 2>&1 &
  NODE[$i]=$!; pids+=("$!")
}

wait_for() { # file pattern seconds pid
  for _ in $(seq 1 $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || { tail -n 30 "$1" >&2; echo "cluster: process $4 exited" >&2; return 1; }
    sleep 0.1
  done
  tail -n 30 "$1" >&2; echo "cluster: '$2' not seen in $1 within $3 s" >&2; return 1
}

start_kamailio() { # node-sip-port kamailio-port node-index…
  local port=$1 kport=$2; shift 2
  : >"$WORK/dispatcher.list"
  for i in "$@"; do echo "1 sip:127.0.0.$((i + 1)):$port 0 0" >>"$WORK/dispatcher.list"; done
  mkdir -p "$WORK/run"
  "$KAMAILIO" -f deploy/kamailio/kamailio.cfg -DD -E -Y "$WORK/run" -P "$WORK/kamailio.pid" \
    -A "LISTEN_UDP=udp:127.0.0.1:$kport" -A "LISTEN_TCP=tcp:127.0.0.1:$kport" \
    -A "DISPATCHER_LIST=\"$WORK/dispatcher.list\"" >"$WORK/kamailio.log" 2>&1 &
  KPID=$!; pids+=("$KPID")
  sleep 2
  kill -0 "$KPID" 2>/dev/null || { cat "$WORK/kamailio.log" >&2; echo "cluster: kamailio did not start" >&2; exit 1; }
}

moves() { grep -c "moved to the next node" "$WORK/kamailio.log" || true; }
flows_started() { grep -c "flow started" "$WORK/node$1.log" || true; }

sipp_counter() { # label column -> the latest cumulative value of a SIPp statistics column (0 before the first row)
  python3 - "$WORK/$1.csv" "$2" <<'PY'
import csv, sys
try:
    rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
    print(rows[-1][rows[0].index(sys.argv[2])] if len(rows) > 1 else 0)
except (OSError, ValueError, IndexError):
    print(0)
PY
}

sipp_totals() { # label -> successful failed created calls
  echo "$(sipp_counter "$1" "SuccessfulCall(C)") $(sipp_counter "$1" "FailedCall(C)") $(sipp_counter "$1" "TotalCallCreated")"
}
