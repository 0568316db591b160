# Sourced by the e2e scripts: start_ivr IVR WORK ARGS… starts `ivr serve ARGS…` with its log in WORK/serve.log, stops
# it when the script exits, waits until SIP and the console listen, and sets CONSOLE to the console's address.
start_ivr() {
  local ivr=$1 work=$2
  shift 2
  "$ivr" serve "$@" >"$work/serve.log" 2>&1 &
  SERVER=$!
  trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    grep -q "console: listening on" "$work/serve.log" && grep -q "; call sip:" "$work/serve.log" && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$work/serve.log"; echo "ivr serve exited" >&2; exit 1; }
    sleep 0.5
  done
  CONSOLE=$(grep -o "console: listening on http://[0-9.:]*" "$work/serve.log" | head -1 | sed 's/console: listening on //')
}
