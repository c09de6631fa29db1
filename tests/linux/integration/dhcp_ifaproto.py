#!/usr/bin/env python3
"""Prints "<address>/<prefix> <IFA_PROTO>" for every IPv4 address of one
interface (IFA_PROTO -1 when the kernel sent none): iproute2 before 6.3
does not show an address's protocol.  Usage: dhcp_ifaproto.py IFINDEX [6]
(6: its IPv6 addresses instead).
SPDX-License-Identifier: MIT"""
import socket
import struct
import sys

RTM_GETADDR, NLM_F_REQUEST, NLM_F_DUMP, IFA_ADDRESS, IFA_LOCAL, IFA_PROTO = 22, 1, 0x300, 1, 2, 11


def main():
    want = int(sys.argv[1])
    fam_want = socket.AF_INET6 if len(sys.argv) > 2 and sys.argv[2] == "6" else socket.AF_INET
    alen_want = 16 if fam_want == socket.AF_INET6 else 4
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    s.bind((0, 0))
    req = struct.pack("=LHHLL", 16 + 8, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, 1, 0)
    req += struct.pack("=BBBBL", fam_want, 0, 0, 0, 0)
    s.send(req)
    while True:
        data = s.recv(65536)
        off = 0
        while off + 16 <= len(data):
            ln, typ, _, _, _ = struct.unpack_from("=LHHLL", data, off)
            if typ == 3:  # NLMSG_DONE
                return
            if typ == 20:  # RTM_NEWADDR
                fam, plen, _, _, idx = struct.unpack_from("=BBBBL", data, off + 16)
                a = off + 24
                addr, proto = None, -1
                while a + 4 <= off + ln:
                    alen, atyp = struct.unpack_from("=HH", data, a)
                    if alen < 4:
                        break
                    val = data[a + 4:a + alen]
                    if atyp in (IFA_LOCAL, IFA_ADDRESS) and len(val) == alen_want and (addr is None or atyp == IFA_LOCAL):
                        addr = socket.inet_ntop(fam_want, val)
                    elif atyp == IFA_PROTO and len(val) >= 1:
                        proto = val[0]
                    a += (alen + 3) & ~3
                if idx == want and addr and fam == fam_want:
                    print("%s/%d %d" % (addr, plen, proto))
            off += (ln + 3) & ~3


if __name__ == "__main__":
    main()
