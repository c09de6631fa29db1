#!/usr/bin/env python3
"""The layout rules of src/ (docs/development.md, "Rules the layout keeps").

    check_layout.py SRC_DIR INCLUDE_DIR [--engine LIB] [LIB ...]

Fails (exit 1, one line per violation) when:

  * includes form a cycle: a module (a .c file, its .h and its internal
    <stem>_int.h, by path without the extension) that includes, through
    any chain, a module that includes it;
  * calls form a cycle: the objects of the static libraries LIB, taken
    from `nm`, where one object's undefined symbol is another's definition;
  * the engine's sources (src/linux/engine/) include, directly or through
    a header, anything but the engine's own headers, the engine wire, the
    clock, the protocol libraries (src/dhcp, src/dhcp6) and the public
    headers; or the engine library (--engine) calls anything outside
    itself and the protocol and model libraries;
  * a header of the DHCP codec includes the state machine's
    (src/dhcp/dhcp_msg.h, dhcp_frame.h, dhcp_lease.h, dhcp_arp.h must not
    reach dhcp_client.h);
  * a file in src/ is over 600 lines, or a function over 100 lines (from
    the line that names it to its closing brace).
"""
import os
import re
import subprocess
import sys
from collections import defaultdict

FILE_MAX = 600
FUNC_MAX = 100

ENGINE_DIR = "linux/engine/"
ENGINE_MAY_INCLUDE = ("linux/engine/", "linux/wire/engine_wire.h", "linux/clock.h", "dhcp/", "dhcp6/", "ipcfg/")
CODEC = ("dhcp/dhcp_msg.h", "dhcp/dhcp_frame.h", "dhcp/dhcp_lease.h", "dhcp/dhcp_arp.h")
STATE_MACHINE = "dhcp/dhcp_client.h"

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def sources(src):
    out = []
    for root, _, files in os.walk(src):
        for f in files:
            if f.endswith((".c", ".h")):
                out.append(os.path.join(root, f))
    return sorted(out)


def rel(path, src, inc):
    """A key for a file: its path under src/ or include/."""
    for base in (src, inc):
        r = os.path.relpath(path, base)
        if not r.startswith(".."):
            return r
    return path


def resolve(name, including, src, inc):
    """Where a quoted include lands: the including file's folder, then the
    include directories the build gives (src/linux, src, the libraries'
    own folders, include/)."""
    roots = [os.path.dirname(including), os.path.join(src, "linux"), src, inc]
    roots += [os.path.join(src, d) for d in ("dhcp", "dhcp6", "core", "model", "win")]
    for r in roots:
        p = os.path.normpath(os.path.join(r, name))
        if os.path.isfile(p):
            return p
    return None


def module(key):
    """A .c file and its .h are one module; so is a module's internal
    header, <stem>_int.h (what its own files share)."""
    stem, ext = os.path.splitext(key)
    if ext == ".h" and stem.endswith("_int"):
        stem = stem[: -len("_int")]
    return stem


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def check_includes(files, src, inc, bad):
    incl = {}  # file key -> set of included file keys
    for f in files:
        k = rel(f, src, inc)
        incl[k] = set()
        with open(f, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                m = INCLUDE_RE.match(line)
                if m:
                    p = resolve(m.group(1), f, src, inc)
                    if p is not None:
                        incl[k].add(rel(p, src, inc))
    graph = defaultdict(set)
    for k, deps in incl.items():
        for d in deps:
            if module(d) != module(k):
                graph[module(k)].add(module(d))
    for comp in cycles(graph):
        bad.append("include cycle: " + " <-> ".join(comp))

    def closure(k):
        seen, todo = set(), [k]
        while todo:
            x = todo.pop()
            for d in incl.get(x, ()):
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        return seen

    for k in sorted(incl):
        if k.startswith(ENGINE_DIR):
            for d in sorted(closure(k)):
                if not d.startswith(ENGINE_MAY_INCLUDE):
                    bad.append("the engine reaches the privileged side: %s includes %s" % (k, d))
        if k in CODEC and STATE_MACHINE in closure(k):
            bad.append("the codec includes the state machine: %s reaches %s" % (k, STATE_MACHINE))


def nm(lib):
    """(object, defined symbols, undefined symbols) of each member."""
    out = subprocess.run(["nm", "-A", lib], capture_output=True, text=True, check=True).stdout
    defs, undefs = defaultdict(set), defaultdict(set)
    name = os.path.basename(lib)
    for line in out.splitlines():
        head, _, rest = line.partition(": ")
        if not rest:
            head, _, rest = line.rpartition(":")
        obj = name + ":" + head.split(":")[-1]
        parts = rest.split()
        if len(parts) == 2 and parts[0] == "U":
            undefs[obj].add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDBRCV":
            defs[obj].add(parts[2])
    return defs, undefs


def check_calls(libs, engine, bad):
    defs, undefs, owner = {}, {}, {}
    for lib in libs:
        d, u = nm(lib)
        for obj in set(d) | set(u):
            if obj in defs:
                bad.append("two objects named %s: their calls cannot be told apart" % obj)
            defs[obj], undefs[obj] = d.get(obj, set()), u.get(obj, set())
            for s in defs[obj]:
                owner[s] = obj
    graph = defaultdict(set)
    for obj, us in undefs.items():
        for s in us:
            if s in owner and owner[s] != obj:
                graph[obj].add(owner[s])
    for comp in cycles(graph):
        bad.append("call cycle: " + " <-> ".join(comp))
    if engine:
        allowed = ("libipcfg_engine.a:", "libipcfg_dhcp.a:", "libipcfg_dhcp6.a:", "libipcfg_model.a:")
        for obj in sorted(o for o in undefs if o.startswith(os.path.basename(engine) + ":")):
            for s in sorted(undefs[obj]):
                if s in owner and not owner[s].startswith(allowed):
                    bad.append("the engine calls the privileged side: %s calls %s (%s)" % (obj, s, owner[s]))


NAME_RE = re.compile(r"(\w+)\s*\(")


def functions(lines):
    """(first line, last line, name) of each function definition: the
    project's style puts a definition's opening brace alone at the start
    of a line and its closing brace at the start of a line; the
    definition starts at the first line of its signature."""
    i = 0
    while i < len(lines):
        if lines[i].rstrip() != "{":
            i += 1
            continue
        start = i
        while start > 0:
            prev = lines[start - 1].rstrip()
            if prev == "" or prev.endswith((";", "}", "*/")) or prev.startswith("#"):
                break
            start -= 1
        end = i + 1
        while end < len(lines) and not lines[end].startswith("}"):
            end += 1
        m = NAME_RE.search(" ".join(lines[start:i]))
        yield start, end, m.group(1) if m else "?"
        i = end + 1


def check_sizes(files, src, inc, bad):
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        k = rel(f, src, inc)
        if len(lines) > FILE_MAX:
            bad.append("%s: %d lines (at most %d)" % (k, len(lines), FILE_MAX))
        if f.endswith(".c"):
            for start, end, name in functions(lines):
                if end - start + 1 > FUNC_MAX:
                    bad.append("%s:%d: %s() is %d lines (at most %d)" % (k, start + 1, name, end - start + 1,
                                                                          FUNC_MAX))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, inc = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    engine, libs, args = None, [], argv[3:]
    while args:
        a = args.pop(0)
        if a == "--engine":
            engine = args.pop(0)
            libs.append(engine)
        else:
            libs.append(a)
    files = sources(src)
    bad = []
    check_includes(files, src, inc, bad)
    if libs:
        check_calls(libs, engine, bad)
    check_sizes(files, src, inc, bad)
    for b in bad:
        print(b)
    print("layout: %d files, %d libraries, %d violations" % (len(files), len(libs), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
