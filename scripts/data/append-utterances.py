#!/usr/bin/env python3
"""Append hand-written utterances from a drafts folder to models/data/LANG.jsonl.

Drafts: one file per intent (DRAFTS/<intent>.txt), one utterance per line; blank lines and
lines starting with '#' are skipped. Existing lines of the data file are kept unchanged and in
place; new lines are appended after them, grouped by intent.

Two checks guard the data:
  * exact duplicates (after lower-casing and collapsing spaces) against the whole data file and
    within the additions are dropped;
  * any new line whose character 4-gram Jaccard similarity with a line of models/eval/frozen.jsonl
    in the same language is >= the threshold (0.7) is dropped, so the frozen set does not leak.

Usage: append-utterances.py LANG DRAFTS [--repo ROOT] [--threshold 0.7] [--dry-run]
"""
import argparse
import collections
import json
import pathlib
import re
import sys


def normalise(text):
    return re.sub(r"\s+", " ", text.strip().lower())


def grams(text, n=4):
    t = normalise(text)
    if len(t) < n:
        return {t}
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def jaccard(a, b):
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lang")
    ap.add_argument("drafts", type=pathlib.Path)
    ap.add_argument("--repo", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parents[2])
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()

    data_path = args.repo / "models" / "data" / f"{args.lang}.jsonl"
    frozen_path = args.repo / "models" / "eval" / "frozen.jsonl"
    existing = [json.loads(l) for l in data_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    frozen = [json.loads(l) for l in frozen_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    frozen_grams = [grams(r["text"]) for r in frozen if r.get("lang") == args.lang]

    seen = {normalise(r["text"]) for r in existing}
    before = collections.Counter(r["intent"] for r in existing)
    added = collections.Counter()
    dup_dropped = collections.Counter()
    leak_dropped = collections.Counter()
    new_rows = []

    for draft in sorted(args.drafts.glob("*.txt")):
        intent = draft.stem
        for line in draft.read_text(encoding="utf-8").splitlines():
            text = re.sub(r"\s+", " ", line.strip())
            if not text or text.startswith("#"):
                continue
            key = normalise(text)
            if key in seen:
                dup_dropped[intent] += 1
                continue
            g = grams(text)
            if any(jaccard(g, f) >= args.threshold for f in frozen_grams):
                leak_dropped[intent] += 1
                print(f"  frozen-near: [{intent}] {text}", file=sys.stderr)
                continue
            seen.add(key)
            added[intent] += 1
            new_rows.append({"text": text, "intent": intent, "lang": args.lang})

    if not args.dry_run and new_rows:
        with data_path.open("a", encoding="utf-8") as f:
            for row in new_rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")

    intents = sorted(set(before) | set(added))
    print(f"{'intent':<22}{'existing':>9}{'added':>7}{'final':>7}{'dup':>5}{'frozen':>7}")
    for i in intents:
        print(f"{i:<22}{before[i]:>9}{added[i]:>7}{before[i] + added[i]:>7}{dup_dropped[i]:>5}{leak_dropped[i]:>7}")
    print(f"total: existing {sum(before.values())}, added {sum(added.values())}, "
          f"dropped as duplicates {sum(dup_dropped.values())}, dropped as near the frozen set {sum(leak_dropped.values())}"
          + (" (dry run, nothing written)" if args.dry_run else ""))


if __name__ == "__main__":
    main()
