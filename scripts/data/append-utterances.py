#!/usr/bin/env python3
"""Append hand-written utterances to models/data/LANG.jsonl.

Drafts are plain text, one utterance per line, one file per intent: DRAFT/<intent>.txt.
Existing lines of the data file stay unchanged and in place; new lines are appended after them,
grouped by intent. A new line is dropped when it duplicates a line already in the file or an
earlier new line (after lower-casing, collapsing spaces and ignoring punctuation), or when its character 4-gram Jaccard
similarity with any frozen evaluation line of the same language is >= the threshold, so the frozen
set never leaks into training.

Usage: append-utterances.py LANG [--draft DIR] [--dry-run] [intent ...]
"""
import argparse
import collections
import json
import os
import re
import sys
import unicodedata

from textgrams import grams, jaccard

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def normalize(text):
    return re.sub(r"\s+", " ", text.strip().lower())


def dedup_key(text):
    """Lower-cased, spaces collapsed, punctuation and emoji ignored ("Refund?" == "refund"),
    so lines differing only in punctuation count as duplicates too."""
    # By Unicode category, not \w: \w would also drop combining marks (Thai tone marks, Arabic harakat).
    kept = "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in normalize(text))
    key = " ".join(kept.split())
    return key or normalize(text)




def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("lang")
    ap.add_argument("intents", nargs="*", help="only these intents (default: every draft file)")
    ap.add_argument("--draft", default=os.path.join(ROOT, ".draft"))
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()

    data_path = os.path.join(ROOT, "models", "data", f"{args.lang}.jsonl")
    frozen_path = os.path.join(ROOT, "models", "eval", "frozen.jsonl")
    existing = read_jsonl(data_path)
    known = {row["intent"] for row in existing}
    frozen = [grams(r["text"]) for r in read_jsonl(frozen_path) if r.get("lang") == args.lang]
    # The second frozen set was checked at 0.6 against training: a new line must stay below that too, or the
    # evaluation line it resembles would have to go.
    frozen_v2_path = os.path.join(ROOT, "models", "eval", f"frozen-v2.{args.lang}.jsonl")
    frozen_v2 = [grams(r["text"]) for r in read_jsonl(frozen_v2_path)] if os.path.exists(frozen_v2_path) else []

    seen = {dedup_key(r["text"]) for r in existing}
    before = collections.Counter(r["intent"] for r in existing)
    files = sorted(f for f in os.listdir(args.draft) if f.endswith(".txt"))
    intents = args.intents or [f[:-4] for f in files]

    added = collections.OrderedDict()
    dup = collections.Counter()
    leak = collections.Counter()
    for intent in intents:
        if intent not in known:
            sys.exit(f"unknown intent '{intent}' (not in {data_path})")
        path = os.path.join(args.draft, f"{intent}.txt")
        rows = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = line.strip()
                if not text:
                    continue
                key = dedup_key(text)
                if key in seen:
                    dup[intent] += 1
                    continue
                g = grams(text)
                if any(jaccard(g, fg) >= args.threshold for fg in frozen) or any(jaccard(g, fg) >= min(args.threshold, 0.6) for fg in frozen_v2):
                    leak[intent] += 1
                    continue
                seen.add(key)
                rows.append({"text": text, "intent": intent, "lang": args.lang})
        added[intent] = rows

    if not args.dry_run:
        with open(data_path, "a", encoding="utf-8") as f:
            for rows in added.values():
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")

    print(f"{'intent':22} {'existing':>8} {'added':>6} {'final':>6} {'dup':>5} {'frozen':>6}")
    for intent in sorted(known):
        n = len(added.get(intent, []))
        print(f"{intent:22} {before[intent]:8} {n:6} {before[intent] + n:6} {dup[intent]:5} {leak[intent]:6}")
    total_added = sum(len(r) for r in added.values())
    print(f"added {total_added}; dropped {sum(dup.values())} duplicates, "
          f"{sum(leak.values())} too close to the frozen set (4-gram Jaccard >= {args.threshold})"
          + (" [dry run]" if args.dry_run else ""))


if __name__ == "__main__":
    main()
