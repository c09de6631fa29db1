#!/usr/bin/env python3
"""A hostile DHCPv6 server for the ipcfg tests (RFC 8415), the DHCPv6
counterpart of dhcp_hostile.py.

Usage (inside the server's namespace):
    dhcp6_hostile.py IFACE CONTROL_FILE LOG_FILE [PREFIX]

It listens on IFACE, UDP port 547 (All_DHCP_Relay_Agents_and_Servers
ff02::1:2 joined), and answers each client message to the client's
address and port.  How it answers is the scenario in CONTROL_FILE, read
again for every message, so a test switches scenarios without restarting
it: one line of words, each a behaviour or a setting ("good" or an empty
file: serve correctly).  Every message received is appended to LOG_FILE
("ready" first) as

    SCENARIO TYPE src=ADDRESS xid=... client=... ia=...: WHAT at=SECONDS

(the message as dhcp6_wire.describe reads it; WHAT says what was sent;
at= counts from the server's start).

Serving correctly: a binding per (client DUID, IAID), addresses PREFIX50,
PREFIX51, ... in the order clients ask (a Declined address is never given
again); Advertise and Reply carry the Server Identifier (DUID-LL of
IFACE's MAC), the client's Client Identifier, one IA_NA per IA_NA asked
for with T1, T2 and the address, DNS server PREFIX53 (option 23), domain
list example.test (option 24), and in an Advertise a Preference of 255
(the client asks at once instead of waiting out the first
retransmission).  Renew (only when it names this server), Rebind, Request
(likewise), Confirm, Information-request, Release and Decline get their
Reply (§18.3).

Settings:
  lease:VALID[:PREFERRED[:T1:T2]]  lifetimes in seconds (default 600,
        PREFERRED = VALID, T1 and T2 0.5 and 0.8 of PREFERRED): short
        leases for the keeper's tests (dnsmasq gives none under 2 minutes)
  pref:N | pref:none   the Advertise's preference (default 255)
  refresh:N            an Information Refresh Time (option 32) in the
                       Reply to Information-request

Behaviours (each changes the Reply to Request, Renew, Rebind, Confirm and
Information-request unless it says otherwise; the suffix @adv moves it to
the Advertise, @all to both):
  silent            no answer to anything
  silent_reply      Advertise, but no Reply to anything
  norenew           no Reply to Renew (the rest served: Rebind after T2)
  xid               another transaction id
  duid              another client's DUID in the Client Identifier
  no_client_id      no Client Identifier
  iaid              the IA_NA for another IAID
  no_server_id      no Server Identifier
  trunc             a truncated option header at the end
  overlong          an option whose length runs past the end of the message
  inner             an IA Address running past the end of its IA_NA
  dns17             option 23 of 17 octets
  pref_gt_valid     an address whose preferred lifetime exceeds its valid one
  valid0            (Renew, Rebind) the held addresses with lifetimes 0, and
                    a new address of the binding beside them
  valid0_all        (Renew, Rebind) the held addresses with lifetimes 0 only
                    (the next Solicit gets a new address)
  t1_gt_t2          T1 over T2 (T1 0.9 and T2 1/6 of the preferred lifetime)
  dns255            255 DNS servers, PREFIX d:1 to PREFIX d:ff
  domains           option 24 with names that fail the name check ($(...),
                    backticks, ';', '|', quotes, a newline, '%', a blank,
                    a leading hyphen, the empty name) around one valid
                    name, ok.example.test
  domains:FILE      option 24 with the names of the JSON list in FILE (text,
                    each character one octet, labels split at dots)
  noaddrs           (Advertise and Reply to Request) NoAddrsAvail at the
                    message's top level and no IA_NA, as dnsmasq answers
                    when it has no address; Information-request served
  noaddrs_ia        the same with the status inside the IA_NA
  nobinding         (Renew, Rebind) NoBinding in the IA_NA: the client
                    must ask afresh (Solicit), which gets a new address
  notonlink         (Request, Renew, Rebind, Confirm) NotOnLink
  unspecfail        UnspecFail at the top level
  other_server      (Request) a Reply from another server (another Server
                    Identifier) instead of the one the Request names
  other_server_then_good  (Request) that Reply, then the right one
  storm             (Solicit) 1,000 Advertise, paced in bursts of 50: most
                    for another transaction id, without a Server
                    Identifier, malformed, with preferred > valid, for
                    another IAID, or valid with preferences 0-199; one,
                    the 638th, valid with preference 254 from a third
                    Server Identifier (the best); a Request to it is served

SPDX-License-Identifier: MIT
"""
import json
import os
import socket
import struct
import sys
import time

import dhcp6_wire as w

# names that fail the name check (docs/dhcp.md, "What a lease may carry"),
# one valid name among them; an empty label is the zero octet that ends a
# name on the wire, so the empty name stands for it
DEFAULT_NAMES = ["x$(id)", "a`id`.test", "a;id.test", "a|id.test", "a'b.test", 'a"b.test',
                 "a.test\nnameserver 192.0.2.66", "ok.example.test", "a%b.test", "", "-lead.test", "a b.test"]
REPLY_TO = {w.REQUEST, w.RENEW, w.REBIND, w.CONFIRM, w.INFORMATION_REQUEST, w.RELEASE, w.DECLINE}
# behaviours whose default target is not "the Reply"
WHERE = {"noaddrs": "all", "noaddrs_ia": "all", "storm": "adv"}


class Scenario:
    def __init__(self, text):
        self.words = text.split() or ["good"]
        self.valid, self.preferred, self.t1, self.t2 = 600, None, None, None
        self.pref, self.refresh, self.names_file = 255, None, None
        self.adv, self.reply, self.unknown = set(), set(), []
        for word in self.words:
            name, _, arg = word.partition(":")
            if name == "lease" and all(x.isdigit() for x in arg.split(":")) and len(arg.split(":")) in (1, 2, 4):
                n = [int(x) for x in arg.split(":")]
                self.valid = n[0]
                if len(n) > 1:
                    self.preferred = n[1]
                if len(n) == 4:
                    self.t1, self.t2 = n[2], n[3]
            elif name == "pref" and (arg == "none" or arg.isdigit()):
                self.pref = None if arg == "none" else int(arg)
            elif name == "refresh" and arg.isdigit():
                self.refresh = int(arg)
            elif name == "good":
                pass
            else:
                beh, _, where = name.partition("@")
                if beh == "domains" and arg:
                    self.names_file = arg
                if beh not in BEHAVIOURS:
                    self.unknown.append(word)
                    continue
                where = where or WHERE.get(beh, "reply")
                if where in ("adv", "all"):
                    self.adv.add(beh)
                if where in ("reply", "all"):
                    self.reply.add(beh)
        if self.preferred is None:
            self.preferred = self.valid
        if self.t1 is None:
            self.t1, self.t2 = self.preferred // 2, self.preferred * 4 // 5

    def label(self):
        return "+".join(self.words)


BEHAVIOURS = {"silent", "silent_reply", "norenew", "xid", "duid", "no_client_id", "iaid", "no_server_id", "trunc",
              "overlong", "inner", "dns17", "pref_gt_valid", "valid0", "valid0_all", "t1_gt_t2", "dns255", "domains",
              "noaddrs", "noaddrs_ia", "nobinding", "notonlink", "unspecfail", "other_server",
              "other_server_then_good", "storm"}


class Server:
    def __init__(self, ifname, control, log, prefix):
        self.ifname, self.control, self.prefix = ifname, control, prefix
        self.log = open(log, "a", buffering=1)
        self.ifindex = socket.if_nametoindex(ifname)
        with open("/sys/class/net/%s/address" % ifname) as f:
            mac = bytes.fromhex(f.read().strip().replace(":", ""))
        # DUID-LL (§11.4) of the interface, and two more servers' DUIDs
        self.duid = bytes.fromhex("00030001") + mac
        self.duid2 = bytes.fromhex("00030001") + mac[:5] + bytes([mac[5] ^ 0x01])
        self.best = bytes.fromhex("00030001") + mac[:5] + bytes([mac[5] ^ 0x02])
        self.bindings, self.declined, self.next_host = {}, set(), 0x50
        self.sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, ifname.encode())
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
        self.sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, self.ifindex)
        self.sock.bind(("::", w.SERVER_PORT))
        group = socket.inet_pton(socket.AF_INET6, w.ALL_SERVERS) + struct.pack("@I", self.ifindex)
        self.sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, group)

    # ---- the binding ---------------------------------------------------------------------

    def address(self, client, iaid, fresh=False):
        key = (client, iaid)
        if fresh or key not in self.bindings or self.bindings[key] in self.declined:
            while True:
                a = "%s%x" % (self.prefix, self.next_host)
                self.next_host += 1
                if a not in self.declined:
                    break
            self.bindings[key] = a
        return self.bindings[key]

    # ---- answers -------------------------------------------------------------------------

    def ia_for(self, sc, beh, req, iaid, t1, t2, held):
        """One IA_NA of an answer to req."""
        a = self.address(req.client, iaid)
        pref, valid = sc.preferred, sc.valid
        if "pref_gt_valid" in beh:
            pref, valid = valid + 1, valid
        if "t1_gt_t2" in beh:
            t1, t2 = pref * 9 // 10, pref // 6
        if "iaid" in beh:
            iaid = (iaid + 1) & 0xFFFFFFFF
        if "noaddrs_ia" in beh and req.type in (w.SOLICIT, w.REQUEST):
            return w.ia_na(iaid, 0, 0, w.status(w.NOADDRSAVAIL, b"no addresses"))
        if "nobinding" in beh and req.type in (w.RENEW, w.REBIND):
            self.bindings.pop((req.client, iaid), None)  # the next Solicit gets a new address
            return w.ia_na(iaid, 0, 0, w.status(w.NOBINDING, b"no binding"))
        if "notonlink" in beh and req.type in (w.REQUEST, w.RENEW, w.REBIND):
            return w.ia_na(iaid, 0, 0, w.status(w.NOTONLINK, b"not on link"))
        if req.type in (w.RENEW, w.REBIND) and ("valid0" in beh or "valid0_all" in beh) and held:
            body = b"".join(w.iaaddr(h, 0, 0) for h in held)
            fresh = self.address(req.client, iaid, fresh=True)  # withdrawn for good: never given again
            if "valid0" in beh:
                body += w.iaaddr(fresh, pref, valid)
            return w.ia_na(iaid, t1, t2, body)
        if "inner" in beh:
            # an IA Address whose length (44) runs past its IA_NA's end,
            # though not past the message's: an unknown option follows
            inner = struct.pack("!HH", w.OPT_IAADDR, 44) + socket.inet_pton(socket.AF_INET6, a) + w.u32(pref) + \
                w.u32(valid)
            return w.ia_na(iaid, t1, t2, inner) + w.opt(99, b"\0" * 20)
        if req.type in (w.RENEW, w.REBIND) and held:
            # the lease extended: the addresses held, with new lifetimes
            return w.ia_na(iaid, t1, t2, b"".join(w.iaaddr(h, pref, valid) for h in held))
        return w.ia_na(iaid, t1, t2, w.iaaddr(a, pref, valid))

    def answer(self, sc, beh, req, mtype, sid):
        """The answer of type mtype to req from the server sid, with the
        behaviours beh."""
        xid = bytes(b ^ 0x5A for b in req.xid) if "xid" in beh else req.xid
        o = []
        if "no_client_id" not in beh and req.client is not None:
            o.append(w.opt(w.OPT_CLIENTID, bytes.fromhex("000300010200000000aa") if "duid" in beh else req.client))
        if "no_server_id" not in beh:
            o.append(w.opt(w.OPT_SERVERID, sid))
        top = None
        if "unspecfail" in beh:
            top = w.UNSPECFAIL
        elif "noaddrs" in beh and mtype == w.ADVERTISE or "noaddrs" in beh and req.type == w.REQUEST:
            top = w.NOADDRSAVAIL
        elif "notonlink" in beh and req.type == w.CONFIRM:
            top = w.NOTONLINK
        elif req.type in (w.CONFIRM, w.RELEASE, w.DECLINE):
            top = w.SUCCESS
        if top is not None:
            o.append(w.status(top, w.STATUS[top].encode()))
        if top in (None, w.SUCCESS) and req.type in (w.SOLICIT, w.REQUEST, w.RENEW, w.REBIND):
            for iaid, t1, t2, addrs, _ in req.ia:
                # the addresses the client holds (it sends them with
                # lifetimes 0, §18.2.4: "SHOULD be set to 0")
                o.append(self.ia_for(sc, beh, req, iaid, sc.t1, sc.t2, [x[0] for x in addrs]))
        if mtype == w.ADVERTISE and sc.pref is not None:
            o.append(w.opt(w.OPT_PREFERENCE, bytes([sc.pref])))
        if req.type not in (w.RELEASE, w.DECLINE, w.CONFIRM):
            if "dns255" in beh:
                o.append(w.dns_servers(["%sd:%x" % (self.prefix, i) for i in range(1, 256)]))
            elif "dns17" in beh:
                o.append(w.opt(w.OPT_DNS, socket.inet_pton(socket.AF_INET6, self.prefix + "53") + b"\0"))
            else:
                o.append(w.dns_servers([self.prefix + "53"]))
            if "domains" in beh:
                names = DEFAULT_NAMES
                if sc.names_file:
                    with open(sc.names_file) as f:
                        names = json.load(f)
                o.append(w.domain_list(names))
            else:
                o.append(w.domain_list(["example.test"]))
        if req.type == w.INFORMATION_REQUEST and sc.refresh is not None:
            o.append(w.opt(w.OPT_REFRESH, w.u32(sc.refresh)))
        if "trunc" in beh:
            o.append(b"\0\x17\0")
        if "overlong" in beh:
            o.append(struct.pack("!HH", w.OPT_DOMAINS, 10) + b"\x01a\0")
        return w.message(mtype, xid, o)

    def storm(self, sc, req, to):
        """1,000 Advertise; the 638th the best valid one (preference 254)."""
        good = Scenario(" ".join(x for x in sc.words if not x.startswith("storm")))
        sent = 0
        for i in range(1000):
            beh, sid = set(), self.duid
            good.pref = i % 200
            kind = i % 7
            if i == 637:
                sid, good.pref = self.best, 254
            elif kind == 0:
                beh = {"xid"}
            elif kind == 1:
                beh = {"no_server_id"}
            elif kind == 3:
                beh = {"pref_gt_valid"}
            elif kind == 4:
                beh = {"iaid"}
            m = self.answer(good, beh, req, w.ADVERTISE, sid)
            if kind == 2 and i != 637:
                m = bytes([w.ADVERTISE]) + req.xid + b"\0\x07\0\x09"  # an option past the end
            try:
                self.sock.sendto(m, to)
                sent += 1
            except OSError:
                pass
            if i % 50 == 49:
                time.sleep(0.01)
        return "sent %d ADVERTISE (storm)" % sent

    def handle(self, sc, req, to):
        """Answers req (sent from to); returns what was done, for the log."""
        if "silent" in sc.reply or "silent" in sc.adv:
            return "silent"
        if req.type == w.SOLICIT:
            if "storm" in sc.adv:
                return self.storm(sc, req, to)
            self.sock.sendto(self.answer(sc, sc.adv, req, w.ADVERTISE, self.duid), to)
            return "sent ADVERTISE"
        if req.type not in REPLY_TO or "silent_reply" in sc.reply:
            return "-"
        if req.type == w.RENEW and "norenew" in sc.reply:
            return "not answered (norenew)"
        sid = self.duid
        if req.type in (w.REQUEST, w.RENEW, w.RELEASE, w.DECLINE):
            # §18.3: a server answers only what names it
            if req.server not in (self.duid, self.duid2, self.best):
                return "not for this server"
            sid = req.server
        if req.type == w.RELEASE:
            for iaid, _, _, _, _ in req.ia:
                self.bindings.pop((req.client, iaid), None)
        if req.type == w.DECLINE:
            for _, _, _, addrs, _ in req.ia:
                self.declined.update(x[0] for x in addrs)
        out = []
        if req.type == w.REQUEST and ("other_server" in sc.reply or "other_server_then_good" in sc.reply):
            other = self.duid2 if sid != self.duid2 else self.duid
            out.append(self.answer(sc, sc.reply, req, w.REPLY, other))
            if "other_server_then_good" in sc.reply:
                out.append(self.answer(sc, sc.reply - {"other_server_then_good"}, req, w.REPLY, sid))
        else:
            out.append(self.answer(sc, sc.reply, req, w.REPLY, sid))
        for m in out:
            self.sock.sendto(m, to)
        return "sent %d REPLY" % len(out)

    def run(self):
        t0 = time.monotonic()
        self.log.write("ready\n")
        while True:
            pkt, src = self.sock.recvfrom(65536)
            if not pkt or pkt[0] not in w.TYPES or pkt[0] in (w.ADVERTISE, w.REPLY, 12, 13):
                continue
            try:
                with open(self.control) as f:
                    sc = Scenario(f.read())
            except OSError:
                sc = Scenario("")
            req = w.Msg(pkt)
            if sc.unknown:
                what = "unknown scenario word %s" % ",".join(sc.unknown)
            elif req.malformed:
                what = "malformed, not answered"
            else:
                what = self.handle(sc, req, (src[0], src[1], 0, self.ifindex))
            kind, _, rest = w.describe(pkt).partition(" ")
            self.log.write("%s %s src=%s %s: %s at=%.3f\n" % (sc.label(), kind, src[0].split("%")[0], rest, what,
                                                             time.monotonic() - t0))


def main():
    if len(sys.argv) not in (4, 5):
        sys.stderr.write("usage: dhcp6_hostile.py IFACE CONTROL_FILE LOG_FILE [PREFIX]\n")
        sys.exit(2)
    prefix = sys.argv[4] if len(sys.argv) == 5 else "2001:db8:77::"
    Server(sys.argv[1], sys.argv[2], sys.argv[3], prefix).run()


if __name__ == "__main__":
    os.umask(0o022)
    main()
