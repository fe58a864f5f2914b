#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Sorts cppcheck's findings (tests/misra/run.sh) against the deviation record.

Usage: classify.py [--verbose] [--open OPEN.txt] [--write-open OPEN.txt] DEVIATIONS.md FINDINGS.txt FILE...

DEVIATIONS.md holds a table, one deviation a row: | rule | category | scope | rationale |.
  rule      a MISRA C:2012 rule number (15.5) or a cppcheck check id (comparePointers)
  category  Required or Advisory (Mandatory rules cannot be deviated; the categories are those of
            MISRA C:2012 with Amendments 1 and 2, checked against the list below); or
            `misreading`: not a deviation but a finding the tool makes where the code follows
            the rule, scope `marked` only, each line with its marker "MISRA misreading R.N:
            reason" (counted apart, so that an assessor sees them and checks each one)
  scope     `project` (every file), `marked` (only a line with an in-code marker
            "MISRA deviation R.N: reason", or the line after a comment holding one), or paths
            (a directory ends with /); several words may be combined
  rationale why the rule is not followed there
OPEN.txt: findings of Required rules known and not fixed yet, "rule file count" a line: not
deviations (nothing justifies them) but a ceiling, so that no new one comes in while they are
fixed; a file with more findings of a rule than its line allows fails. --write-open writes the
current ones (after fixing some: the ceiling only goes down).
FINDINGS.txt: cppcheck's lines "file:line:column: id: message". FILE...: the files checked (the
sources and our headers), one test each: it passes when none of its findings is uncovered. One
more test checks the record itself. Prints "N passed, N failed" last.
"""
import re
import sys
from collections import Counter, defaultdict

# MISRA C:2012 (with Amendments 1 and 2): the Mandatory rules and the Advisory ones; every other
# rule is Required.
MANDATORY = {"9.1", "12.5", "13.6", "17.3", "17.4", "17.6", "19.1", "21.13", "21.17", "21.18",
             "21.19", "21.20", "22.2", "22.4", "22.5", "22.6"}
ADVISORY = {"1.2", "2.3", "2.4", "2.5", "2.6", "2.7", "4.2", "5.9", "8.7", "8.9", "8.11", "8.13",
            "10.5", "11.4", "11.5", "12.1", "12.3", "12.4", "13.3", "13.4", "15.1", "15.4", "15.5",
            "17.5", "17.8", "18.4", "18.5", "19.2", "20.1", "20.5", "20.10", "21.12"}
MARKER = re.compile(r"MISRA (deviation|misreading) ((?:\d+\.\d+|[A-Za-z]\w*)(?:\s*,\s*(?:\d+\.\d+|[A-Za-z]\w*))*)"
                    r"\s*:\s*(\S?)")
FINDING = re.compile(r"^(.+?):(\d+):(\d+): (?:misra-c2012-)?([\w.]+): ")


def category_of(rule):
    if not re.fullmatch(r"\d+\.\d+", rule):
        return "cppcheck"
    if rule in MANDATORY:
        return "Mandatory"
    return "Advisory" if rule in ADVISORY else "Required"


def read_record(path, problems):
    """The deviation table: {rule: (category, scope words)}; the misreadings' rows are keyed
    ("misreading", rule)."""
    record = {}
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if not line.startswith("|") or len(cells) != 4 or not re.fullmatch(r"[\w.]+", cells[0]):
            continue
        if cells[0].lower() == "rule":
            continue
        rule, category, scope, rationale = cells
        where = f"{path}:{n}: rule {rule}"
        want = category_of(rule)
        if category == "misreading":
            if scope.replace("`", "").split() != ["marked"]:
                problems.append(f"{where}: a misreading's scope is 'marked' (each line checked)")
            if len(rationale) < 20:
                problems.append(f"{where}: no explanation of the misreading")
            if ("misreading", rule) in record:
                problems.append(f"{where}: listed twice")
            record[("misreading", rule)] = (category, ["marked"])
            continue
        if want == "Mandatory":
            problems.append(f"{where}: a Mandatory rule cannot be deviated")
        elif want == "cppcheck":
            if category != "cppcheck":
                problems.append(f"{where}: a cppcheck check's category is 'cppcheck'")
        elif category != want:
            problems.append(f"{where}: category '{category}', MISRA C:2012 says {want}")
        if len(rationale) < 20:
            problems.append(f"{where}: no rationale")
        if rule in record:
            problems.append(f"{where}: deviated twice")
        words = scope.replace("`", "").replace(",", " ").split()
        if not words:
            problems.append(f"{where}: no scope")
        record[rule] = (category, words)
    return record


def read_markers(files, record, problems):
    """{(file, line): rules} from the in-code markers; a bad marker is a problem."""
    covered = defaultdict(set)
    for f in files:
        try:
            lines = open(f, encoding="utf-8").read().split("\n")
        except OSError as e:
            problems.append(f"{f}: {e}")
            continue
        for i, text in enumerate(lines):
            m = MARKER.search(text)
            if not m:
                continue
            kind = m.group(1)
            rules = [r.strip() for r in m.group(2).split(",")]
            if not m.group(3):
                problems.append(f"{f}:{i + 1}: the marker gives no reason")
            for r in rules:
                key = r if kind == "deviation" else ("misreading", r)
                if key not in record or "marked" not in record[key][1]:
                    problems.append(f"{f}:{i + 1}: {kind} marker for {r}, which the record does "
                                    f"not list as a {kind} with scope 'marked'")
            rules = rules if kind == "deviation" else [("misreading", r) for r in rules]
            targets = [i + 1]
            if text.lstrip().startswith(("/*", "*", "//")):  # a comment line: the code after it
                j = i
                while j < len(lines) and "*/" not in lines[j] and not text.lstrip().startswith("//"):
                    j += 1
                targets.append(j + 2)
            for t in targets:
                covered[(f, t)].update(rules)
    return covered


def deviated(record, covered, f, line, rule):
    if rule not in record:
        return False
    for word in record[rule][1]:
        if word == "project" or (word == "marked" and rule in covered.get((f, line), ())):
            return True
        if word.endswith("/") and f.startswith(word) or f == word:
            return True
    return False


def main(argv):
    verbose = "--verbose" in argv
    argv = [a for a in argv if a != "--verbose"]
    open_path = write_open = None
    if argv[0] == "--open":
        open_path, argv = argv[1], argv[2:]
    if argv[0] == "--write-open":
        write_open, argv = argv[1], argv[2:]
    allowed = Counter()
    if open_path:
        for line in open(open_path, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                rule, f, n = line.split()
                allowed[(rule, f)] = int(n)
    record_path, findings_path, files = argv[0], argv[1], argv[2:]
    problems = []
    record = read_record(record_path, problems)
    covered = read_markers(files, record, problems)
    ours = set(files)
    failing = defaultdict(list)
    counts = {"ours": Counter(), "deviated": Counter(), "misread": Counter(), "adopted": Counter(),
              "open": Counter()}
    for text in open(findings_path, encoding="utf-8"):
        m = FINDING.match(text.strip())
        if not m:
            if text.strip():
                problems.append(f"cppcheck said: {text.strip()}")
            continue
        f, line, rule = m.group(1), int(m.group(2)), m.group(4)
        if rule in ("missingIncludeSystem", "toomanyconfigs", "checkersReport"):
            continue
        if f not in ours:
            counts["adopted"][rule] += 1
            continue
        counts["ours"][rule] += 1
        if ("misreading", rule) in covered.get((f, line), ()):
            counts["misread"][rule] += 1
            if verbose:
                print(f"  misread  {rule:>8} {f}:{line}")
        elif deviated(record, covered, f, line, rule):
            counts["deviated"][rule] += 1
            if verbose:
                print(f"  deviated {rule:>8} {f}:{line}")
        else:
            counts["open"][(rule, f)] += 1
            if counts["open"][(rule, f)] > allowed[(rule, f)]:
                failing[f].append(f"{f}:{line}: {rule} ({category_of(rule)})")
    if write_open:
        with open(write_open, "w", encoding="utf-8") as out:
            out.write("# rule file count: open findings of tests/misra (classify.py --write-open)\n")
            for (rule, f), n in sorted(counts["open"].items()):
                out.write(f"{rule} {f} {n}\n")
    passed = failed = 0
    for f in files:
        if failing[f]:
            failed += 1
            print(f"FAIL {f}: {len(failing[f])} findings not deviated")
            for msg in failing[f]:
                print(f"    {msg}")
        else:
            passed += 1
    for rule in sorted(r for r in record if not isinstance(r, tuple)):
        if rule not in counts["deviated"]:
            print(f"note: the deviation of {rule} covered no finding")
    for _, rule in sorted(r for r in record if isinstance(r, tuple)):
        if rule not in counts["misread"]:
            print(f"note: the misreading of {rule} covered no finding")
    if problems:
        failed += 1
        print("FAIL deviation record")
        for p in problems:
            print(f"    {p}")
    else:
        passed += 1
    for key in sorted(allowed):
        if counts["open"][key] < allowed[key]:
            print(f"note: {key[1]} has {counts['open'][key]} findings of {key[0]}, the open list "
                  f"{allowed[key]}: lower it (tests/misra/run.sh --write-open)")
    total, dev = sum(counts["ours"].values()), sum(counts["deviated"].values())
    misread = sum(counts["misread"].values())
    nopen = sum(min(n, allowed[k]) for k, n in counts["open"].items())
    by_cat = Counter(record[r][0] for r in record if not isinstance(r, tuple))
    print(f"findings in our code: {total}: deviated {dev}, misread by the tool {misread} "
          f"({', '.join(f'{r} {n}' for r, n in sorted(counts['misread'].items()))}), "
          f"open (listed, to fix) {nopen}, new {total - dev - misread - nopen}; "
          f"in GCC's headers and libfdt (not checked): {sum(counts['adopted'].values())}")
    print("deviated rules: " + ", ".join(f"{n} {c}" for c, n in sorted(by_cat.items())))
    if verbose:
        for rule, n in counts["deviated"].most_common():
            print(f"  {rule:>8} {n:5} deviated ({record[rule][0]}, {' '.join(record[rule][1])})")
        for rule, n in counts["misread"].most_common():
            print(f"  {rule:>8} {n:5} misread by the tool (marked lines)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
