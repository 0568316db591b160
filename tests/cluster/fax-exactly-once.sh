#!/usr/bin/env bash
# Scheduled faxes in a cluster (issue 12 §2, end to end): one PostgreSQL this script starts, three real `ivr serve` nodes
# (127.0.0.2, .3, .4) polling the same fax queue every second, and SIPp as their SIP trunk answering every INVITE
# 486 Busy Here. JOBS jobs (default 60) fall due at the same moment; then
#   - every job is dialled exactly once: one INVITE per number at the trunk (retransmissions of one INVITE counted once),
#     no number twice, none missing;
#   - the database agrees: every job has attempts = 1 and waits for its retry (busy is retried 10 min later);
#   - the work is shared: the claims name more than one node.
# The nodes run in a folder of their own whose deploy/ holds this test's fax.yaml (all day, 1 s polling) and trunk.yaml
# (the SIPp trunk); flows, prompts and fax are the repository's.
# Usage: tests/cluster/fax-exactly-once.sh [path/to/ivr]; prints one line starting with "fax cluster:"; exit 0 when all hold.
set -euo pipefail
cd "$(dirname "$0")/../.."
IVR=${1:-engine/Ivr.Host/bin/Release/net10.0/ivr}
SIPP=${SIPP:-/usr/bin/sipp}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
JOBS=${FAX_JOBS:-60}
for tool in "$SIPP" "$PGBIN/initdb" "$PGBIN/pg_ctl" /usr/bin/psql; do
  [[ -x "$tool" ]] || { echo "fax cluster: $tool not installed (tools/test installs sip-tester and postgresql-15)" >&2; exit 2; }
done
[[ -x "$IVR" ]] || { echo "fax cluster: no ivr binary at $IVR (dotnet build engine/Ivr.Host -c Release)" >&2; exit 2; }
IVR=$(realpath "$IVR")
REPO=$PWD

source tests/cluster/cluster-lib.sh
WORK=$(mktemp -d /tmp/ivr-faxcluster-XXXXXX)
PGDIR=$(mktemp -d /tmp/ivr-faxcluster-pg-XXXXXX)
trap cleanup EXIT
trap 'exit 143' TERM INT
start_postgres

TRUNK=$(free_port)
(cd "$WORK" && "$SIPP" -sf "$REPO/tests/cluster/trunk_busy.xml" -i 127.0.0.1 -p "$TRUNK" -m $((JOBS * 2)) -timeout 300 -nostdin -nd \
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

P=$(free_port)
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
while (( $(now_ms) - queued_at < 90000 )); do
  [[ $(sql "SELECT count(*) FROM fax_jobs WHERE attempts = 0 OR status = 'sending';") -eq 0 ]] && break
  sleep 0.5
done
all_ms=$(( $(now_ms) - queued_at ))
sleep 3 # a double dial would come now, from a node that claimed late

read -r invites distinct twice missing < <(python3 - "$WORK/trunk.msg" "$JOBS" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
calls = {}  # number -> set of Call-IDs (a retransmitted INVITE has the same Call-ID)
for message in re.split(r"\n(?=-{10,})", text):
    m = re.search(r"^INVITE sip:(\d+)@", message, re.M)
    c = re.search(r"^Call-ID:\s*(\S+)", message, re.M | re.I)
    if m and c: calls.setdefault(m.group(1), set()).add(c.group(1))
jobs = int(sys.argv[2])
expected = {"0105550%04d" % n for n in range(1, jobs + 1)}
print(sum(len(v) for v in calls.values()), len(calls), sum(1 for v in calls.values() if len(v) > 1), len(expected - set(calls)))
PY
)
attempts_not_one=$(sql "SELECT count(*) FROM fax_jobs WHERE attempts <> 1 OR status <> 'retry_wait';")
nodes_used=$(sql "SELECT count(DISTINCT claimed_by) FROM fax_jobs;")
per_node=$(sql "SELECT string_agg(node || ':' || n, ' ' ORDER BY node) FROM (SELECT split_part(claimed_by, '/', 1) AS node, count(*) AS n FROM fax_jobs GROUP BY 1) AS t;")

echo "fax cluster: 3 nodes, $JOBS jobs due at once, all tried in $(secs $all_ms) s: $invites INVITEs at the trunk for $distinct numbers, $twice dialled twice, $missing never dialled; database: $attempts_not_one jobs not at 1 attempt/retry_wait; claims [$per_node], ${SECONDS} s"
status=0
[[ $invites -eq $JOBS && $distinct -eq $JOBS && $twice -eq 0 && $missing -eq 0 ]] || { echo "FAIL: not every job dialled exactly once"; status=1; }
[[ $attempts_not_one -eq 0 ]] || { echo "FAIL: $attempts_not_one jobs not at exactly one attempt waiting for a retry"; status=1; }
(( nodes_used >= 2 )) || { echo "FAIL: the claims name $nodes_used node(s); three nodes should share the queue"; status=1; }
if [[ $status -ne 0 ]]; then
  for f in node1.log node2.log node3.log trunk.out; do echo "--- $f"; tail -n 15 "$WORK/$f" 2>/dev/null; done
fi
exit $status
