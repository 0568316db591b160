"""The UDP packets of a classic pcap capture, for the benchmarks' Python tools (rtp-figures, sip-times,
sipp/caller-audio, caller-audio-send-test): one reader instead of a loop in each. Ethernet, Linux cooked or raw IP;
micro- or nanosecond timestamps in either byte order; IPv4 and IPv6. Only python3's standard library.

  import sys, os; sys.dont_write_bytecode = True; sys.path.insert(0, <tools/bench>); from pcap_udp import udp_packets
"""
import struct

_FORMATS = {b"\xd4\xc3\xb2\xa1": ("<", 1e-6), b"\xa1\xb2\xc3\xd4": (">", 1e-6),
            b"\x4d\x3c\xb2\xa1": ("<", 1e-9), b"\xa1\xb2\x3c\x4d": (">", 1e-9)}
_LINK_LENGTHS = {1: 14, 113: 16, 101: 0}  # Ethernet, Linux cooked, raw IP


def udp_packets(path):
    """Yields (time_s, src_port, dst_port, udp_payload) for every IPv4/IPv6 UDP packet; exits with a message for a file
    that is not a classic pcap of a handled link type. A cut last record ends the walk."""
    with open(path, "rb") as f:
        header = f.read(24)
        if len(header) < 24:
            raise SystemExit(f"{path}: not a pcap file (too short)")
        if header[:4] not in _FORMATS:
            raise SystemExit(f"{path}: not a classic pcap file (pcapng? write it with dumpcap -P)")
        endian, unit = _FORMATS[header[:4]]
        linktype = struct.unpack(endian + "I", header[20:24])[0]
        link_length = _LINK_LENGTHS.get(linktype)
        if link_length is None:
            raise SystemExit(f"{path}: link type {linktype} not handled (Ethernet, Linux cooked, raw IP)")
        record = struct.Struct(endian + "IIII")
        while True:
            rh = f.read(16)
            if len(rh) < 16:
                return
            seconds, fraction, captured, _ = record.unpack(rh)
            data = f.read(captured)
            if len(data) < captured:
                return
            ip = data[link_length:]
            if not ip:
                continue
            version = ip[0] >> 4
            if version == 4:
                if ip[9] != 17:
                    continue
                udp = ip[(ip[0] & 0x0F) * 4:]
            elif version == 6:
                if ip[6] != 17:
                    continue
                udp = ip[40:]
            else:
                continue
            if len(udp) < 8:
                continue
            src, dst = struct.unpack("!HH", udp[:4])
            length = struct.unpack("!H", udp[4:6])[0]
            payload = udp[8:length] if 8 <= length <= len(udp) else udp[8:]  # a snapped capture keeps what it has
            yield seconds + fraction * unit, src, dst, payload
