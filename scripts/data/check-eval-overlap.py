#!/usr/bin/env python3
"""Check a frozen evaluation set against training data for leakage.

Usage:
  check-eval-overlap.py EVAL.jsonl --train models/data/en.jsonl [--train MORE.jsonl]
                        [--old models/eval/frozen.jsonl] [--threshold 0.6]
                        [--min-intent 65] [--min-oos 150] [--show N]

Checks:
  1. exact duplicates inside EVAL (lower-cased, spaces collapsed, punctuation stripped);
  2. for every EVAL line, the maximum character 4-gram Jaccard similarity with any line of
     the training files (same language only), reported overall and per intent;
  3. the same against the old frozen set (--old), same threshold.
Lines at or above the threshold are listed so they can be replaced. The exit code is 1 when
any check fails, so the lead can rerun it at merge time when the training data has grown.
The script only prints similarities and the offending EVAL lines, never training lines, so
whoever writes the evaluation set does not see the training data.
"""
import argparse
import json
import re
import statistics
import sys
import unicodedata
from collections import defaultdict

N = 4


def load(path, lang=None):
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if lang and row.get("lang", lang) != lang:
                continue
            row["_line"] = number
            rows.append(row)
    return rows


def squash(text):
    """Lower-case, collapse spaces: the form the n-grams are taken from."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).lower()).strip()


def dedup_key(text):
    """squash() plus punctuation and symbols stripped: the form duplicates are compared in."""
    kept = "".join(c for c in squash(text) if not unicodedata.category(c)[0] in "PS")
    return re.sub(r"\s+", " ", kept).strip()


def grams(text):
    s = " " + squash(text) + " "
    if len(s) <= N:
        return {s}
    return {s[i:i + N] for i in range(len(s) - N + 1)}


class Index:
    """Inverted index of n-grams, so each query only meets lines it shares a gram with."""

    def __init__(self, texts):
        self.sizes = []
        self.postings = defaultdict(list)
        for i, t in enumerate(texts):
            g = grams(t)
            self.sizes.append(len(g))
            for x in g:
                self.postings[x].append(i)

    def best(self, text):
        g = grams(text)
        shared = defaultdict(int)
        for x in g:
            for i in self.postings.get(x, ()):
                shared[i] += 1
        best, best_i = 0.0, None
        for i, inter in shared.items():
            j = inter / (len(g) + self.sizes[i] - inter)
            if j > best:
                best, best_i = j, i
        return best, best_i


def pct(values, p):
    v = sorted(values)
    if not v:
        return 0.0
    k = max(0, min(len(v) - 1, int(round(p / 100 * (len(v) - 1)))))
    return v[k]


def summary(values):
    if not values:
        return "n=0"
    return (f"n={len(values):4d} mean={statistics.mean(values):.3f} p50={pct(values, 50):.3f} "
            f"p90={pct(values, 90):.3f} max={max(values):.3f}")


def report(name, rows, index, threshold, show, minimum):
    print(f"\n== max char-{N}-gram Jaccard vs {name} (threshold {threshold}) ==")
    per_intent = defaultdict(list)
    over = []
    for r in rows:
        sim, _ = index.best(r["text"])
        r.setdefault("_sim", {})[name] = sim
        if sim >= threshold:
            over.append((sim, r))
        else:
            per_intent[r["intent"]].append(sim)
    kept = [s for v in per_intent.values() for s in v]
    print(f"at/over threshold: {len(over)} (listed below, to replace)")
    print(f"kept lines  {summary(kept)}")
    for intent in sorted(per_intent):
        print(f"  {intent:22s} {summary(per_intent[intent])}")
    short = {i: len(per_intent.get(i, [])) for i in {r["intent"] for r in rows}
             if len(per_intent.get(i, [])) < minimum(i)}
    for intent in sorted(short):
        print(f"  SHORT {intent}: {short[intent]} kept lines, {minimum(intent)} needed")
    for sim, r in sorted(over, key=lambda x: -x[0])[:show]:
        print(f"  OVER {sim:.3f} line {r['_line']} [{r['intent']}] {r['text']}")
    return len(over)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval")
    ap.add_argument("--train", action="append", default=[])
    ap.add_argument("--old", action="append", default=[], help="old frozen set(s)")
    ap.add_argument("--lang", help="language to compare (default: the eval set's)")
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--min-intent", type=int, default=65)
    ap.add_argument("--min-oos", type=int, default=150)
    ap.add_argument("--show", type=int, default=200, help="how many offending lines to list")
    a = ap.parse_args()

    rows = load(a.eval)
    lang = a.lang or (rows[0].get("lang") if rows else None)
    failed = False

    def need(intent):
        return a.min_oos if intent == "out_of_scope" else a.min_intent

    counts = defaultdict(int)
    for r in rows:
        counts[r["intent"]] += 1
        if r.get("lang") != lang or not r.get("text", "").strip():
            print(f"BAD ROW line {r['_line']}: {r}")
            failed = True
    print(f"== {a.eval}: {len(rows)} lines, {len(counts)} labels, lang {lang} ==")
    for intent in sorted(counts):
        flag = "" if counts[intent] >= need(intent) else f"  < {need(intent)}"
        failed |= bool(flag)
        print(f"  {intent:22s} {counts[intent]:4d}{flag}")

    print("\n== exact duplicates inside the set ==")
    seen = {}
    dups = 0
    for r in rows:
        k = dedup_key(r["text"])
        if k in seen:
            dups += 1
            print(f"  DUP line {r['_line']} = line {seen[k]}: {r['text']}")
        else:
            seen[k] = r["_line"]
    print(f"duplicates: {dups}")
    failed |= dups > 0

    for label, paths in (("training", a.train), ("old frozen", a.old)):
        if not paths:
            continue
        others = [o for p in paths for o in load(p, lang)]
        name = f"{label} ({', '.join(paths)}; {len(others)} lines)"
        over = report(name, rows, Index([o["text"] for o in others]), a.threshold, a.show, need)
        failed |= over > 0

    print("\nRESULT:", "FAIL" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
