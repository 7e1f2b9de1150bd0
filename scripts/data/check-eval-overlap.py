#!/usr/bin/env python3
"""Check a frozen evaluation set for duplicates and for near-duplicates of other data.

The new frozen sets (models/eval/frozen-v2.LANG.jsonl) are written separately from the training
data so they measure the model on messages it was not written for. This script checks that claim:

  1. exact duplicates inside the evaluation set (lower-cased, ё→е, punctuation stripped,
     spaces collapsed);
  2. for every evaluation line, the maximum character 4-gram Jaccard similarity with any line of
     each reference file (training data, the old frozen set, ...), same language only, on the same
     normalised text. Lines at or above the threshold are listed; the report gives how many, and
     the mean / p50 / p90 / max of the maximum similarity over the lines below it, overall and per
     intent;
  3. the count per intent against the required minimums.

The training files grow over time, so run it again whenever they change; it reads every file it is
given and nothing else.

Usage:
  check-eval-overlap.py EVAL --against NAME=FILE [--against NAME=FILE ...]
                        [--lang ru] [--threshold 0.6] [--min-intent 65] [--min-oos 150] [--quiet]
Example:
  check-eval-overlap.py models/eval/frozen-v2.ru.jsonl \\
      --against training=models/data/ru.jsonl --against frozen-v1=models/eval/frozen.jsonl
Exit code 1 when there is a duplicate, a line at or above the threshold, or a count below the
minimum; 0 otherwise.
"""
import argparse
import collections
import json
import re
import statistics
import sys

from textgrams import grams, normalise

OUT_OF_SCOPE = "out_of_scope"


def read_jsonl(path, lang):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            if lang is None or row.get("lang", lang) == lang:
                rows.append(row)
    return rows


class Index:
    """Inverted 4-gram index so each evaluation line is compared only with lines sharing a gram."""

    def __init__(self, rows):
        self.sizes = []
        self.texts = []
        self.postings = collections.defaultdict(list)
        for row in rows:
            g = grams(row["text"])
            i = len(self.sizes)
            self.sizes.append(len(g))
            self.texts.append(row["text"])
            for gram in g:
                self.postings[gram].append(i)

    def best(self, text):
        g = grams(text)
        shared = collections.Counter()
        for gram in g:
            shared.update(self.postings.get(gram, ()))
        best, best_text = 0.0, ""
        for i, inter in shared.items():
            sim = inter / (len(g) + self.sizes[i] - inter)
            if sim > best:
                best, best_text = sim, self.texts[i]
        return best, best_text


def percentile(values, p):
    if not values:
        return 0.0
    s = sorted(values)
    k = (len(s) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def summary(values):
    if not values:
        return "      -      -      -      -"
    return (f"{statistics.mean(values):6.3f} {percentile(values, 0.5):6.3f} "
            f"{percentile(values, 0.9):6.3f} {max(values):6.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval", help="the evaluation set to check (jsonl)")
    ap.add_argument("--against", action="append", default=[], metavar="NAME=FILE",
                    help="a reference file (jsonl) to compare with; repeatable")
    ap.add_argument("--lang", default=None, help="only compare lines of this language (default: the eval set's)")
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--min-intent", type=int, default=65)
    ap.add_argument("--min-oos", type=int, default=150)
    ap.add_argument("--quiet", action="store_true", help="do not list the offending lines")
    ap.add_argument("--write-clean", metavar="OUT", help="write the set without its duplicates and near-duplicates "
                    "to OUT (may be the eval file itself); the counts are then those of what was written")
    args = ap.parse_args()

    rows = read_jsonl(args.eval, None)
    lang = args.lang or (rows[0].get("lang") if rows else None)
    failed = False

    # 1. exact duplicates within the set
    seen = {}
    dups = []
    for row in rows:
        key = normalise(row["text"])
        if key in seen:
            dups.append((row, seen[key]))
        else:
            seen[key] = row
    print(f"# {args.eval}: {len(rows)} lines, language {lang}")
    print(f"exact duplicates within the set: {len(dups)}")
    dropped = set(id(row) for row, _ in dups)
    for row, first in dups:
        failed = True
        if not args.quiet:
            print(f"  DUP [{row['intent']}] {row['text']!r} = [{first['intent']}] {first['text']!r}")

    # 2. near-duplicates against each reference file
    for spec in args.against:
        name, _, path = spec.partition("=")
        if not path:  # a bare FILE is named after itself
            name = path = spec
        ref = read_jsonl(path, lang)
        index = Index(ref)
        over = []
        kept = collections.defaultdict(list)
        for row in rows:
            sim, other = index.best(row["text"])
            if sim >= args.threshold:
                over.append((sim, row, other))
                dropped.add(id(row))
            else:
                kept[row["intent"]].append(sim)
        every = [s for values in kept.values() for s in values]
        print(f"\n## against {name} ({path}, {len(ref)} lines in {lang})")
        print(f"lines with max 4-gram Jaccard >= {args.threshold}: {len(over)}")
        for sim, row, other in sorted(over, key=lambda t: -t[0]):
            failed = True
            if not args.quiet:
                print(f"  {sim:.3f} [{row['intent']}] {row['text']!r} ~ {other!r}")
        print(f"max similarity of the lines below the threshold:")
        print(f"{'intent':<22}{'n':>5}   mean    p50    p90    max")
        for intent in sorted(kept):
            print(f"{intent:<22}{len(kept[intent]):>5} {summary(kept[intent])}")
        print(f"{'ALL':<22}{len(every):>5} {summary(every)}")

    if args.write_clean:
        rows = [row for row in rows if id(row) not in dropped]
        with open(args.write_clean, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"\nwrote {len(rows)} lines to {args.write_clean} ({len(dropped)} dropped)")
        failed = False

    # 3. counts
    counts = collections.Counter(row["intent"] for row in rows)
    print("\n## counts per intent")
    short = []
    for intent in sorted(counts):
        need = args.min_oos if intent == OUT_OF_SCOPE else args.min_intent
        flag = "" if counts[intent] >= need else f"  < {need}"
        if flag:
            short.append(intent)
        print(f"{intent:<22}{counts[intent]:>5}{flag}")
    print(f"{'TOTAL':<22}{sum(counts.values()):>5}  ({len(counts)} labels)")
    if short:
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
