#!/usr/bin/env python3
"""Check a new frozen evaluation set for duplicates and for near-duplicates of other sets.

For EVAL (one JSON object per line: text, intent, lang) it reports:
  1. exact duplicates inside EVAL (lower-cased, spaces collapsed, punctuation ignored);
  2. for each line, the highest character 4-gram Jaccard similarity with any line of each
     --against file of the same language (the training data, the old frozen set), and the lines
     at or above --threshold, which must be dropped and replaced;
  3. counts per intent against --min-intent / --min-oos.
The similarity measure and the duplicate key are those of append-utterances.py, so training
lines added later are judged by the same rule. Exit code 1 when any check fails.

Usage: check-eval-overlap.py EVAL --against models/data/ar.jsonl --against models/eval/frozen.jsonl
"""
import argparse
import collections
import importlib.util
import os
import statistics
import sys

_spec = importlib.util.spec_from_file_location(
    "append_utterances", os.path.join(os.path.dirname(os.path.abspath(__file__)), "append-utterances.py"))
_au = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_au)
dedup_key, grams, read_jsonl = _au.dedup_key, _au.grams, _au.read_jsonl


def max_similarity(lines, others):
    """Highest 4-gram Jaccard of each line against `others`, via an inverted index of grams
    (a plain all-pairs loop is too slow for thousands of lines on both sides)."""
    other_grams = [grams(t) for t in others]
    index = collections.defaultdict(list)
    for i, g in enumerate(other_grams):
        for gram in g:
            index[gram].append(i)
    result = []
    for text in lines:
        g = grams(text)
        shared = collections.Counter()
        for gram in g:
            shared.update(index.get(gram, ()))
        best, best_i = 0.0, None
        for i, inter in shared.items():
            sim = inter / (len(g) + len(other_grams[i]) - inter)
            if sim > best:
                best, best_i = sim, i
        result.append((best, others[best_i] if best_i is not None else ""))
    return result


def summary(values):
    if not values:
        return "n=0"
    v = sorted(values)
    p = lambda q: v[min(len(v) - 1, int(q * len(v)))]
    return f"n={len(v):4} mean={statistics.mean(v):.3f} p50={p(0.5):.3f} p90={p(0.9):.3f} max={v[-1]:.3f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval")
    ap.add_argument("--against", action="append", default=[], help="a file to compare with (repeatable)")
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--min-intent", type=int, default=65)
    ap.add_argument("--min-oos", type=int, default=150)
    ap.add_argument("--per-intent", action="store_true", help="print the similarity summary per intent")
    args = ap.parse_args()

    rows = read_jsonl(args.eval)
    langs = {r["lang"] for r in rows}
    ok = True

    seen = {}
    dups = []
    for r in rows:
        key = dedup_key(r["text"])
        if key in seen:
            dups.append((seen[key], r["text"]))
        seen.setdefault(key, r["text"])
    print(f"{args.eval}: {len(rows)} lines, languages {sorted(langs)}")
    print(f"exact duplicates inside the set: {len(dups)}")
    for first, again in dups:
        print(f"  DUP {again!r} (same as {first!r})")
    ok &= not dups

    counts = collections.Counter(r["intent"] for r in rows)
    short = {i: n for i, n in counts.items()
             if n < (args.min_oos if i == "out_of_scope" else args.min_intent)}
    print("counts per intent: " + ", ".join(f"{i} {n}" for i, n in sorted(counts.items())))
    if short:
        print(f"  BELOW MINIMUM: {short}")
    ok &= not short

    for path in args.against:
        others = [r for r in read_jsonl(path) if r.get("lang") in langs]
        print(f"\nagainst {path} ({len(others)} lines of the same language), threshold {args.threshold}")
        for lang in sorted(langs):
            mine = [r for r in rows if r["lang"] == lang]
            texts = [o["text"] for o in others if o.get("lang") == lang]
            sims = max_similarity([r["text"] for r in mine], texts)
            over = [(s, r, near) for (s, near), r in zip(sims, mine) if s >= args.threshold]
            kept = [s for s, _ in sims if s < args.threshold]
            print(f"  [{lang}] at or above threshold (to drop): {len(over)}")
            for s, r, near in sorted(over, key=lambda x: -x[0]):
                print(f"    {s:.3f} {r['intent']}: {r['text']!r} ~ {near!r}")
            print(f"  [{lang}] max similarity of kept lines, overall: {summary(kept)}")
            if args.per_intent:
                by_intent = collections.defaultdict(list)
                for (s, _), r in zip(sims, mine):
                    if s < args.threshold:
                        by_intent[r["intent"]].append(s)
                for intent in sorted(by_intent):
                    print(f"    {intent:22} {summary(by_intent[intent])}")
            ok &= not over

    print("\nOK" if ok else "\nFAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
