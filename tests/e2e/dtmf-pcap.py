#!/usr/bin/env python3
"""Writes an RFC 4733 key sequence as a pcap that SIPp's play_pcap_audio replays (ethernet/IPv4/UDP/RTP, PT 101).

SIPp's own dtmf_2833_N.pcap files all carry one SSRC and a fixed timestamp per key, so the same key twice in a row
(the 11 of an ID) looks like a retransmission of one event (RFC 4733 §2.5.1.3) and is rightly dropped. Here every
key is its own event: 8 packets 20 ms apart (marker on the first, the last three with the E bit), a new timestamp
per key, 400 ms from key to key. Usage: dtmf-pcap.py KEYS OUT.pcap [FIRST]   (KEYS: 0-9 * #; FIRST: how many keys an
earlier pcap of the same call sent, so that this one's sequence numbers and timestamps go on from there)
"""
import struct
import sys

EVENTS = {**{str(d): d for d in range(10)}, "*": 10, "#": 11}


def packets(keys, first):
    seq, ts, at_ms = 1000 + 8 * first, 160000 + 3200 * first, 0
    for key in keys:
        event = EVENTS[key]
        for i in range(8):
            end = i >= 5
            duration = min(i + 1, 6) * 160
            rtp = struct.pack(">BBHII", 0x80, 101 | (0x80 if i == 0 else 0), seq & 0xFFFF, ts, 0x1F2E3D4C)
            rtp += struct.pack(">BBH", event, 0x0A | (0x80 if end else 0), duration)
            yield at_ms + i * 20, rtp
            seq += 1
        ts += 3200  # 400 ms at 8 kHz: every key a new event
        at_ms += 400


def frame(rtp):
    udp = struct.pack(">HHHH", 10000, 10000, 8 + len(rtp), 0) + rtp
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1])) + udp
    return b"\x00" * 12 + b"\x08\x00" + ip


def main(keys, out, first=0):
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for at_ms, rtp in packets(keys, first):
            data = frame(rtp)
            f.write(struct.pack("<IIII", 1_700_000_000 + at_ms // 1000, (at_ms % 1000) * 1000, len(data), len(data)) + data)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0)
