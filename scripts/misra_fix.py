#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Mechanical MISRA C:2012 fixes from cppcheck's findings and dumps (scripts/misra-fix.sh).

Usage: misra_fix.py RULE FINDINGS.txt DUMP...   (RULE: 10.4, 14.4 or 17.7; one rule a run,
so that no two edits overlap)
  10.4  an integer constant without suffix next to an unsigned operand gets a U (1 -> 1U,
        8L -> 8UL); constants that come from a macro are listed, not changed
  14.4  an if/while condition that is not boolean is compared: p != NULL, x != 0U, (a & b) != 0U
  17.7  memset/memcpy/memmove/snprintf/vsnprintf called as a statement: (void) in front
Anything else it cannot change safely is listed for a hand fix. Edits the sources in place.
"""
import re
import sys
from collections import defaultdict

sys.path.insert(0, "/usr/lib/x86_64-linux-gnu/cppcheck/addons")
import cppcheckdata  # noqa: E402
from misra import getEssentialCategorylist  # noqa: E402

OPS_10_4 = {"+", "-", "*", "/", "%", "&", "|", "^", "+=", "-=", ":"}
VOID_CALLS = {"memset", "memcpy", "memmove", "snprintf", "vsnprintf"}
LITERAL = re.compile(r"(0[xX][0-9a-fA-F]+|[0-9]+)([lL]*)(?![uU\w])")


def read_findings(path):
    out = defaultdict(set)
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(.+?):(\d+):(\d+): misra-c2012-(10\.4|14\.4|17\.7):", line)
        if m:
            out[m.group(4)].add((m.group(1), int(m.group(2)), int(m.group(3))))
    return out


class Edits:
    """Insertions and replacements by (file, line, column), applied from the end of each line."""

    def __init__(self):
        self.by_file = defaultdict(list)  # file -> [(line, col, end_line, end_col, text)]
        self.manual = []

    def insert(self, f, line, col, text):
        self.by_file[f].append((line, col, line, col, text))

    def replace(self, f, line, col, end_line, end_col, text):
        self.by_file[f].append((line, col, end_line, end_col, text))

    def apply(self):
        for f, edits in self.by_file.items():
            lines = open(f, encoding="utf-8").read().split("\n")
            seen = set()
            for line, col, eline, ecol, text in sorted(set(edits), reverse=True):
                if (line, col) in seen:
                    continue
                seen.add((line, col))
                if line == eline:
                    s = lines[line - 1]
                    lines[line - 1] = s[: col - 1] + text + s[ecol - 1:]
                else:
                    head = lines[line - 1][: col - 1]
                    tail = lines[eline - 1][ecol - 1:]
                    lines[line - 1: eline] = (head + text + tail).split("\n")
            open(f, "w", encoding="utf-8").write("\n".join(lines))
        return sum(len(set(e)) for e in self.by_file.values())


def source_span(tok_open):
    """Text between a '(' token and its ')' as (line, col, end_line, end_col, text)."""
    close = tok_open.link
    lines = open(tok_open.file, encoding="utf-8").read().split("\n")
    l0, c0, l1, c1 = tok_open.linenr, tok_open.column + 1, close.linenr, close.column
    if l0 == l1:
        text = lines[l0 - 1][c0 - 1: c1 - 1]
    else:
        text = "\n".join([lines[l0 - 1][c0 - 1:]] + lines[l0: l1 - 1] + [lines[l1 - 1][: c1 - 1]])
    return l0, c0, l1, c1, text


def fix_14_4(tok, edits):
    cond = tok.astOperand2
    if tok.isExpandedMacro or not cond or not cond.valueType:
        edits.manual.append(f"{tok.file}:{tok.linenr}: 14.4")
        return
    l0, c0, l1, c1, text = source_span(tok)
    vt = cond.valueType
    if vt.pointer:
        new = f"{text} != NULL"
    elif vt.isIntegral():
        zero = "0U" if vt.sign == "unsigned" else "0"
        binary = cond.astOperand1 and cond.astOperand2 and cond.str not in ("(", "[", ".", "->")
        new = f"({text}) != {zero}" if binary or cond.str == "?" else f"{text} != {zero}"
    else:
        edits.manual.append(f"{tok.file}:{tok.linenr}: 14.4 ({vt.type})")
        return
    edits.replace(tok.file, l0, c0, l1, c1, new)


def literal_operands(tok):
    """The operand pairs misra.py compares for 10.4 at an operator token."""
    a, b = tok.astOperand1, tok.astOperand2
    a_op = a.str in OPS_10_4 or a.isComparisonOp
    b_op = b.str in OPS_10_4 or b.isComparisonOp
    if a_op and b_op:
        return a.astOperand2, b.astOperand1
    if a_op:
        return a.astOperand2, b
    if b_op:
        return a, b.astOperand1
    return a, b


def add_u(lit, edits, lines):
    if not (lit.isNumber and lit.isInt) or lit.isExpandedMacro:
        return False
    s = lines[lit.linenr - 1]
    m = LITERAL.match(s, lit.column - 1)
    if not m:
        return False
    edits.insert(lit.file, lit.linenr, m.end(1) + 1, "U")
    return True


def fix_10_4(tok, edits, lines):
    x, y = literal_operands(tok)
    if not x or not y:
        edits.manual.append(f"{tok.file}:{tok.linenr}: 10.4")
        return
    e1, e2 = getEssentialCategorylist(x, y)
    for lit, other in ((x, e2), (y, e1)):
        if other == "unsigned" and lit.isNumber and not lit.str.lstrip("-").upper().endswith(("U", "UL", "ULL")):
            if add_u(lit, edits, lines):
                return
            if lit.isExpandedMacro:
                edits.manual.append(f"{tok.file}:{tok.linenr}: 10.4 (a macro's constant)")
                return
    edits.manual.append(f"{tok.file}:{tok.linenr}: 10.4 ({e1} {tok.str} {e2})")


def fix_17_7(tok, edits):
    name = tok.previous if tok.str == "(" else tok
    if name.str not in VOID_CALLS or name.isExpandedMacro:
        edits.manual.append(f"{tok.file}:{tok.linenr}: 17.7 ({name.str})")
        return
    edits.insert(name.file, name.linenr, name.column, "(void)")


def main(argv):
    only, argv = argv[0], argv[1:]
    findings = {r: locs for r, locs in read_findings(argv[0]).items() if r == only}
    edits = Edits()
    done = set()
    for dump in argv[1:]:
        data = cppcheckdata.parsedump(dump)
        for cfg in data.iterconfigurations():
            for tok in cfg.tokenlist:
                for rule, locs in findings.items():
                    key = (rule, tok.file, tok.linenr, tok.column)
                    if (tok.file, tok.linenr, tok.column) not in locs or key in done:
                        continue
                    done.add(key)
                    if rule == "14.4" and tok.str == "(":
                        fix_14_4(tok, edits)
                    elif rule == "10.4" and tok.astOperand1 and tok.astOperand2:
                        lines = open(tok.file, encoding="utf-8").read().split("\n")
                        fix_10_4(tok, edits, lines)
                    elif rule == "17.7":
                        fix_17_7(tok, edits)
                    else:
                        done.discard(key)
    n = edits.apply()
    for m in sorted(set(edits.manual)):
        print(f"by hand: {m}")
    print(f"misra_fix.py: {n} edits, {len(set(edits.manual))} left for a hand fix")


if __name__ == "__main__":
    main(sys.argv[1:])
