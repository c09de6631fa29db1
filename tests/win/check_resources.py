#!/usr/bin/env python3
"""Reads ipcfg.exe's resources back from the built file (the PE resource
directory, parsed here byte by byte) and checks them:

  - the version resource (RT_VERSION 1): VS_FIXEDFILEINFO's file and
    product versions are the project's, an application for Windows NT; its
    US English / UTF-16 string table names the company, the description, the
    file and product versions, the original file name ipcfg.exe and the
    copyright line of LICENSE;
  - the application manifest (RT_MANIFEST 1, the only manifest): asInvoker
    without UI access, supportedOS for Windows 7, 8, 8.1 and 10/11 (and no
    other), longPathAware true, and no activeCodePage.

usage: check_resources.py EXE VERSION COPYRIGHT_LINE
Exits 0 when every check holds, 1 with the failed checks otherwise (an exe
without resources included).
SPDX-License-Identifier: MIT
"""
import struct
import sys
import xml.etree.ElementTree as ET

RT_VERSION = 16
RT_MANIFEST = 24

SUPPORTED_OS = {
    "{35138b9a-5d96-4fbd-8e2d-a2440225f93a}": "Windows 7",
    "{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}": "Windows 8",
    "{1f676c76-80e1-4239-95bb-83d0f6d0da78}": "Windows 8.1",
    "{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}": "Windows 10 and 11",
}
ASM_V3 = "urn:schemas-microsoft-com:asm.v3"
COMPAT = "urn:schemas-microsoft-com:compatibility.v1"
WS_2016 = "http://schemas.microsoft.com/SMI/2016/WindowsSettings"

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


class PE:
    """The resource tree of a PE file: {type: {name: {lang: bytes}}}."""

    def __init__(self, data):
        self.data = data
        if data[:2] != b"MZ":
            raise ValueError("not an MZ executable")
        pe = struct.unpack_from("<I", data, 0x3C)[0]
        if data[pe:pe + 4] != b"PE\0\0":
            raise ValueError("no PE signature")
        nsec, = struct.unpack_from("<H", data, pe + 6)
        optsize, = struct.unpack_from("<H", data, pe + 20)
        opt = pe + 24
        magic, = struct.unpack_from("<H", data, opt)
        ddir = opt + (96 if magic == 0x10B else 112)  # PE32 / PE32+
        self.rsrc_rva, self.rsrc_size = struct.unpack_from("<II", data, ddir + 2 * 8)
        self.sections = []
        for i in range(nsec):
            s = opt + optsize + 40 * i
            vsize, va, rawsize, rawptr = struct.unpack_from("<IIII", data, s + 8)
            self.sections.append((va, max(vsize, rawsize), rawptr))

    def off(self, rva):
        for va, size, raw in self.sections:
            if va <= rva < va + size:
                return raw + rva - va
        raise ValueError("RVA 0x%x is in no section" % rva)

    def tree(self):
        if not self.rsrc_rva:
            return {}
        base = self.off(self.rsrc_rva)
        return self._dir(base, base, 0)

    def _dir(self, base, at, depth):
        if depth > 2:
            raise ValueError("resource directory deeper than 3 levels")
        named, ids = struct.unpack_from("<HH", self.data, at + 12)
        out = {}
        for i in range(named + ids):
            name, target = struct.unpack_from("<II", self.data, at + 16 + 8 * i)
            if name & 0x80000000:  # a name string: length, then UTF-16
                p = base + (name & 0x7FFFFFFF)
                n, = struct.unpack_from("<H", self.data, p)
                key = self.data[p + 2:p + 2 + 2 * n].decode("utf-16-le")
            else:
                key = name
            if target & 0x80000000:
                out[key] = self._dir(base, base + (target & 0x7FFFFFFF), depth + 1)
            else:
                rva, size = struct.unpack_from("<II", self.data, base + target)
                p = self.off(rva)
                out[key] = self.data[p:p + size]
        return out


def align4(n):
    return (n + 3) & ~3


def vs_node(b, at):
    """One node of a VS_VERSIONINFO tree: (key, value bytes, wType, children)."""
    length, vlen, vtype = struct.unpack_from("<HHH", b, at)
    p = at + 6
    end_key = p
    while b[end_key:end_key + 2] != b"\0\0":
        end_key += 2
    key = b[p:end_key].decode("utf-16-le")
    p = align4(end_key + 2)
    vbytes = vlen * 2 if vtype == 1 else vlen  # text: in WCHARs
    value = b[p:p + vbytes]
    p = align4(p + vbytes)
    children = []
    while p < at + length:
        child = vs_node(b, p)
        children.append(child)
        p = align4(p + struct.unpack_from("<H", b, p)[0])
    return key, value, vtype, children


def check_version(blob, version, copyright_line):
    key, fixed, _, children = vs_node(blob, 0)
    check(key == "VS_VERSION_INFO", "the version resource's key is %r" % key)
    sig, _, fms, fls, pms, pls, _, _, fos, ftype = struct.unpack_from("<10I", fixed, 0)
    check(sig == 0xFEEF04BD, "VS_FIXEDFILEINFO signature 0x%08x" % sig)
    parts = [int(x) for x in version.split(".")] + [0, 0, 0]
    want_ms, want_ls = parts[0] << 16 | parts[1], parts[2] << 16 | parts[3]
    check((fms, fls) == (want_ms, want_ls), "binary file version %d.%d.%d.%d, expected %s.0"
          % (fms >> 16, fms & 0xFFFF, fls >> 16, fls & 0xFFFF, version))
    check((pms, pls) == (want_ms, want_ls), "binary product version %d.%d.%d.%d, expected %s.0"
          % (pms >> 16, pms & 0xFFFF, pls >> 16, pls & 0xFFFF, version))
    check(fos == 0x40004, "FILEOS 0x%x, expected VOS_NT_WINDOWS32" % fos)
    check(ftype == 1, "FILETYPE %d, expected VFT_APP" % ftype)
    strings = {}
    translations = []
    for ckey, _, _, sub in children:
        if ckey == "StringFileInfo":
            for table, _, _, entries in sub:
                check(table.upper() == "040904B0", "string table %s, expected 040904B0" % table)
                for k, v, _, _ in entries:
                    strings[k] = v.decode("utf-16-le").rstrip("\0")
        elif ckey == "VarFileInfo":
            for vk, vv, _, _ in sub:
                if vk == "Translation":
                    translations += list(struct.unpack("<%dH" % (len(vv) // 2), vv))
    company = copyright_line.split(" ", 3)[3] if copyright_line.startswith("Copyright (c) ") else ""
    want = {
        "CompanyName": company,
        "FileDescription": "ipcfg - ipconfig-style DHCP lease utility",
        "FileVersion": version,
        "InternalName": "ipcfg",
        "LegalCopyright": copyright_line,
        "OriginalFilename": "ipcfg.exe",
        "ProductName": "ipcfg",
        "ProductVersion": version,
    }
    for k, v in want.items():
        check(strings.get(k) == v, "%s is %r, expected %r" % (k, strings.get(k), v))
    check(translations == [0x0409, 1200], "Translation %r, expected [0x409, 1200]" % translations)
    return strings


def check_manifest(blob):
    root = ET.fromstring(blob)
    check(not [e for e in root.iter() if e.tag.split("}")[-1] == "activeCodePage"],
          "the manifest sets activeCodePage")
    levels = root.findall(".//{%s}requestedExecutionLevel" % ASM_V3)
    check(len(levels) == 1 and levels[0].get("level") == "asInvoker" and levels[0].get("uiAccess") == "false",
          "requestedExecutionLevel is not asInvoker without UI access: %r" % [lv.attrib for lv in levels])
    ids = [e.get("Id", "").lower() for e in root.findall(".//{%s}supportedOS" % COMPAT)]
    check(sorted(ids) == sorted(SUPPORTED_OS), "supportedOS %r, expected Windows 7, 8, 8.1 and 10/11" % ids)
    lpa = root.findall(".//{%s}longPathAware" % WS_2016)
    check(len(lpa) == 1 and (lpa[0].text or "").strip().lower() == "true", "longPathAware is not true")
    return ids


def main():
    if len(sys.argv) != 4:
        print("usage: check_resources.py EXE VERSION COPYRIGHT_LINE", file=sys.stderr)
        return 2
    exe, version, copyright_line = sys.argv[1:]
    with open(exe, "rb") as f:
        pe = PE(f.read())
    tree = pe.tree()
    versions = tree.get(RT_VERSION, {})
    manifests = tree.get(RT_MANIFEST, {})
    strings = {}
    if check(list(versions) == [1] and len(versions[1]) == 1, "RT_VERSION: %r, expected one resource 1" % versions.keys()):
        strings = check_version(next(iter(versions[1].values())), version, copyright_line)
    if check(list(manifests) == [1] and len(manifests[1]) == 1,
             "RT_MANIFEST: %r, expected one resource 1" % {k: list(v) for k, v in manifests.items()}):
        check_manifest(next(iter(manifests[1].values())))
    if failures:
        for f in failures:
            print("FAIL %s: %s" % (exe, f))
        return 1
    print("ok: %s %s, %s; manifest asInvoker, Windows 7-11, longPathAware" % (
        strings.get("ProductName"), strings.get("FileVersion"), strings.get("LegalCopyright")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
