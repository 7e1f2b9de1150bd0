#!/usr/bin/env python3
"""Append hand-written utterances to models/data/<lang>.jsonl.

Drafts are plain text files, one utterance per line, one file per intent, named <intent>.txt
(blank lines and lines starting with '#' are skipped). Existing lines of the data file stay as
they are; new lines are appended after them, grouped by intent in the order of the draft files.

Two checks guard the additions:
  * exact duplicates (after lower-casing and collapsing whitespace) against the whole data file
    and within the additions are dropped;
  * a line whose character 4-gram Jaccard similarity with any line of the frozen evaluation set
    in the same language is >= the threshold is dropped, so the frozen set never leaks into
    training.

Usage: append-utterances.py --lang th --drafts .draft [--dry-run]
"""
import argparse
import collections
import json
import os
import re
import sys



def norm(text):
    return re.sub(r"\s+", " ", text.strip().lower())


def grams(text, n=4):
    t = norm(text)
    if len(t) < n:
        return {t}
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def jaccard(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", required=True)
    ap.add_argument("--drafts", required=True, help="folder of <intent>.txt files")
    ap.add_argument("--data", help="default: models/data/<lang>.jsonl")
    ap.add_argument("--frozen", default="models/eval/frozen.jsonl")
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    args = ap.parse_args()
    data_path = args.data or os.path.join("models", "data", f"{args.lang}.jsonl")

    existing = read_jsonl(data_path)
    known = {row["intent"] for row in existing}
    before = collections.Counter(row["intent"] for row in existing)
    seen = {norm(row["text"]) for row in existing}
    frozen = [grams(r["text"]) for r in read_jsonl(args.frozen) if r.get("lang") == args.lang]

    added = collections.Counter()
    dropped_dup = collections.Counter()
    dropped_frozen = collections.Counter()
    new_rows = []
    for name in sorted(os.listdir(args.drafts)):
        if not name.endswith(".txt"):
            continue
        intent = name[:-4]
        if intent not in known:
            sys.exit(f"{name}: unknown intent '{intent}' (not in {data_path})")
        with open(os.path.join(args.drafts, name), encoding="utf-8") as f:
            lines = [ln.strip() for ln in f]
        for text in lines:
            if not text or text.startswith("#"):
                continue
            key = norm(text)
            if key in seen:
                dropped_dup[intent] += 1
                continue
            g = grams(text)
            if any(jaccard(g, fg) >= args.threshold for fg in frozen):
                dropped_frozen[intent] += 1
                continue
            seen.add(key)
            added[intent] += 1
            new_rows.append({"text": re.sub(r"\s+", " ", text), "intent": intent, "lang": args.lang})

    print(f"{'intent':<22}{'existing':>9}{'added':>7}{'final':>7}{'dup':>5}{'frozen':>7}")
    for intent in sorted(known):
        print(f"{intent:<22}{before[intent]:>9}{added[intent]:>7}{before[intent] + added[intent]:>7}"
              f"{dropped_dup[intent]:>5}{dropped_frozen[intent]:>7}")
    print(f"total: existing {len(existing)}, added {len(new_rows)}, "
          f"dropped as duplicates {sum(dropped_dup.values())}, "
          f"dropped as near the frozen set (4-gram Jaccard >= {args.threshold}) {sum(dropped_frozen.values())}")

    if args.dry_run or not new_rows:
        return
    with open(data_path, "a", encoding="utf-8") as f:
        for row in new_rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
