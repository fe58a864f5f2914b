#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The bad-config corpus: layouts that break one rule each, run through the
offline checker (the hypervisor's own parse/validate code), and the messages
they must give.

Each tests/config/<name>.dts starts with directives:
  // hw: NAME        hardware DTB: tests/config/hw/NAME.dts or tests/unit/dts/NAME.dts
                     (default hw-virt-gicv3, QEMU virt with 4 CPUs and a GICv3),
                     or board:NAME for build/boards/NAME.dtb (scripts/boards.sh)
  // args: ARGS      extra tessera-check arguments
  // expect: TEXT    a line of the output must contain TEXT
  // exit: N         expected exit code (default: 1 if an expected text is an error)
Every "error:" and "warning:" line the checker prints must contain one of the
expected texts (the "partition ... refused" summary lines aside): a case shows
exactly its problems. Blobs that dtc cannot write (truncated, corrupt, wrong
cell counts in the header...) are made here from a valid layout (BLOB_CASES).

Then coverage: the checker is built once more with gcov, every case is run
through it, and each call that reports a problem in hyp/config_*.c
(val_err, cfg_diag, ...) must have been reached, unless
tests/config/uncovered.txt lists it with the reason. So every rule has a
failing case whose message is checked.
Prints PASS/FAIL per case, ends with "N passed, N failed".
"""
import glob
import os
import re
import shlex
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "build", "config")
CHECKER = os.path.join(ROOT, "build", "host", "tessera-check")
COV = os.path.join(OUT, "cov")
GUESTS = os.path.join(ROOT, "build", "aarch64", "guests")
DIAG_CALL = re.compile(r"\b(val_err|cfg_diag|val_hw_irqs_bad)\(")
DIAG_DEF = re.compile(r"^(static )?(void|int|bool) \w+\(")
SUMMARY = re.compile(r"^error: (partition '.*' \(.*\) refused|the hardware DTB lacks)")


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def dtc(src, dst, incs=()):
    cmd = ["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dst]
    for inc in list(incs) + [os.path.dirname(src), GUESTS]:
        cmd += ["-i", inc]
    r = sh(cmd + [src])
    if r.returncode:
        raise RuntimeError("dtc %s: %s" % (src, r.stderr.strip()))
    return dst


def hw_dtb(name):
    if name.startswith("board:"):
        return os.path.join(ROOT, "build", "boards", name[6:] + ".dtb")
    own = os.path.join(ROOT, "tests", "config", "hw", name + ".dts")
    src = own if os.path.exists(own) else os.path.join(ROOT, "tests", "unit", "dts", name + ".dts")
    return dtc(src, os.path.join(OUT, "hw", name + ".dtb"),
               [os.path.join(ROOT, "tests", "unit", "dts")])


def parse_case(path):
    case = {"name": os.path.basename(path)[:-4], "hw": "hw-virt-gicv3", "args": [],
            "expect": [], "exit": None}
    for line in open(path):
        if not line.startswith("//"):
            break
        key, _, val = line[2:].strip().partition(":")
        val = val.strip()
        if key == "hw":
            case["hw"] = val
        elif key == "args":
            case["args"] += shlex.split(val)
        elif key == "expect":
            case["expect"].append(val)
        elif key == "exit":
            case["exit"] = int(val)
    return case


def judge(case, out, rc):
    """What is wrong with a run: missing texts, unexpected problems, exit code."""
    lines = out.splitlines()
    bad = ["missing: " + e for e in case["expect"] if not any(e in l for l in lines)]
    for l in lines:
        if l.startswith(("error:", "warning:")) and not SUMMARY.match(l) and \
                not any(e in l for e in case["expect"]):
            bad.append("unexpected: " + l)
    want = case["exit"]
    if want is None:
        want = 1 if any(e.startswith("error:") for e in case["expect"]) else 0
    if rc != want:
        bad.append("exit %d, expected %d" % (rc, want))
    return bad


def run_checker(checker, hw, part, args):
    r = sh([checker, "--hw", hw, "--partitions", part] + args)
    return r.stdout + r.stderr, r.returncode


# ------------------------------------------------------------ blob cases

def be32(b, off):
    return struct.unpack(">I", b[off:off + 4])[0]


def put32(b, off, v):
    b[off:off + 4] = struct.pack(">I", v)
    return b


def truncate_half(b):
    return b[:len(b) // 2]


def first_prop(b):
    """Offset of the first property tag in the structure block."""
    off = be32(b, 8)
    while be32(b, off) != 3:       # FDT_PROP
        off += 4
    return off


def first_prop_nameoff(b):
    return first_prop(b) + 8


def struct_end(b):
    """Offset just past the structure block (version 17: off_dt_struct + size_dt_struct)."""
    return be32(b, 8) + be32(b, 36)


P = "error: partition DTB (%d bytes): "
BLOB_CASES = [
    # name, layout, hw, how the layout is broken, how the hardware DTB is, expected:
    # each names the check that failed, the value found and where
    ("blob-truncated", "layout-base", "hw-virt-gicv3", truncate_half, None,
     [P % 191 + "totalsize larger than the bytes available: 0x17f at byte 0x4: no partition "
      "starts [invalid or truncated device tree blob]"]),
    ("blob-empty", "layout-base", "hw-virt-gicv3", lambda b: b"", None,
     [P % 0 + "fewer bytes than a header (40): 0x0 at byte 0x0"]),
    ("blob-bad-magic", "layout-base", "hw-virt-gicv3", lambda b: put32(b, 0, 0xd00dfeef), None,
     [P % 383 + "bad magic (not 0xd00dfeed): 0xd00dfeef at byte 0x0"]),
    ("blob-totalsize-too-big", "layout-base", "hw-virt-gicv3",
     lambda b: put32(b, 4, len(b) + 4096), None,
     [P % 383 + "totalsize larger than the bytes available: 0x117f at byte 0x4"]),
    ("blob-totalsize-too-small", "layout-base", "hw-virt-gicv3", lambda b: put32(b, 4, 16), None,
     [P % 383 + "totalsize smaller than the header: 0x10 at byte 0x4"]),
    ("blob-struct-outside", "layout-base", "hw-virt-gicv3",
     lambda b: put32(b, 8, len(b) + 64), None,
     [P % 383 + "structure block outside the blob or misaligned: 0x1bf at byte 0x8"]),
    ("blob-struct-misaligned", "layout-base", "hw-virt-gicv3", lambda b: put32(b, 8, 0x3a), None,
     [P % 383 + "structure block outside the blob or misaligned: 0x3a at byte 0x8"]),
    ("blob-strings-outside", "layout-base", "hw-virt-gicv3",
     lambda b: put32(b, 12, len(b) - 4), None,
     [P % 383 + "strings block outside the blob: 0x17b at byte 0xc"]),
    ("blob-rsvmap-outside", "layout-base", "hw-virt-gicv3", lambda b: put32(b, 16, 0x10000),
     None, [P % 383 + "memory reservation block outside the blob or misaligned: 0x10000 at "
          "byte 0x10"]),
    ("blob-bad-tag", "layout-base", "hw-virt-gicv3",
     lambda b: put32(b, be32(b, 8), 0x77), None,
     [P % 383 + "unknown tag: 0x77 at byte 0x38"]),
    ("blob-old-version", "layout-base", "hw-virt-gicv3", lambda b: put32(b, 20, 15), None,
     [P % 383 + "version older than 16 or not compatible with 17: 0xf at byte 0x14"]),
    ("blob-name-outside-strings", "layout-base", "hw-virt-gicv3",
     lambda b: put32(b, first_prop_nameoff(b), 0x7fffff), None,
     [P % 383 + "property name offset outside the strings block: 0x7fffff at byte 0x54"]),
    ("blob-bad-prop-length", "layout-base", "hw-virt-gicv3",
     lambda b: put32(b, first_prop(b) + 4, 0x10000), None,
     [P % 383 + "property length runs past the structure block: 0x10000 at byte 0x54"]),
    ("blob-no-end-token", "layout-base", "hw-virt-gicv3",
     lambda b: put32(b, struct_end(b) - 4, 4), None,     # FDT_END -> FDT_NOP
     [P % 383 + "structure block ends without FDT_END: 0xfc at byte 0x134"]),
    ("blob-root-not-closed", "layout-base", "hw-virt-gicv3",
     lambda b: put32(b, struct_end(b) - 8, 4), None,     # the root's END_NODE -> FDT_NOP
     [P % 383 + "FDT_END before the root node is closed: 0x9 at byte 0x130"]),
    ("blob-extra-end-node", "layout-base", "hw-virt-gicv3",
     lambda b: put32(b, struct_end(b) - 4, 2), None,     # FDT_END -> FDT_END_NODE
     [P % 383 + "end of node without a node: 0x2 at byte 0x130"]),
    # a node name only a crafted blob can have (dtc refuses it): its VM is refused, the
    # name and every path shown without the raw byte
    ("blob-node-name-newline", "layout-two", "hw-virt-gicv3",
     lambda b: bytearray(bytes(b).replace(b"vm@1\0", b"vm@\n\0")), None,
     ["error: /bao-partitions/vm@?: node name \"vm@\\x0a\" has byte 0x0a: node names use letters, "
      "digits, ',._+-' and '@' (Devicetree Specification 2.2.1) [invalid value]"]),
    ("blob-hw-truncated", "layout-base", "hw-virt-gicv3", None, truncate_half,
     ["error: hardware DTB (1484 bytes): totalsize larger than the bytes available: 0xb99 at "
      "byte 0x4 [invalid or truncated device tree blob]"]),
    ("blob-hw-not-a-dtb", "layout-base", "hw-virt-gicv3", None,
     lambda b: bytearray(b"#!/bin/sh\necho this is not a DTB\n"),
     ["error: hardware DTB (33 bytes): fewer bytes than a header (40): 0x21 at byte 0x0"]),
]


# ---------------------------------------------------------- generated cases

VM = """		vm@%d {
			vm-name = "vm%d";
			cpu-count = <1>;
			memory@0 {
				reg = <0x0 0x0 0x0 0x100000>;%s
			};
			image {
				load-addr = <0x0 0x0>;
				data = [1f 20 03 d5];
			};%s
		};
"""


def layout(nodes):
    return ("/dts-v1/;\n/ {\n\tbao-partitions {\n\t\tcompatible = \"tessera,partitions\";\n"
            "\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n\n%s\t};\n};\n" % "".join(nodes))


def many_vms():
    """1000 vm nodes: the 992 past the limit are one line; the four VMs refused for want of a
    CPU each show their reason."""
    return layout([VM % (i, i, "", "") for i in range(8)] +
                  ["\t\tvm@%d {\n\t\t};\n" % i for i in range(8, 1000)])


def full_report():
    """More distinct problems than the report holds: every refused VM still shows its first
    reason (vm@6's comes when the room is gone, vm@7's from validation), the rest is counted."""
    bad = "".join("\n\t\t\tdevice@%d { reg = <%d>; };" % (k, k) for k in range(8))
    return layout([VM % (i, i, "", bad) for i in range(7)] +
                  [VM % (7, 7, "\n\t\t\t\tphys-addr = <0x1 0x0>;", "")])


GEN_CASES = [
    ("gen-many-vms", many_vms,
     ["error: /bao-partitions: more than 8 vm nodes, vm@8 ignored (and 991 more like it) "
      "[limit exceeded]"] +
     ["error: /bao-partitions/vm@%d: cpu-count 1, but only 0 of the 4 hardware CPUs are free (4 "
      "assigned to other partitions) [not enough CPUs]" % i for i in range(4, 8)] +
     ["4 of 1000 partitions valid (992 vm nodes past the limit), 996 errors"]),
    ("gen-full-report", full_report,
     ["error: /bao-partitions/vm@%d/device@%d: reg has 4 bytes, expected 16 (#address-cells 2 + "
      "#size-cells 2) [wrong number of cells]" % (i, k) for i in range(6) for k in range(8)] +
     ["error: /bao-partitions/vm@6/device@0: reg has 4 bytes, expected 16",
      "error: /bao-partitions/vm@7/memory@0: phys-addr [0x100000000..0x100100000) is not inside "
      "one RAM range ([0x40000000..0xc0000000)) [memory outside RAM]",
      "error: 7 more errors and 0 more warnings not shown"]),
]


def gen_case(c):
    name, make, expect = c
    src = os.path.join(OUT, name + ".dts")
    open(src, "w").write(make())
    return {"name": name, "expect": expect, "exit": None,
            "files": [dtc(src, os.path.join(OUT, name + ".dtb")), hw_dtb("hw-virt-gicv3")]}


def blob_case(c):
    name, layout, hw, brk_part, brk_hw, expect = c
    part = bytearray(open(dtc(os.path.join(ROOT, "tests", "config", layout + ".dts.in"),
                              os.path.join(OUT, layout + ".dtb")), "rb").read())
    hwb = bytearray(open(hw_dtb(hw), "rb").read())
    part = brk_part(part) if brk_part else part
    hwb = brk_hw(hwb) if brk_hw else hwb
    paths = []
    for kind, data in (("part", part), ("hw", hwb)):
        p = os.path.join(OUT, "%s-%s.dtb" % (name, kind))
        open(p, "wb").write(data)
        paths.append(p)
    return {"name": name, "expect": expect, "exit": None, "files": paths}


# --------------------------------------------------------------- coverage

def build_cov():
    """The checker with gcov counters, one object per source (for gcov -o)."""
    objs = []
    srcs = sh(["make", "-s", "--no-print-directory", "-C", ROOT, "print-checker-srcs"])
    if srcs.returncode:
        raise RuntimeError("make print-checker-srcs: " + srcs.stderr)
    os.makedirs(COV, exist_ok=True)
    for g in glob.glob(os.path.join(COV, "*.gcda")):
        os.remove(g)
    flags = ["-std=gnu11", "-O0", "-g", "--coverage", "-Wno-unused-parameter",
             "-I", "hyp/include", "-I", "arch/%s/include" % os.environ.get("ARCH", "aarch64"),
             "-I", "drivers", "-I", "scripts/check",
             "-I", "build/libfdt", "-idirafter", "hyp/lib/include"]
    for src in srcs.stdout.split():
        obj = os.path.join(COV, src.replace("/", "#")[:-2] + ".o")
        r = sh(["gcc"] + flags + ["-c", src, "-o", obj], cwd=ROOT)
        if r.returncode:
            raise RuntimeError("gcc %s: %s" % (src, r.stderr))
        objs.append(obj)
    r = sh(["gcc", "--coverage"] + objs + ["-o", os.path.join(COV, "tessera-check")])
    if r.returncode:
        raise RuntimeError("link: " + r.stderr)
    return os.path.join(COV, "tessera-check")


def diag_sites():
    """(file, line, text) of every call that reports a problem in hyp/config_*.c."""
    sites = []
    for path in sorted(glob.glob(os.path.join(ROOT, "hyp", "config_*.c"))):
        lines = open(path).read().split("\n")
        for i, line in enumerate(lines):
            if DIAG_CALL.search(line) and not DIAG_DEF.match(line):
                text = " ".join(l.strip() for l in lines[i:i + 4])
                strs = re.findall(r'"((?:[^"\\]|\\.)*)"|(RANGE_FMT)', text.split(");")[0])
                fmt = "".join(a or "[..)" for a, b in strs)
                # the call's lines, up to the one that closes it
                end = next((j for j in range(i, min(i + 8, len(lines))) if ");" in lines[j]), i)
                sites.append((os.path.relpath(path, ROOT), i + 1, fmt or text, end + 1))
    return sites


def gcov_counts(src):
    """line number -> executed? for one source, from its .gcda."""
    obj = os.path.join(COV, src.replace("/", "#")[:-2] + ".o")
    r = sh(["gcov", "-t", "-o", obj, src], cwd=ROOT) if os.path.exists(obj) else None
    counts, own = {}, False
    for line in (r.stdout if r else "").splitlines():
        # gcov -t prints the headers' lines too, each file after its own "0:Source:" line
        if (src_line := re.match(r"\s*-:\s*0:Source:(.*)$", line)):
            own = os.path.normpath(src_line.group(1)) == os.path.normpath(src)
            continue
        m = re.match(r"\s*([^:]+):\s*(\d+):", line)
        if own and m and m.group(1).strip() != "-":
            counts[int(m.group(2))] = not m.group(1).strip().startswith(("#", "="))
    return counts


def uncovered_allowed():
    path = os.path.join(ROOT, "tests", "config", "uncovered.txt")
    allowed = []
    for line in open(path) if os.path.exists(path) else []:
        line = line.strip()
        if line and not line.startswith("#"):
            allowed.append(line.split(" -- ")[0].strip())
    return allowed


def coverage(results):
    sites = diag_sites()
    counts = {f: gcov_counts(f) for f in {s[0] for s in sites}}
    allowed = uncovered_allowed()
    missed = []
    for f, line, text, end in sites:
        # reached if any line of the call ran: gcc may count a call whose arguments hold a
        # conditional on the arguments' lines, not on the call's first line
        hit = any(counts[f].get(l) for l in range(line, end + 1))
        if not hit and not any(a in text for a in allowed):
            missed.append("%s:%d \"%s\"" % (f, line, text))
    reached = len(sites) - len(missed)
    name = "coverage: %d of %d problem reports reached by the corpus" % (reached, len(sites))
    results.append((name, ["never reached (add a case to tests/config/ or a reason to "
                           "tests/config/uncovered.txt): " + m for m in missed]))


# ----------------------------------------------------------------- binding

def binding_tables(results):
    """Every class of hyp/include/config.h has a row in the binding's class table and is used
    by a rule of its rules table (each rule says error or warning and what it refuses)."""
    classes = re.findall(r"^\s*(CFG_E_\w+)", open(os.path.join(ROOT, "hyp", "include",
                                                           "config.h")).read(), re.M)
    doc = open(os.path.join(ROOT, "dts", "bindings", "bao-partitions.md")).read()
    rules = doc[doc.index("### The rules"):doc.index("### The classes")]
    table = doc[doc.index("### The classes"):]
    bad = []
    for c in classes:
        if c == "CFG_E__COUNT":
            continue
        if "| `%s` |" % c not in table:
            bad.append("%s has no row in the binding's class table" % c)
        if "`%s`" % c not in rules:
            bad.append("%s is in no rule of the binding's rules table" % c)
    for row in [l for l in rules.splitlines() if l.startswith("| ") and "---" not in l][1:]:
        cells = [x.strip() for x in row.strip("|").split("|")]
        if len(cells) != 5 or cells[3] not in ("E", "W") or not cells[4]:
            bad.append("rule row without severity (E or W) and what it refuses: " + row)
    results.append(("binding: every class in the rules and classes tables, every rule E or W", bad))


# ------------------------------------------------------------------- main

def main():
    os.chdir(ROOT)
    os.makedirs(os.path.join(OUT, "hw"), exist_ok=True)
    if not os.path.exists(CHECKER):
        print("run.py: %s missing (make)" % CHECKER)
        print("0 passed, 1 failed")
        return 1
    try:
        cov = build_cov()
    except RuntimeError as e:
        print("run.py: coverage build failed: %s" % e)
        cov = None
    results = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "config", "*.dts"))):
        case = parse_case(path)
        try:
            part = dtc(path, os.path.join(OUT, case["name"] + ".dtb"))
            hw = hw_dtb(case["hw"])
        except RuntimeError as e:
            results.append((case["name"], [str(e)]))
            continue
        out, rc = run_checker(CHECKER, hw, part, case["args"])
        if cov:
            run_checker(cov, hw, part, case["args"])
        results.append((case["name"], judge(case, out, rc)))
    for c in [gen_case(g) for g in GEN_CASES] + [blob_case(b) for b in BLOB_CASES]:
        case = c
        out, rc = run_checker(CHECKER, case["files"][1], case["files"][0], [])
        if cov:
            run_checker(cov, case["files"][1], case["files"][0], [])
        results.append((case["name"], judge(case, out, rc)))
    if cov:
        coverage(results)
    binding_tables(results)
    failed = 0
    for name, bad in results:
        print("%s %s" % ("FAIL" if bad else "PASS", name))
        for b in bad:
            print("    " + b)
        failed += bool(bad)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


sys.exit(main())
