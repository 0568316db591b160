#!/usr/bin/env bash
# baresip (Debian, a SIP stack no one here wrote) calls a real `ivr serve` over SIP over TLS with SRTP mandatory
# (SDES, RTP/SAVP, AES_CM_128_HMAC_SHA1_80), presses key 1 by RFC 4733 in the main menu, and the call's recorded path
# must go main_menu -> pension. Then a plain-RTP offer over TLS must be refused with 488 (--srtp mandatory).
# Keys are typed into baresip through its cons module (UDP console), KEY_DELAY s after the call is established
# (default 10: after the 8.4 s welcome, during the main menu).
# Usage: tests/e2e/run-baresip-tls.sh [path/to/ivr]   (default: engine/Ivr.Host/bin/Release/net10.0/ivr)
# Exit 0 on success or when baresip (or its srtp/g711 modules) is not installed (skipped, with the reason).
set -euo pipefail
cd "$(dirname "$0")/../.."
IVR=${1:-engine/Ivr.Host/bin/Release/net10.0/ivr}
BARESIP=${BARESIP:-/usr/bin/baresip}
MODULES=${BARESIP_MODULES:-/usr/lib/baresip/modules}
KEY_DELAY=${KEY_DELAY:-10}
if [[ ! -x "$BARESIP" ]]; then echo "baresip not installed ($BARESIP): skipped"; exit 0; fi
for m in srtp g711 cons ausine aufile account menu; do
  [[ -f "$MODULES/$m.so" ]] || { echo "baresip lacks its $m module ($MODULES/$m.so): skipped"; exit 0; }
done
if [[ ! -x "$IVR" ]]; then echo "no ivr binary at $IVR: build it with dotnet build engine/Ivr.Host -c Release" >&2; exit 2; fi

ports=$(tools/free-port 4); read -r SIP_PORT TLS_PORT UA_PORT CONS_PORT <<<"$ports" # tools/free-port: all at once, outside the ephemeral range
WORK=$(mktemp -d /tmp/ivr-baresip-XXXXXX)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 2 \
  -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null

"$IVR" serve --sip-port "$SIP_PORT" --tls-port "$TLS_PORT" --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --srtp mandatory \
  --address 127.0.0.1 --rtp-ports 42200-42299 --no-console --data "$WORK/data" >"$WORK/serve.log" 2>&1 &
SERVER=$!
UA=""
cleanup() {
  [[ -n "$UA" ]] && { kill "$UA" 2>/dev/null || true; wait "$UA" 2>/dev/null || true; }
  kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  grep -q "; call sip:" "$WORK/serve.log" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log"; echo "ivr serve exited" >&2; exit 1; }
  sleep 0.5
done
grep -q "TLS on port $TLS_PORT, SRTP mandatory" "$WORK/serve.log" || { cat "$WORK/serve.log"; echo "FAIL: server did not start TLS with SRTP mandatory"; exit 1; }

# One baresip profile per run: a caller account over TLS, media encryption $1, a 440 Hz tone as its microphone.
profile() {
  local dir="$WORK/ua-$1"; mkdir -p "$dir"; : >"$dir/contacts"
  cat >"$dir/config" <<CFG
poll_method epoll
sip_listen 127.0.0.1:$UA_PORT
sip_cafile $WORK/cert.pem
audio_player aufile,$dir/heard.wav
audio_source ausine,440
audio_alert aufile,$dir/alert.wav
ausrc_srate 48000
ausrc_channels 2
auplay_srate 48000
auplay_channels 1
rtp_ports 46300-46399
module_path $MODULES
module cons.so
module g711.so
module ausine.so
module aufile.so
module srtp.so
module_app account.so
module_app menu.so
cons_listen 127.0.0.1:$CONS_PORT
CFG
  echo "<sip:caller@127.0.0.1;transport=tls>;regint=0;audio_codecs=PCMU${2:+;mediaenc=$2}" >"$dir/accounts"
  echo "$dir"
}
type_keys() { python3 -c 'import socket, sys; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(sys.argv[1].encode(), ("127.0.0.1", int(sys.argv[2])))' "$1" "$CONS_PORT"; }
wait_for() { # wait_for FILE PATTERN SECONDS
  for _ in $(seq 1 $(($3 * 10))); do grep -aq "$2" "$1" && return 0; sleep 0.1; done; return 1
}
stop_ua() { kill "$UA" 2>/dev/null || true; wait "$UA" 2>/dev/null || true; UA=""; }

# 1. SRTP mandatory on both sides: the call is answered, key 1 in the main menu reaches the pension service.
dir=$(profile srtp srtp-mand)
"$BARESIP" -f "$dir" -e "/dial sip:12333@127.0.0.1:$TLS_PORT;transport=tls" >"$dir/out.log" 2>&1 &
UA=$!
if ! wait_for "$dir/out.log" "Call established" 20; then
  tr -d '\033' <"$dir/out.log" | tail -20; cat "$WORK/serve.log"; echo "FAIL: the TLS call was not established"; exit 1
fi
grep -aq "SRTP is Enabled (cryptosuite=AES_CM_128_HMAC_SHA1_80)" "$dir/out.log" || { echo "FAIL: baresip did not enable SRTP"; exit 1; }
wait_for "$dir/out.log" "incoming rtp for 'audio' established" 10 || { echo "FAIL: baresip received no SRTP it could authenticate"; exit 1; }
sleep "$KEY_DELAY"
type_keys 1
sleep 3
stop_ua
sleep 1
grep -q "answered (PCMU, telephone-event [0-9]*, SRTP AES_CM_128_HMAC_SHA1_80" "$WORK/serve.log" || { cat "$WORK/serve.log"; echo "FAIL: the server did not answer with SRTP"; exit 1; }
"$IVR" calls --data "$WORK/data" --last 1
"$IVR" calls --data "$WORK/data" --last 1 --json | grep -q '"main.pension"' || { cat "$WORK/serve.log"; echo "FAIL: key 1 (RFC 4733 over SRTP) did not lead to pension"; exit 1; }

# 2. Plain RTP offered over TLS: refused with 488 because SRTP is mandatory.
dir=$(profile plain)
"$BARESIP" -f "$dir" -e "/dial sip:12333@127.0.0.1:$TLS_PORT;transport=tls" >"$dir/out.log" 2>&1 &
UA=$!
wait_for "$dir/out.log" "488 Not Acceptable" 20 || { tr -d '\033' <"$dir/out.log" | tail -20; echo "FAIL: a plain RTP offer was not refused with 488"; exit 1; }
stop_ua
echo "PASS: baresip called over TLS with SRTP mandatory, key 1 by RFC 4733 reached the pension service; plain RTP got 488"
[[ -n "${KEEP_E2E:-}" ]] && echo "kept $WORK" || rm -rf "$WORK"
