#!/usr/bin/env python3
"""Runs two ram-doctor binaries' `diagnose --json` over every fixture text and prints the texts whose output differs.

    scripts/diagnose-diff.py OLD_BIN NEW_BIN [REPO] [EXTRA_FILE ...]

Texts: every `text` of crates/core/tests/fixtures/errors/gathered.jsonl, every file under that folder's real-world/,
formats/ and gathered/, and each line of the EXTRA_FILEs (`\\n` in a line stands for a line break). Exits 1 when any
output differs. A refactor of the engine that must not change a finding is checked with the main branch's binary as
OLD_BIN.
"""
import difflib
import json
import pathlib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def texts(root, extra):
    errors = root / "crates/core/tests/fixtures/errors"
    for i, line in enumerate((errors / "gathered.jsonl").read_text().splitlines()):
        if line.strip():
            row = json.loads(line)
            yield f"gathered.jsonl:{row.get('id', i)}", row["text"]
    for folder in ["real-world", "formats", "gathered"]:
        for p in sorted((errors / folder).rglob("*")):
            if p.is_file():
                yield str(p.relative_to(errors)), p.read_text(errors="replace")
    for path in extra:
        for i, line in enumerate(pathlib.Path(path).read_text().splitlines()):
            if line.strip():
                yield f"{path}:{i + 1}", line.replace("\\n", "\n")


def diagnose(binary, text):
    return subprocess.run([binary, "diagnose", "--json"], input=text.encode(), capture_output=True).stdout.decode()


def main():
    old, new = sys.argv[1], sys.argv[2]
    root = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else ".")
    items = list(texts(root, sys.argv[4:]))
    differ = 0
    with ThreadPoolExecutor(4) as pool:
        for (name, _), (a, b) in zip(items, pool.map(lambda it: (diagnose(old, it[1]), diagnose(new, it[1])), items)):
            if a != b:
                differ += 1
                print("DIFF", name)
                for line in difflib.unified_diff(a.splitlines(), b.splitlines(), "old", "new", n=1, lineterm=""):
                    print("   ", line[:300])
    print(f"{len(items)} texts, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
