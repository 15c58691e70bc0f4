#!/usr/bin/env python3
"""Particle-stripping accuracy of jaryo's analyzer against a gold noun+particle list.

usage: bench/josa_accuracy.py JARYO_SEARCH GOLD.tsv [--errors N]
GOLD lines: surface <TAB> gold stem <TAB> kind (josa | bare)

Each surface goes through `jaryo-search --analyze` (all rows in one run, one row per line).
The predicted stem of a row is the concatenation of the stems of its non-particle tokens,
compared with the NFKC-casefolded gold stem.
"""
import collections
import json
import subprocess
import sys
import unicodedata


def fold(text):
    return unicodedata.normalize("NFKC", text).casefold()


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    binary, gold_path = sys.argv[1], sys.argv[2]
    show = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--errors" else 0
    rows = [line.rstrip("\n").split("\t") for line in open(gold_path, encoding="utf-8") if line.strip()]
    text = "\n".join(row[0] for row in rows)
    starts, offset = [], 0
    for row in rows:
        starts.append(offset)
        offset += len(row[0].encode("utf-8")) + 1
    out = subprocess.run([binary, "--analyze", "--", text], capture_output=True, check=True).stdout
    stems = collections.defaultdict(str)
    line = 0
    for raw in out.decode("utf-8").splitlines():
        token = json.loads(raw)
        while line + 1 < len(starts) and token["start"] >= starts[line + 1]:
            line += 1
        if not token["particle"] and token["script"] != "tag":
            stems[line] += token["stem"]
    totals, right, errors = collections.Counter(), collections.Counter(), []
    for i, (surface, gold, kind) in enumerate(rows):
        totals[kind] += 1
        if stems[i] == fold(gold):
            right[kind] += 1
        else:
            errors.append((kind, surface, gold, stems[i]))
    overall = sum(right.values()) / len(rows)
    for kind in sorted(totals):
        print(f"{kind:<6} {right[kind]:>5}/{totals[kind]:<5} {right[kind] / totals[kind]:.4f}")
    print(f"overall {sum(right.values()):>5}/{len(rows):<5} {overall:.4f}")
    for kind, surface, gold, got in errors[:show]:
        print(f"  {kind}\t{surface}\tgold={gold}\tgot={got}")


if __name__ == "__main__":
    main()
