#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tests of tests/misra/classify.py, the judge of the MISRA suite: on a small record, small
findings and small files (a temporary directory), that a finding is covered only as the record
and the markers say — a deviation by its scope, a misreading only on a line marked for it — and
that a record or a marker that breaks the rules fails the record's own test.

Usage: test_classify.py     Ends "N passed, N failed".
"""
import os
import subprocess
import sys
import tempfile

CLASSIFY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "classify.py")

RECORD = """| rule | category | scope | rationale |
|---|---|---|---|
| 15.5 | Advisory | project | Early returns on error keep the main path unindented. |
| 11.6 | Required | marked | Addresses held as integers meet pointers at marked lines. |

| rule | category | scope | what cppcheck gets wrong |
|---|---|---|---|
| 10.3 | misreading | marked | stdbool's false is essentially Boolean, not an int constant. |
"""

SOURCE = """int f(void)
{
	/* MISRA misreading 10.3: false is essentially Boolean */
	bool a = false;
	bool b = false;
	long x = (long)&a; /* MISRA deviation 11.6: an address as an integer */
	long y = (long)&b;
	return 0;
}
"""


def classify(record, findings, source=SOURCE):
    """classify.py's exit status and output on one file, a.c, in a fresh directory."""
    with tempfile.TemporaryDirectory() as d:
        paths = {}
        for name, text in (("record.md", record), ("findings.txt", findings), ("a.c", source)):
            paths[name] = os.path.join(d, name)
            with open(paths[name], "w", encoding="utf-8") as f:
                f.write(text)
        r = subprocess.run([sys.executable, CLASSIFY, paths["record.md"], paths["findings.txt"],
                            "a.c"], capture_output=True, text=True, cwd=d)
        return r.returncode, r.stdout


def finding(line, rule):
    return "a.c:%d:5: misra-c2012-%s: misra violation\n" % (line, rule)


def cases():
    """(name, record, findings, source or None, want exit status, a text the output must have)."""
    bad_scope = RECORD.replace("| 10.3 | misreading | marked |", "| 10.3 | misreading | project |")
    unlisted = SOURCE.replace("misreading 10.3", "misreading 10.4")
    return [
        ("a marked misreading is counted apart, not failed", RECORD, finding(4, "10.3"), None, 0,
         "misread by the tool 1 (10.3 1)"),
        ("the same rule on an unmarked line fails", RECORD, finding(5, "10.3"), None, 1,
         "a.c:5: 10.3 (Required)"),
        ("a marked deviation covers its line", RECORD, finding(6, "11.6"), None, 0, "deviated 1"),
        ("a marked deviation does not cover the next line", RECORD, finding(7, "11.6"), None, 1,
         "a.c:7: 11.6 (Required)"),
        ("a project-wide deviation covers any line", RECORD, finding(2, "15.5"), None, 0,
         "deviated 1"),
        ("a misreading must be marked line by line", bad_scope, "", None, 1,
         "a misreading's scope is 'marked'"),
        ("a misreading marker for a rule the record does not list fails", RECORD, "", unlisted,
         1, "misreading marker for 10.4"),
        ("a Mandatory rule cannot be deviated", RECORD + "| 17.3 | Required | project | "
         "Implicit declarations are never used anywhere at all. |\n", "", None, 1,
         "a Mandatory rule cannot be deviated"),
    ]


def main():
    passed = failed = 0
    for name, record, findings, source, want, text in cases():
        rc, out = classify(record, findings, source or SOURCE)
        if rc == want and text in out:
            passed += 1
            print("PASS " + name)
        else:
            failed += 1
            print("FAIL %s: exit %d (want %d), %r %s in:\n%s" % (
                name, rc, want, text, "found" if text in out else "not found", out))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
