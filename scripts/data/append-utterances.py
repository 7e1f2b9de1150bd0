#!/usr/bin/env python3
"""Append hand-written utterances from draft files to models/data/LANG.jsonl.

Drafts are plain text, one utterance per line, one file per intent (DRAFT_DIR/<intent>.txt).
New lines are appended after the existing ones, grouped by intent; existing lines stay untouched.
Two checks guard the data: exact duplicates (after lower-casing and collapsing spaces) are dropped,
and so is any new line too close (character 4-gram Jaccard >= threshold) to a line of the frozen
evaluation set in the same language, so the old frozen set never leaks into training.

usage: append-utterances.py LANG DRAFT_DIR [--data models/data] [--frozen models/eval/frozen.jsonl]
                            [--threshold 0.7] [--dry-run]
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
    p = argparse.ArgumentParser()
    p.add_argument("lang")
    p.add_argument("draft_dir")
    p.add_argument("--data", default="models/data")
    p.add_argument("--frozen", default="models/eval/frozen.jsonl")
    p.add_argument("--threshold", type=float, default=0.7)
    p.add_argument("--dry-run", action="store_true")
    a = p.parse_args()

    data_path = os.path.join(a.data, f"{a.lang}.jsonl")
    existing = read_jsonl(data_path)
    before = collections.Counter(r["intent"] for r in existing)
    seen = {norm(r["text"]) for r in existing}
    frozen = [grams(r["text"]) for r in read_jsonl(a.frozen) if r.get("lang") == a.lang]

    drafts = sorted(f for f in os.listdir(a.draft_dir) if f.endswith(".txt"))
    added = collections.Counter()
    dup_dropped = collections.Counter()
    frozen_dropped = collections.Counter()
    new_rows = []
    for fname in drafts:
        intent = fname[:-4]
        if intent not in before:
            sys.exit(f"unknown intent '{intent}' (file {fname}); known: {sorted(before)}")
        with open(os.path.join(a.draft_dir, fname), encoding="utf-8") as f:
            lines = [l.strip() for l in f]
        for text in lines:
            if not text or text.startswith("#"):
                continue
            key = norm(text)
            if key in seen:
                dup_dropped[intent] += 1
                continue
            g = grams(text)
            if any(jaccard(g, fg) >= a.threshold for fg in frozen):
                frozen_dropped[intent] += 1
                continue
            seen.add(key)
            new_rows.append({"text": text, "intent": intent, "lang": a.lang})
            added[intent] += 1

    if not a.dry_run and new_rows:
        with open(data_path, "rb") as f:
            raw = f.read()
        needs_newline = len(raw) > 0 and not raw.endswith(b"\n")
        with open(data_path, "a", encoding="utf-8") as f:
            if needs_newline:
                f.write("\n")
            for r in new_rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    print(f"{'intent':24} {'existing':>8} {'added':>6} {'final':>6} {'dup':>4} {'frozen':>6}")
    for intent in sorted(before):
        print(f"{intent:24} {before[intent]:8} {added[intent]:6} {before[intent] + added[intent]:6}"
              f" {dup_dropped[intent]:4} {frozen_dropped[intent]:6}")
    print(f"total added {sum(added.values())}; dropped as duplicates {sum(dup_dropped.values())};"
          f" dropped as too close to frozen (4-gram Jaccard >= {a.threshold}) {sum(frozen_dropped.values())}"
          + (" (dry run, nothing written)" if a.dry_run else ""))


if __name__ == "__main__":
    main()
