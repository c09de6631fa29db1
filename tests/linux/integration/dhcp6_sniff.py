#!/usr/bin/env python3
"""Records the DHCPv6 messages (UDP 546/547) and the neighbour discovery
(RS, RA, NS, NA) seen on one interface, one line each, flushed at once:

   <TYPE> <ip-src> <ip-dst> xid=... client=... ia=... ... at=<seconds>

(dhcp6_wire.describe gives the fields; at= counts from the recorder's
start), and for ICMPv6:

   RS <src> <dst> at=...
   RA <src> <dst> M=1 O=0 lifetime=1800 prefix=2001:db8:77::/64/A=0/L=1 at=...
   NS <src> <dst> target=<address> at=...    (src :: is a DAD probe)
   NA <src> <dst> target=<address> at=...

IPv6 fragments are put back together (a Reply with 255 DNS servers is
larger than the link's MTU).  With --hex, each DHCPv6 line ends with
hex=<the UDP payload>, for fuzz seeds.  "ready" is the first line.
Run inside the test's namespace:  dhcp6_sniff.py [--hex] IFACE OUTFILE
The DHCPv6 tests' counterpart of dhcp_sniff.py and dhcp_record.py.
SPDX-License-Identifier: MIT"""
import socket
import struct
import sys
import time

from dhcp6_wire import CLIENT_PORT, SERVER_PORT, describe, ip6

ETH_P_ALL, ETH_P_IPV6 = 0x0003, 0x86DD
ICMP = {133: "RS", 134: "RA", 135: "NS", 136: "NA"}


def icmp_line(t, body):
    if t == 134 and len(body) >= 16:
        flags, life = body[5], struct.unpack("!H", body[6:8])[0]
        f = ["M=%d" % (flags >> 7 & 1), "O=%d" % (flags >> 6 & 1), "lifetime=%d" % life]
        i = 16
        while i + 2 <= len(body) and body[i + 1]:
            ln = body[i + 1] * 8
            if body[i] == 3 and ln >= 32 and i + 32 <= len(body):  # prefix information
                pl, pf = body[i + 2], body[i + 3]
                f.append("prefix=%s/%d/A=%d/L=%d" % (ip6(body[i + 16:i + 32]), pl, pf >> 6 & 1, pf >> 7 & 1))
            i += ln
        return " ".join(f)
    if t in (135, 136) and len(body) >= 24:
        return "target=" + ip6(body[8:24])
    return ""


class Reassembly:
    """IPv6 fragments (RFC 8200 §4.5) by (source, destination, id)."""

    def __init__(self):
        self.parts = {}

    def add(self, src, dst, frag, data):
        nxt, off_m, ident = frag[0], struct.unpack("!H", frag[2:4])[0], frag[4:8]
        key = (src, dst, ident)
        got = self.parts.setdefault(key, {"next": nxt, "pieces": {}, "end": None})
        off = off_m & 0xFFF8
        got["pieces"][off] = data
        if not off_m & 1:
            got["end"] = off + len(data)
        if got["end"] is None:
            return None
        whole, at = b"", 0
        for o in sorted(got["pieces"]):
            if o != at:
                return None
            whole += got["pieces"][o]
            at += len(got["pieces"][o])
        if at != got["end"]:
            return None
        del self.parts[key]
        if len(self.parts) > 64:
            self.parts.clear()
        return got["next"], whole


def main():
    args = sys.argv[1:]
    hexdump = args[:1] == ["--hex"]
    if hexdump:
        args = args[1:]
    ifname, out = args
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_ALL))
    s.bind((ifname, ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    frags = Reassembly()
    t0 = time.monotonic()
    with open(out, "a", buffering=1) as f:
        f.write("ready\n")
        while True:
            pkt, addr = s.recvfrom(65536)
            if addr[1] != ETH_P_IPV6 or len(pkt) < 40:
                continue
            nxt, src, dst = pkt[6], ip6(pkt[8:24]), ip6(pkt[24:40])
            body = pkt[40:40 + struct.unpack("!H", pkt[4:6])[0]]
            while nxt in (0, 43, 60, 44) and len(body) >= 8:
                if nxt == 44:
                    whole = frags.add(src, dst, body[:8], body[8:])
                    if whole is None:
                        break
                    nxt, body = whole
                    continue
                nxt, body = body[0], body[(body[1] + 1) * 8:]
            at = " at=%.3f" % (time.monotonic() - t0)
            if nxt == 58 and len(body) >= 4 and body[0] in ICMP:
                extra = icmp_line(body[0], body)
                f.write("%s %s %s%s%s\n" % (ICMP[body[0]], src, dst, " " + extra if extra else "", at))
                continue
            if nxt != 17 or len(body) < 8:
                continue
            sport, dport = struct.unpack("!HH", body[:4])
            if {sport, dport} & {CLIENT_PORT, SERVER_PORT} == set() or body[8:] == b"":
                continue
            kind, _, rest = describe(body[8:]).partition(" ")
            f.write("%s %s %s %s%s%s\n" % (kind, src, dst, rest, at, " hex=" + body[8:].hex() if hexdump else ""))


if __name__ == "__main__":
    main()
