# What the load benchmarks share (sourced, not run: tools/bench/sip-load, sip-steady, backup-under-load, packet-cpu): the server's
# build and its start, free ports, SIPp's statistics, a p99, a process's CPU and RSS, the machine's busy time, the
# server's /metrics (scrape_metrics needs HTTP_PORT) and its garbage collections between two scrapes (serve_dll and
# gc_figures need root).

# serve_dll: the ivr.dll to run — IVR_DLL when set (another build, e.g. to compare before/after a change), else this
# tree's, built once by tools/ivr when sources are newer (then run directly: a stable pid)
serve_dll() {
  if [[ -n "${IVR_DLL:-}" ]]; then echo "$IVR_DLL"; return; fi
  "$root/tools/ivr" serve --help >/dev/null || return 1 # a failed build stops the caller (DLL=$(serve_dll) under set -e)
  echo "$root/engine/Ivr.Host/bin/Release/net10.0/ivr.dll"
}

# wait_serve_ready LOG PID [SECONDS]: until the server's start-up log says where to call (60 s at most unless told);
# exits the script, the log shown, when the server exits first
wait_serve_ready() {
  local tries=$(( 2 * ${3:-60} ))
  for _ in $(seq 1 "$tries"); do
    grep -q "; call sip:" "$1" && return 0
    kill -0 "$2" 2>/dev/null || { cat "$1"; echo "ivr serve exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "ivr serve not ready after ${3:-60} s" >&2; exit 1
}
# load_ports: "SIP HTTP SIPP SIPP_MEDIA" for a load run, drawn at once by tools/free-port (free for UDP and TCP, 30000-32767,
# outside the ephemeral range and the benchmarks' RTP ranges); each starts a free span of 4, as SIPp's media port needs (it
# binds -mp and -mp + 2). Read them with: ports=$(load_ports); read -r SIP_PORT HTTP_PORT SIPP_PORT SIPP_MP <<<"$ports"
load_ports() { "$root/tools/free-port" --span 4 4; }
# stat_col FILE COLUMN -> last value of that column in SIPp's -trace_stat csv
stat_col() { awk -F';' -v c="$2" 'NR==1 {for (i=1;i<=NF;i++) if ($i==c) k=i; next} {v=$k} END {print v+0}' "$1"; }
p99_of() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else {i=int(NR*0.99+0.999); if (i>NR) i=NR; print a[i]}}'; }
proc_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
proc_rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
# thread_ticks PID: each thread's CPU ticks (user + system) -> "tid<TAB>ticks<TAB>thread name" (.NET names its threads: ".NET TP Worker", ...)
thread_ticks() {
  for f in /proc/"$1"/task/*/stat; do cat "$f" 2>/dev/null; echo; done | awk 'NF {
    i = index($0, "("); j = match($0, /\) [A-Za-z] /); name = substr($0, i + 1, j - i - 1)
    split(substr($0, j + 2), a, " "); print $1 "\t" a[12] + a[13] "\t" name}'
}
machine_busy_idle() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $5+$6}' /proc/stat; }
HZ=$(getconf CLK_TCK)

# scrape_metrics FILE: the server's Prometheus metrics (the console serves /metrics without sign-in); empty on failure
scrape_metrics() { curl -fsS -m 5 "http://127.0.0.1:$HTTP_PORT/metrics" >"$1" 2>/dev/null || : >"$1"; }

# runtime_deltas BEFORE.prom AFTER.prom: "gen0 gen1 gen2 paused_s allocated_bytes work_items" between two scrapes of the
# server's /metrics; collections by generation collected (the metric counts a gen1 collection in gen0 too, and until
# session 16 so did these figures); "nan" for every field when a scrape is empty, for work_items when a server has no
# ivr_threadpool_work_items_total (before session 16)
runtime_deltas() {
  awk 'FNR == 1 {f++} /^ivr_gc_collections_total\{generation="[012]"\} / {match($0, /"[012]"/); c[f, substr($0, RSTART + 1, 1)] = $NF}
       /^ivr_gc_pause_seconds_total / {p[f] = $NF} /^ivr_allocated_bytes_total / {a[f] = $NF}
       /^ivr_threadpool_work_items_total / {w[f] = $NF}
       END {if (f < 2 || !((1, 0) in c) || !((2, 0) in c)) {print "nan nan nan nan nan nan"; exit}
            g0 = c[2, 0] - c[1, 0]; g1 = c[2, 1] - c[1, 1]; g2 = c[2, 2] - c[1, 2]
            printf "%d %d %d %.6f %.0f %s\n", g0 - g1, g1 - g2, g2, p[2] - p[1], a[2] - a[1], ((1 in w) && (2 in w)) ? w[2] - w[1] : "nan"}' "$1" "$2"
}

# gc_figures BEFORE.prom AFTER.prom: "gen0/gen1/gen2 A/B/C, paused P ms (longest stop <= L ms), allocated M MB"
# (runtime_deltas; the longest stop from ivr_gc_stop_seconds, n/a from a server without it, before session 19)
gc_figures() {
  local g0 g1 g2 paused bytes longest _
  read -r g0 g1 g2 paused bytes _ < <(runtime_deltas "$1" "$2")
  if grep -q '^ivr_gc_stop_seconds_count' "$2" 2>/dev/null; then
    longest=$("$root/tools/bench/histogram-delta" ivr_gc_stop_seconds "$1" "$2" | cut -d' ' -f6)
    [[ $longest == nan ]] && longest="-"
  else longest="n/a"; fi
  awk -v g0="$g0" -v g1="$g1" -v g2="$g2" -v p="$paused" -v a="$bytes" -v l="$longest" \
    'BEGIN {if (g0 == "nan") printf "gen0/gen1/gen2 nan"; else printf "gen0/gen1/gen2 %d/%d/%d, paused %.1f ms (longest stop <= %s ms), allocated %.1f MB", g0, g1, g2, 1000 * p, l, a / 1e6}'
}
