"""DHCPv6 messages for the ipcfg test tools (RFC 8415 §8, §21; RFC 3646):
building them from options, reading them back, and one line of text per
message.  Shared by dhcp6_sniff.py (the recorder) and dhcp6_hostile.py
(the hostile server); a module, not a program.

The reader never raises on what a hostile peer sends: describe() says
"malformed" where an option runs past its container, and the fields read
so far stay.

SPDX-License-Identifier: MIT
"""
import socket
import struct

SOLICIT, ADVERTISE, REQUEST, CONFIRM, RENEW, REBIND, REPLY, RELEASE, DECLINE = 1, 2, 3, 4, 5, 6, 7, 8, 9
RECONFIGURE, INFORMATION_REQUEST = 10, 11
TYPES = {1: "SOLICIT", 2: "ADVERTISE", 3: "REQUEST", 4: "CONFIRM", 5: "RENEW", 6: "REBIND", 7: "REPLY",
         8: "RELEASE", 9: "DECLINE", 10: "RECONFIGURE", 11: "INFORMATION-REQUEST", 12: "RELAY-FORW",
         13: "RELAY-REPL"}

OPT_CLIENTID, OPT_SERVERID, OPT_IA_NA, OPT_IAADDR, OPT_ORO, OPT_PREFERENCE = 1, 2, 3, 5, 6, 7
OPT_ELAPSED, OPT_STATUS, OPT_RAPID_COMMIT = 8, 13, 14
OPT_DNS, OPT_DOMAINS, OPT_REFRESH, OPT_SOL_MAX_RT, OPT_INF_MAX_RT = 23, 24, 32, 82, 83

STATUS = {0: "Success", 1: "UnspecFail", 2: "NoAddrsAvail", 3: "NoBinding", 4: "NotOnLink", 5: "UseMulticast",
          6: "NoPrefixAvail"}
SUCCESS, UNSPECFAIL, NOADDRSAVAIL, NOBINDING, NOTONLINK = 0, 1, 2, 3, 4
INFINITE = 0xFFFFFFFF

ALL_SERVERS = "ff02::1:2"
CLIENT_PORT, SERVER_PORT = 546, 547


# ---- building -----------------------------------------------------------------

def opt(code, val):
    return struct.pack("!HH", code, len(val)) + val


def u32(v):
    return struct.pack("!I", v)


def message(mtype, xid, options):
    """A whole message: type, 24-bit transaction id (bytes or int), options."""
    if isinstance(xid, int):
        xid = xid.to_bytes(3, "big")
    return bytes([mtype]) + xid + b"".join(options)


def iaaddr(addr, preferred, valid, inner=b""):
    return opt(OPT_IAADDR, socket.inet_pton(socket.AF_INET6, addr) + u32(preferred) + u32(valid) + inner)


def ia_na(iaid, t1, t2, inner=b""):
    return opt(OPT_IA_NA, u32(iaid) + u32(t1) + u32(t2) + inner)


def status(code, text=b""):
    return opt(OPT_STATUS, struct.pack("!H", code) + text)


def dns_servers(addrs):
    return opt(OPT_DNS, b"".join(socket.inet_pton(socket.AF_INET6, a) for a in addrs))


def wire_name(text):
    """RFC 1035 §3.1 wire form of a name given as text (latin-1: each
    character one octet), each label what lies between dots whatever it
    holds, and the zero label at the end.  An empty label ("a..b", or ""
    itself) is written as the zero octet it is on the wire, which ends the
    name there."""
    raw = text.encode("latin-1")
    if raw == b"":
        return b"\0"
    return b"".join(bytes([len(x)]) + x for x in raw.split(b".")) + (b"" if raw.endswith(b".") else b"\0")


def domain_list(names):
    return opt(OPT_DOMAINS, b"".join(wire_name(n) for n in names))


# ---- reading ------------------------------------------------------------------

def options(buf):
    """[(code, value)] of buf, and True when an option ran past the end."""
    out, i = [], 0
    while i < len(buf):
        if i + 4 > len(buf):
            return out, True
        code, ln = struct.unpack("!HH", buf[i:i + 4])
        if i + 4 + ln > len(buf):
            return out, True
        out.append((code, buf[i + 4:i + 4 + ln]))
        i += 4 + ln
    return out, False


def ip6(b):
    return socket.inet_ntop(socket.AF_INET6, bytes(b)) if len(b) == 16 else "?" + b.hex()


def read_names(buf):
    """The names of an option 24 as text (labels joined by '.'); '?' marks
    a name that runs past the end."""
    names, i = [], 0
    while i < len(buf):
        labels = []
        while i < len(buf) and buf[i] != 0:
            n = buf[i]
            labels.append(buf[i + 1:i + 1 + n].decode("latin-1"))
            i += 1 + n
        if i >= len(buf):
            names.append(".".join(labels) + "?")
            break
        i += 1
        names.append(".".join(labels))
    return names


class Msg:
    """The fields of a message that a test looks at.  ia is a list of
    (iaid, t1, t2, [(address, preferred, valid, status)], status)."""

    def __init__(self, b):
        self.type = b[0] if b else 0
        self.xid = b[1:4]
        self.client = self.server = None
        self.ia, self.oro, self.dns, self.domains = [], None, None, None
        self.elapsed = self.preference = self.status = None
        self.codes = []
        self.malformed = len(b) < 4
        opts, bad = options(b[4:])
        self.malformed |= bad
        for code, val in opts:
            self.codes.append(code)
            if code == OPT_CLIENTID:
                self.client = val
            elif code == OPT_SERVERID:
                self.server = val
            elif code == OPT_IA_NA and len(val) >= 12:
                self.ia.append(self._ia(val))
            elif code == OPT_ORO:
                self.oro = [struct.unpack("!H", val[i:i + 2])[0] for i in range(0, len(val) - 1, 2)]
            elif code == OPT_ELAPSED and len(val) == 2:
                self.elapsed = struct.unpack("!H", val)[0]
            elif code == OPT_PREFERENCE and len(val) == 1:
                self.preference = val[0]
            elif code == OPT_STATUS and len(val) >= 2:
                self.status = struct.unpack("!H", val[:2])[0]
            elif code == OPT_DNS:
                self.dns = [ip6(val[i:i + 16]) for i in range(0, len(val), 16)]
            elif code == OPT_DOMAINS:
                self.domains = read_names(val)

    def _ia(self, val):
        iaid, t1, t2 = struct.unpack("!III", val[:12])
        addrs, st = [], None
        inner, bad = options(val[12:])
        self.malformed |= bad
        for code, v in inner:
            if code == OPT_IAADDR and len(v) >= 24:
                a_st = None
                for c2, v2 in options(v[24:])[0]:
                    if c2 == OPT_STATUS and len(v2) >= 2:
                        a_st = struct.unpack("!H", v2[:2])[0]
                pref, valid = struct.unpack("!II", v[16:24])
                addrs.append((ip6(v[:16]), pref, valid, a_st))
            elif code == OPT_STATUS and len(v) >= 2:
                st = struct.unpack("!H", v[:2])[0]
        return iaid, t1, t2, addrs, st


def lifetime(v):
    return "inf" if v == INFINITE else str(v)


def describe(b):
    """One line: TYPE xid=HEX then key=value fields, only those present:
    client= server= (DUIDs in hex), elapsed= (1/100 s), oro=23,24,82,
    pref=, status=Name, ia=IAID/T1/T2[/status=Name]{ADDR/PREFERRED/VALID[/status=Name],...}
    (one per IA_NA), dns=A,B, domains=N1,N2 (as text, repr-escaped when not
    printable), opts=every top-level option code, and "malformed" when an
    option runs past its container."""
    m = Msg(b)
    f = [TYPES.get(m.type, "TYPE%d" % m.type), "xid=" + m.xid.hex()]
    if m.client is not None:
        f.append("client=" + m.client.hex())
    if m.server is not None:
        f.append("server=" + m.server.hex())
    if m.elapsed is not None:
        f.append("elapsed=%d" % m.elapsed)
    if m.oro is not None:
        f.append("oro=" + ",".join(str(x) for x in m.oro))
    if m.preference is not None:
        f.append("pref=%d" % m.preference)
    if m.status is not None:
        f.append("status=" + STATUS.get(m.status, str(m.status)))
    for iaid, t1, t2, addrs, st in m.ia:
        a = ",".join("%s/%s/%s%s" % (x, lifetime(p), lifetime(v), "" if s is None else "/status=" + STATUS.get(s, str(s)))
                     for x, p, v, s in addrs)
        f.append("ia=%d/%s/%s%s{%s}" % (iaid, lifetime(t1), lifetime(t2),
                                        "" if st is None else "/status=" + STATUS.get(st, str(st)), a))
    if m.dns is not None:
        f.append("dns=" + ",".join(m.dns))
    if m.domains is not None:
        f.append("domains=" + ",".join(n if n.isprintable() and " " not in n else repr(n) for n in m.domains))
    f.append("opts=" + ",".join(str(c) for c in m.codes))
    if m.malformed:
        f.append("malformed")
    return " ".join(f)
