#!/usr/bin/env python3
"""Records every DHCP server reply (UDP source port 67) seen on one
interface as one line of hex: the IPv4 packet as a packet socket delivers
it, preceded by the message type and the reply's source address.  Run
inside a namespace: dhcp_record.py IFACE OUTFILE.  tests/fuzz/capture_dnsmasq.sh
uses it to capture the dnsmasq replies that seed the DHCP fuzz targets.
SPDX-License-Identifier: MIT"""
import socket
import sys


def main():
    ifname, out = sys.argv[1], sys.argv[2]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
    s.bind((ifname, 0x0800))
    with open(out, "a", buffering=1) as f:
        f.write("# ready\n")
        while True:
            pkt, addr = s.recvfrom(65536)
            if addr[2] == 4 or len(pkt) < 28 or pkt[9] != 17:  # outgoing, short, not UDP
                continue
            ihl = (pkt[0] & 15) * 4
            if int.from_bytes(pkt[ihl:ihl + 2], "big") != 67:
                continue
            m = pkt[ihl + 8:]
            t, i = 0, 240
            while i + 1 < len(m) and m[i] != 255:
                if m[i] == 0:
                    i += 1
                    continue
                if m[i] == 53 and m[i + 1] == 1 and i + 2 < len(m):
                    t = m[i + 2]
                i += 2 + m[i + 1]
            f.write("%d %s\n" % (t, pkt.hex()))


if __name__ == "__main__":
    main()
