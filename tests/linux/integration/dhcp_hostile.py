#!/usr/bin/env python3
"""A hostile DHCP server for the ipcfg integration tests.

Usage (inside the server's namespace):
    dhcp_hostile.py IFACE SERVER_IP CONTROL_FILE LOG_FILE

It answers every DISCOVER and REQUEST seen on IFACE with whole Ethernet
frames it builds itself (an AF_PACKET raw socket, so that broken IPv4 and
UDP headers, fragments and floods can be sent).  What it answers is the
scenario named in CONTROL_FILE, read again for every request, so a test
switches scenarios without restarting it.  Every request and what was sent
for it are appended to LOG_FILE ("ready" first), with the name (option 81)
and user class (77) the client sent, as " fqdn=NAME class=TEXT".  The lease it offers when
nothing else is asked for: 10.77.0.50/24, router SERVER_IP, 600 s.

Scenarios (see SCENARIOS below; "good" serves correctly):
  good, xid, chaddr, optlen, overload_loop, yiaddr_zero, yiaddr_bcast,
  yiaddr_loopback, yiaddr_mcast, yiaddr_classe, addr_net, addr_subbcast
  (the subnet's network and broadcast addresses), mask_noncontig,
  mask_zero, lease0, lease1, dup51 (option 51 twice), ack_other (the ACK
  for another address than the OFFER),
  sid_change, moves, nak_always, nak_other, other_client, flood, flood_good, mtu, frag,
  frag_bad, trunc_ip, trunc_udp, bad_ipsum, bad_udpsum, junk_first (a
  garbage datagram, a reply of 0.0.0.0 and a truncated reply before each
  valid one), silent_ack
  (OFFERs but never ACKs), silent, die_after_offer (exits after its
  OFFER), infinite, p32, p31, lease:N (serves correctly, N-second
  leases with SERVER_IP as DNS server and domain example.test: dnsmasq
  gives no lease under 2 minutes, the keeper's tests want 10-20 s),
  lease:N:T1:T2 (the same with options 58 and 59), and names:N:FILE or
  names:N:T1:T2:FILE (N-second leases, T1 and T2 as options 58 and 59 when
  given, whose options 12, 15, 81 and 119 are those of the JSON file FILE,
  see names()), and raw:N:FILE (N-second leases carrying the bytes whose
  hex FILE holds as further options, exactly as written).

Like a real server it answers only what is broadcast or sent to SERVER_IP
(a unicast RENEWING request to another server is not its to answer), so
two of them, on two addresses of one interface, play two servers.  Each
log line ends with "at=S", the seconds since the server started.

SPDX-License-Identifier: MIT
"""
import json
import os
import socket
import struct
import time
import sys

ETH_P_IP = 0x0800
COOKIE = b"\x63\x82\x53\x63"
DISCOVER, OFFER, REQUEST, DECLINE, ACK, NAK, RELEASE = 1, 2, 3, 4, 5, 6, 7
NAMES = {1: "DISCOVER", 2: "OFFER", 3: "REQUEST", 4: "DECLINE", 5: "ACK", 6: "NAK", 7: "RELEASE", 8: "INFORM"}


def ip4(s):
    return socket.inet_aton(s)


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def opt(code, val):
    return bytes([code, len(val)]) + val


def u32(v):
    return struct.pack("!I", v)


def labels(w):
    """The labels of a name in DNS wire form (no compression): up to the
    zero label or the end (a partial name, RFC 4702 §2.3.1)."""
    out, i = [], 0
    while i < len(w) and w[i] != 0:
        out.append(w[i + 1:i + 1 + w[i]])
        i += 1 + w[i]
    return out


class Req:
    """The fields of a client's message that a reply depends on."""

    def __init__(self, m):
        self.xid = m[4:8]
        self.flags = m[10:12]
        self.ciaddr = m[12:16]
        self.chaddr = m[28:44]
        self.type = 0
        self.requested = None
        self.server = None
        self.said = ""  # what the client says of itself: " fqdn=NAME" (option 81), " class=TEXT" (77)
        i = 240
        while i + 1 < len(m) and m[i] != 255:
            if m[i] == 0:
                i += 1
                continue
            code, ln = m[i], m[i + 1]
            val = m[i + 2:i + 2 + ln]
            if code == 53 and ln == 1:
                self.type = val[0]
            elif code == 50 and ln == 4:
                self.requested = val
            elif code == 54 and ln == 4:
                self.server = val
            elif code == 81 and ln >= 3:
                self.said += " fqdn=" + ".".join(lab.decode("latin-1") for lab in labels(val[3:]))
            elif code == 77 and ln >= 1:
                self.said += " class=" + val[1:1 + val[0]].decode("latin-1")
            i += 2 + ln


class Server:
    def __init__(self, ifname, server_ip, control, log):
        self.ifname = ifname
        self.sid = ip4(server_ip)
        self.control = control
        self.log = open(log, "a", buffering=1)
        with open("/sys/class/net/%s/address" % ifname) as f:
            self.mac = bytes.fromhex(f.read().strip().replace(":", ""))
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_IP))
        self.sock.bind((ifname, ETH_P_IP))
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
        self.ip_id = 1

    # ---- building -------------------------------------------------------------

    def bootp(self, r, yiaddr, xid=None, chaddr=None, file=b"", sname=b""):
        h = struct.pack("!BBBB", 2, 1, 6, 0) + (xid if xid is not None else r.xid)
        h += b"\0\0" + r.flags + r.ciaddr + yiaddr + b"\0\0\0\0" + b"\0\0\0\0"
        h += (chaddr if chaddr is not None else r.chaddr)
        h += sname.ljust(64, b"\0") + file.ljust(128, b"\0") + COOKIE
        return h

    def reply(self, r, mtype, yiaddr=ip4("10.77.0.50"), mask=ip4("255.255.255.0"), lease=600, sid=None,
              router=None, xid=None, chaddr=None, extra=b"", end=True):
        o = opt(53, bytes([mtype])) + opt(54, sid if sid is not None else self.sid)
        if mtype != NAK:
            o += opt(51, u32(lease))
            if mask is not None:
                o += opt(1, mask)
            o += opt(3, router if router is not None else self.sid)
        o += extra
        if end:
            o += b"\xff"
        return self.bootp(r, yiaddr, xid, chaddr) + o

    def dest(self, r):
        """(dst MAC, dst IP): unicast to ciaddr in RENEWING, else broadcast."""
        if r.ciaddr != b"\0\0\0\0":
            return r.chaddr[:6], r.ciaddr
        return b"\xff" * 6, b"\xff\xff\xff\xff"

    def udp(self, src, dst, payload, bad_sum=False):
        ln = 8 + len(payload)
        pseudo = src + dst + struct.pack("!BBH", 0, 17, ln)
        hdr = struct.pack("!HHHH", 67, 68, ln, 0)
        c = csum(pseudo + hdr + payload) or 0xFFFF
        if bad_sum:
            c ^= 0x5A5A
        return struct.pack("!HHHH", 67, 68, ln, c) + payload

    def ip(self, dst, body, frag=0, total=None, bad_sum=False, ident=None):
        ident = self.ip_id if ident is None else ident
        self.ip_id = (self.ip_id + 1) & 0xFFFF
        tl = 20 + len(body) if total is None else total
        h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, tl, ident, frag, 64, 17, 0, self.sid, dst)
        c = csum(h)
        if bad_sum:
            c ^= 0x0101
        return h[:10] + struct.pack("!H", c) + h[12:] + body

    def send(self, r, ippkt):
        mac, _ = self.dest(r)
        self.sock.send(mac + self.mac + struct.pack("!H", ETH_P_IP) + ippkt)

    def send_msg(self, r, msg, **kw):
        mac, dst = self.dest(r)
        self.send(r, self.ip(dst, self.udp(self.sid, dst, msg), **kw))

    # ---- scenarios ------------------------------------------------------------

    def good(self, r, **kw):
        if r.type == DISCOVER:
            return [self.reply(r, OFFER, **kw)]
        if r.type == REQUEST:
            kw.setdefault("yiaddr", r.requested or r.ciaddr)
            return [self.reply(r, ACK, **kw)]
        return []

    @staticmethod
    def wire(text):
        """A name in DNS wire form (no compression), each label being what
        lies between dots, whatever it holds, its length byte however large
        (over 63 it reads as a pointer or another label type); an empty
        label has no wire form (a zero length ends the name) and is left
        out."""
        return b"".join(bytes([len(x)]) + x for x in text.split(b".") if x) + b"\0"

    @staticmethod
    def names(path):
        """The name-carrying options of a JSON file {"12": TEXT, "15": TEXT,
        "81": TEXT, "119": TEXT or [TEXT, ...]} (TEXT's characters are
        bytes 0-255): 12 and 15 as text, 81 (RFC 4702) and 119 (RFC 3397,
        the names one after another, uncompressed) in DNS wire form."""
        with open(path) as f:
            want = json.load(f)
        o = b""
        for code in sorted(want, key=int):
            val = want[code] if isinstance(want[code], list) else [want[code]]
            text = b"".join(x.encode("latin-1") for x in val)
            if code == "81":
                text = b"\x04\0\0" + Server.wire(text)
            elif code == "119":
                text = b"".join(Server.wire(x.encode("latin-1")) for x in val)
            while True:  # RFC 3396: a long value in several instances
                o += opt(int(code), text[:255])
                text = text[255:]
                if not text:
                    break
        return o

    @staticmethod
    def t1t2(n):
        """Options 58 and 59 of a scenario's [LEASE, T1, T2]; none of [LEASE]."""
        return opt(58, u32(n[1])) + opt(59, u32(n[2])) if len(n) == 3 else b""

    def handle(self, scen, r):
        """Sends the scenario's answer to r; returns a log word."""
        mac, dst = self.dest(r)
        if scen == "good":
            out = self.good(r)
        elif scen == "die_after_offer":
            # the server killed between OFFER and ACK
            if r.type == DISCOVER:
                for x in self.good(r):
                    self.send_msg(r, x)
                self.log.write("%s OFFER sent, exiting\n" % scen)
                os._exit(0)
            out = []
        elif scen == "silent":
            out = []
        elif scen == "silent_ack":
            out = self.good(r) if r.type == DISCOVER else []
        elif scen == "xid":
            out = [self.reply(r, OFFER if r.type == DISCOVER else ACK, xid=bytes(b ^ 0x5A for b in r.xid))]
        elif scen == "chaddr":
            ch = bytearray(r.chaddr)
            ch[5] ^= 1
            out = [self.reply(r, OFFER if r.type == DISCOVER else ACK, chaddr=bytes(ch))]
        elif scen == "other_client":
            out = [self.reply(r, OFFER if r.type == DISCOVER else ACK, chaddr=bytes.fromhex("02aabbccddee") + b"\0" * 10,
                              xid=bytes(b ^ 1 for b in r.xid), yiaddr=ip4("10.77.0.77"))]
        elif scen == "optlen":
            # the router option claims 200 octets; the message ends after 4
            m = self.reply(r, OFFER if r.type == DISCOVER else ACK, end=False)
            out = [m + bytes([6, 200]) + ip4("10.77.0.1")]
        elif scen == "overload_loop":
            # option 52 says "options continue in file and sname"; file and
            # sname each say the same again
            loop = opt(52, b"\x03") + b"\xff"
            t = OFFER if r.type == DISCOVER else ACK
            o = opt(53, bytes([t])) + opt(54, self.sid) + opt(52, b"\x03") + b"\xff"
            out = [self.bootp(r, ip4("10.77.0.50"), file=loop + opt(51, u32(600)), sname=loop) + o]
        elif scen.startswith("yiaddr_"):
            a = {"yiaddr_zero": "0.0.0.0", "yiaddr_bcast": "255.255.255.255", "yiaddr_loopback": "127.0.0.1",
                 "yiaddr_mcast": "224.0.0.5", "yiaddr_classe": "240.0.0.1"}[scen]
            out = [self.reply(r, OFFER if r.type == DISCOVER else ACK, yiaddr=ip4(a), mask=None)]
        elif scen == "mask_noncontig":
            out = [self.reply(r, OFFER if r.type == DISCOVER else ACK, mask=ip4("255.0.255.0"))]
        elif scen in ("lease0", "lease1"):
            out = [self.reply(r, OFFER if r.type == DISCOVER else ACK, lease=int(scen[5:]))]
        elif scen == "mask_zero":
            out = [self.reply(r, OFFER if r.type == DISCOVER else ACK, mask=ip4("0.0.0.0"))]
        elif scen in ("addr_net", "addr_subbcast"):
            # the subnet's network or broadcast address (10.77.0.0/24)
            a = ip4("10.77.0.0" if scen == "addr_net" else "10.77.0.255")
            out = [self.reply(r, OFFER if r.type == DISCOVER else ACK, yiaddr=a)]
        elif scen == "dup51":
            # option 51 twice: RFC 3396 makes one 8-octet lease time of it
            out = [self.reply(r, OFFER if r.type == DISCOVER else ACK, extra=opt(51, u32(600)))]
        elif scen == "ack_other":
            # a valid OFFER of .50, then an ACK of .51
            out = self.good(r) if r.type == DISCOVER else [self.reply(r, ACK, yiaddr=ip4("10.77.0.51"))]
        elif scen == "sid_change":
            # OFFER from SERVER_IP, the ACK names another server
            out = self.good(r) if r.type == DISCOVER else [self.reply(r, ACK, yiaddr=r.requested or r.ciaddr,
                                                                          sid=ip4("10.77.0.2"))]
        elif scen == "moves":
            # a legal renewal that moves the lease to another address of the
            # subnet (the ACK of a REQUEST from a bound client names .60)
            if r.type == REQUEST and r.ciaddr != b"\0" * 4:
                out = [self.reply(r, ACK, yiaddr=ip4("10.77.0.60"))]
            else:
                out = self.good(r)
        elif scen == "nak_always":
            # OFFERs, then a NAK (from the same server) to every REQUEST: the
            # server is there but gives no lease
            out = self.good(r) if r.type == DISCOVER else [self.reply(r, NAK, yiaddr=b"\0" * 4)]
        elif scen == "nak_other":
            out = self.good(r) if r.type == DISCOVER else [self.reply(r, NAK, yiaddr=b"\0" * 4, sid=ip4("10.77.0.2"))]
        elif scen in ("flood", "flood_good"):
            bad = self.reply(r, OFFER if r.type == DISCOVER else ACK, xid=bytes(b ^ 0x5A for b in r.xid))
            pkt = self.ip(dst, self.udp(self.sid, dst, bad))
            for _ in range(2000):
                try:
                    self.send(r, pkt)
                except OSError:
                    pass
            if scen == "flood_good":
                # the valid server answers a moment later: the flood may
                # have overrun the client's receive queue meanwhile, and it
                # must still take the valid reply (on a loaded machine a
                # reply right behind 2000 others is lost with them)
                time.sleep(0.2)
            out = self.good(r) if scen == "flood_good" else []
        elif scen == "mtu":
            # as large as a 1500-octet MTU allows: IP 20 + UDP 8 + 1472
            out = []
            for x in self.good(r):
                body, pad = x[:-1], 1472 - len(x)
                while pad >= 257:
                    body, pad = body + opt(224, b"\x01" * 255), pad - 257
                if pad >= 2:
                    body, pad = body + opt(224, b"\x01" * (pad - 2)), 0
                out.append(body + b"\0" * pad + b"\xff")
        elif scen in ("frag", "frag_bad"):
            # the good answer split into two IPv4 fragments (frag_bad: the
            # second fragment overlaps the first and rewrites the xid)
            for x in self.good(r):
                body = self.udp(self.sid, dst, x)
                ident = self.ip_id
                cut = (len(body) // 2) & ~7
                first, rest = body[:cut], body[cut:]
                self.send(r, self.ip(dst, first, frag=0x2000, ident=ident))
                if scen == "frag_bad":
                    # overlaps the first from octet 8 on, with another xid
                    over = bytearray(body[8:])
                    over[4:8] = b"\xde\xad\xbe\xef"
                    self.send(r, self.ip(dst, bytes(over), frag=1, ident=ident))
                else:
                    self.send(r, self.ip(dst, rest, frag=cut // 8, ident=ident))
            return "sent %s fragments" % scen
        elif scen == "trunc_ip":
            for x in self.good(r):
                full = self.ip(dst, self.udp(self.sid, dst, x))
                self.send(r, full[:12])
            return "sent a truncated IPv4 header"
        elif scen == "trunc_udp":
            for x in self.good(r):
                full = self.ip(dst, self.udp(self.sid, dst, x))
                h = bytearray(full[:24])
                struct.pack_into("!H", h, 2, 24)
                struct.pack_into("!H", h, 10, 0)
                struct.pack_into("!H", h, 10, csum(bytes(h[:20])))
                self.send(r, bytes(h))
            return "sent a truncated UDP header"
        elif scen == "bad_ipsum":
            for x in self.good(r):
                self.send_msg(r, x, bad_sum=True)
            return "sent with a wrong IPv4 header checksum"
        elif scen == "bad_udpsum":
            for x in self.good(r):
                self.send(r, self.ip(dst, self.udp(self.sid, dst, x, bad_sum=True)))
            return "sent with a wrong UDP checksum"
        elif scen == "junk_first":
            # before each valid answer: a garbage BOOTREPLY to port 68, the
            # answer with yiaddr 0.0.0.0, the answer cut short (its IP and
            # UDP lengths say so), all as fast as they can go
            t = OFFER if r.type == DISCOVER else ACK
            good = self.good(r)
            junk = b"\x02" + bytes((i * 37 + 11) & 0xFF for i in range(299))  # BOOTREPLY: past the filter
            out = [junk, self.reply(r, t, yiaddr=b"\0" * 4)] + [x[:200] for x in good] + good
        elif scen == "infinite":
            out = self.good(r, lease=0xFFFFFFFF)
        elif scen == "p32":
            out = self.good(r, mask=ip4("255.255.255.255"))
        elif scen == "p31":
            out = self.good(r, yiaddr=ip4("10.77.0.0"), mask=ip4("255.255.255.254"))
        elif scen.startswith("lease:") and all(x.isdigit() for x in scen[6:].split(":")):
            n = [int(x) for x in scen[6:].split(":")]
            extra = opt(6, self.sid) + opt(15, b"example.test") + self.t1t2(n)
            out = self.good(r, lease=n[0], extra=extra)
        elif scen.startswith("names:") and scen[6:].split(":", 1)[0].isdigit():
            parts = scen[6:].split(":")
            k = 3 if len(parts) > 3 and parts[1].isdigit() and parts[2].isdigit() else 1
            n = [int(x) for x in parts[:k]]
            path = ":".join(parts[k:])
            out = self.good(r, lease=n[0], extra=opt(6, self.sid) + self.t1t2(n) + self.names(path))
        elif scen.startswith("raw:") and scen[4:].split(":", 1)[0].isdigit():
            lease, path = scen[4:].split(":", 1)
            with open(path) as f:
                raw = bytes.fromhex(f.read().strip())
            out = self.good(r, lease=int(lease), extra=opt(6, self.sid) + raw)
        else:
            return "unknown scenario %s" % scen
        for x in out:
            self.send_msg(r, x)
        return "sent %d" % len(out)

    def run(self):
        t0 = time.monotonic()
        self.log.write("ready\n")
        while True:
            pkt, addr = self.sock.recvfrom(65536)
            pkt = pkt[14:]  # the Ethernet header
            if addr[2] == socket.PACKET_OUTGOING or len(pkt) < 28 or pkt[9] != 17:
                continue
            ihl = (pkt[0] & 15) * 4
            if pkt[16:20] not in (b"\xff" * 4, self.sid):
                continue  # unicast to another server
            if struct.unpack("!H", pkt[ihl + 2:ihl + 4])[0] != 67:
                continue
            m = pkt[ihl + 8:]
            if len(m) < 240 or m[236:240] != COOKIE or m[0] != 1:
                continue
            r = Req(m)
            try:
                with open(self.control) as f:
                    scen = f.read().strip() or "good"
            except OSError:
                scen = "good"
            if r.type in (DISCOVER, REQUEST):
                what = self.handle(scen, r)
            else:
                what = "-"
            self.log.write("%s %s ciaddr=%s %s: %s%s at=%.3f\n" % (scen, NAMES.get(r.type, r.type),
                                                                    socket.inet_ntoa(r.ciaddr),
                                                                    "unicast" if pkt[16:20] != b"\xff" * 4 else "broadcast",
                                                                    what, r.said, time.monotonic() - t0))


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: dhcp_hostile.py IFACE SERVER_IP CONTROL_FILE LOG_FILE")
    os.nice(0)
    Server(*sys.argv[1:5]).run()


if __name__ == "__main__":
    main()
