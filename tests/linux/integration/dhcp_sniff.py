#!/usr/bin/env python3
"""Records the DHCP messages seen on one interface, one line each:
   <type> <ip-src> <ip-dst> ciaddr=<a> yiaddr=<a> server=<option 54>
(types: DISCOVER OFFER REQUEST DECLINE ACK NAK RELEASE INFORM), flushed at
once.  Run inside the test's namespace: dhcp_sniff.py IFACE OUTFILE.  Used
by the ipcfg DHCP integration tests to check how a message was sent.
SPDX-License-Identifier: MIT"""
import socket
import sys

TYPES = {1: "DISCOVER", 2: "OFFER", 3: "REQUEST", 4: "DECLINE", 5: "ACK", 6: "NAK", 7: "RELEASE", 8: "INFORM"}


def ip(b):
    return socket.inet_ntoa(bytes(b))


def main():
    ifname, out = sys.argv[1], sys.argv[2]
    # ETH_P_ALL: a tap for one protocol does not see what this host sends.
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0003))
    s.bind((ifname, 0x0003))
    with open(out, "a", buffering=1) as f:
        f.write("ready\n")
        while True:
            pkt, addr = s.recvfrom(4096)
            if addr[1] != 0x0800 or len(pkt) < 28 or pkt[9] != 17:
                continue
            ihl = (pkt[0] & 15) * 4
            udp = pkt[ihl:]
            sport, dport = int.from_bytes(udp[0:2], "big"), int.from_bytes(udp[2:4], "big")
            if {sport, dport} != {67, 68}:
                continue
            m = udp[8:]
            if len(m) < 240 or m[236:240] != b"\x63\x82\x53\x63":
                continue
            mtype, server, i = 0, "-", 240
            while i < len(m) and m[i] != 255:
                if m[i] == 0:
                    i += 1
                    continue
                if i + 1 >= len(m):
                    break
                code, ln = m[i], m[i + 1]
                val = m[i + 2:i + 2 + ln]
                if code == 53 and ln == 1:
                    mtype = val[0]
                elif code == 54 and ln == 4:
                    server = ip(val)
                i += 2 + ln
            f.write("%s %s %s ciaddr=%s yiaddr=%s server=%s\n" % (
                TYPES.get(mtype, "TYPE%d" % mtype), ip(pkt[12:16]), ip(pkt[16:20]), ip(m[12:16]), ip(m[16:20]),
                server))


if __name__ == "__main__":
    main()
