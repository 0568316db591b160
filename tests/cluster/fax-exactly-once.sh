#!/usr/bin/env bash
# Scheduled faxes in a cluster (issue 12 §2, end to end): one PostgreSQL this script starts, three real `ivr serve` nodes
# (127.0.0.2, .3, .4) polling the same fax queue every second, and SIPp as their SIP trunk, ringing 1.5 s and then
# answering every INVITE 486 Busy Here. JOBS jobs (default 30) fall due at the same moment, and node 1 is killed with
# kill -9 while it dials one of them; then
#   - every job is dialled exactly once (one INVITE per number at the trunk, retransmissions of one INVITE counted once,
#     none missing), except the job the killed node held: the survivors take it over once node 1 is declared lost
#     (15 s without a heartbeat) and dial it once more, so it is the only job with a second attempt;
#   - the database agrees: every job waits for its retry (busy is retried 10 min later) with one attempt, the taken-over
#     job with two, claimed last by a survivor;
#   - the work is shared: the claims name more than one node.
# The nodes run in a folder of their own whose deploy/ holds this test's fax.yaml (all day, 1 s polling) and trunk.yaml
# (the SIPp trunk); flows, prompts and fax are the repository's.
# Usage: tests/cluster/fax-exactly-once.sh [path/to/ivr]; prints one line starting with "fax cluster:"; exit 0 when all hold.
set -euo pipefail
cd "$(dirname "$0")/../.."
IVR=${1:-engine/Ivr.Host/bin/Release/net10.0/ivr}
SIPP=${SIPP:-/usr/bin/sipp}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
JOBS=${FAX_JOBS:-30}
source tests/cluster/cluster-lib.sh
require_tools "fax cluster" "$SIPP" "$PGBIN/initdb" "$PGBIN/pg_ctl" /usr/bin/psql
IVR=$(realpath "$IVR")
REPO=$PWD

WORK=$(mktemp -d /tmp/ivr-faxcluster-XXXXXX)
PGDIR=$(mktemp -d /tmp/ivr-faxcluster-pg-XXXXXX)
trap cleanup EXIT
trap 'exit 143' TERM INT
start_postgres

# the trunk's SIPp (its SIP port, and its media port: SIPp binds one, 6000 and 6002 unless told), then the nodes' SIP port
ports=$(free_port --span 4 3); read -r TRUNK TRUNK_MEDIA P <<<"$ports"
(cd "$WORK" && "$SIPP" -sf "$REPO/tests/cluster/trunk_busy.xml" -i 127.0.0.1 -p "$TRUNK" -mi 127.0.0.1 -mp "$TRUNK_MEDIA" -m $((JOBS * 2)) -timeout 300 -nostdin -nd \
  -trace_msg -message_file trunk.msg >trunk.out 2>&1) &
pids+=("$!")

mkdir -p "$WORK/root/deploy"
for top in flows prompts fax; do ln -s "$REPO/$top" "$WORK/root/$top"; done
cat >"$WORK/root/deploy/fax.yaml" <<YAML
allowed_hours: "00:00-23:59"
max_attempts: 3
retry_delay: 10m
poll_interval: 1s
YAML
cat >"$WORK/root/deploy/trunk.yaml" <<YAML
address: "127.0.0.1:$TRUNK"
transport: udp
from_user: "12333"
ring_timeout: 20s
YAML

cd "$WORK/root"
for i in 1 2 3; do start_node "$i" "$P" "$((43000 + i * 100))-$((43099 + i * 100))"; done
for i in 1 2 3; do wait_for "$WORK/node$i.log" "fax: scheduled faxes" 120 "${NODE[$i]}"; done
cd "$REPO"

# JOBS jobs, all due now (the nodes' clocks are this machine's), one statement so they fall due together.
due=$(date -u +%Y-%m-%dT%H:%M:%S.0000000+00:00)
sql "INSERT INTO fax_jobs (call_id, document_id, number, due_at, status, attempts, max_attempts, created_at, updated_at)
     SELECT 'fax-cluster-' || n, 'pension_policy', '0105550' || lpad(n::text, 4, '0'), '$due', 'queued', 0, 3, '$due', '$due'
     FROM generate_series(1, $JOBS) AS n;"
queued_at=$(now_ms)
while (( $(now_ms) - queued_at < 30000 )); do # node 1 dials one of them (the trunk rings 1.5 s)
  [[ $(sql "SELECT count(*) FROM fax_jobs WHERE status = 'sending' AND claimed_by LIKE 'node1/%';") -ge 1 ]] && break
  sleep 0.05
done
sleep 0.4 # its INVITE is out (the claim comes just before the dial), the trunk still rings
kill -9 "${NODE[1]}"
killed_at=$(now_ms)
while (( $(now_ms) - queued_at < 120000 )); do # until every job is tried and none is held (node 1 declared lost after 15 s)
  [[ $(sql "SELECT count(*) FROM fax_jobs WHERE attempts = 0 OR status = 'sending';") -eq 0 ]] && break
  sleep 0.5
done
all_ms=$(( $(now_ms) - queued_at ))
taken_over_ms=$(( $(now_ms) - killed_at ))
sleep 3 # a double dial would come now, from a node that claimed late
sql "SELECT number, attempts FROM fax_jobs ORDER BY number;" >"$WORK/jobs.txt"

read -r invites missing wrong twice < <(python3 - "$WORK/trunk.msg" "$WORK/jobs.txt" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
calls = {}  # number -> set of Call-IDs (a retransmitted INVITE has the same Call-ID)
for message in re.split(r"\n(?=-{10,})", text):
    m = re.search(r"^INVITE sip:(\d+)@", message, re.M)
    c = re.search(r"^Call-ID:\s*(\S+)", message, re.M | re.I)
    if m and c: calls.setdefault(m.group(1), set()).add(c.group(1))
jobs = [line.strip().split("|") for line in open(sys.argv[2]) if line.strip()]
missing = sum(1 for number, _ in jobs if number not in calls)
# one INVITE per attempt; the job the killed node held may have been claimed by it and not yet dialled
wrong = sum(1 for number, attempts in jobs if len(calls.get(number, ())) not in ({1} if attempts == "1" else {int(attempts) - 1, int(attempts)}))
print(sum(len(v) for v in calls.values()), missing, wrong, sum(1 for v in calls.values() if len(v) > 1))
PY
)
not_waiting=$(sql "SELECT count(*) FROM fax_jobs WHERE status <> 'retry_wait' OR attempts NOT IN (1, 2);")
taken_over=$(sql "SELECT count(*) FROM fax_jobs WHERE attempts = 2;")
taken_by_survivor=$(sql "SELECT count(*) FROM fax_jobs WHERE attempts = 2 AND claimed_by NOT LIKE 'node1/%';")
nodes_used=$(sql "SELECT count(DISTINCT split_part(claimed_by, '/', 1)) FROM fax_jobs;")
per_node=$(sql "SELECT string_agg(node || ':' || n, ' ' ORDER BY node) FROM (SELECT split_part(claimed_by, '/', 1) AS node, count(*) AS n FROM fax_jobs GROUP BY 1) AS t;")

echo "fax cluster: 3 nodes, $JOBS jobs due at once, node 1 killed while dialling: all tried in $(secs $all_ms) s ($(secs $taken_over_ms) s after the kill), $invites INVITEs at the trunk, $twice number(s) dialled twice, $missing never dialled, $wrong not once per attempt; $taken_over job(s) taken over from node 1 ($taken_by_survivor by a survivor), $not_waiting not waiting for a retry; last claims [$per_node], ${SECONDS} s"
status=0
[[ $missing -eq 0 && $wrong -eq 0 ]] || { echo "FAIL: not every job dialled exactly once per attempt"; status=1; }
[[ $taken_over -eq 1 && $taken_by_survivor -eq 1 && $twice -le 1 ]] \
  || { echo "FAIL: the job node 1 held was not taken over once by a survivor ($taken_over with two attempts, $twice numbers dialled twice)"; status=1; }
[[ $not_waiting -eq 0 ]] || { echo "FAIL: $not_waiting jobs not waiting for a retry after one or two attempts"; status=1; }
(( nodes_used >= 2 )) || { echo "FAIL: the claims name $nodes_used node(s); three nodes should share the queue"; status=1; }
if [[ $status -ne 0 ]]; then
  for f in node1.log node2.log node3.log trunk.out; do echo "--- $f"; tail -n 15 "$WORK/$f" 2>/dev/null; done
fi
exit $status
