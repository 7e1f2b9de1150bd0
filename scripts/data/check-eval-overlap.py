#!/usr/bin/env python3
"""Check a new frozen evaluation set for duplicates and for near-duplicates of other files.

1. Exact duplicates inside the set (lower-cased, spaces collapsed, punctuation ignored).
2. For every line of the set, the maximum character 4-gram Jaccard similarity with any line of each
   reference file (training data, the old frozen set, ...) of the same language; lines at or above
   the threshold are listed as too close.
Prints the counts per intent and the distribution of the maximum similarity (mean, p50, p90, max)
of the lines that are not too close, overall and per intent. Exits 1 when anything is flagged, so it
can be rerun at merge time when the training file has grown.

Usage: check-eval-overlap.py EVAL.jsonl REFERENCE.jsonl [REFERENCE.jsonl ...] [--lang th] [--threshold 0.6]
           [--min-per-intent 65] [--min-oos 150] [--write-clean OUT.jsonl] [--show N] [--show-nearest]
"""
import argparse
import collections
import importlib.util
import json
import os
import statistics
import sys

# The same normalisation, dedup key and 4-grams as the training-data appender, so both tools agree.
_spec = importlib.util.spec_from_file_location(
    "append_utterances", os.path.join(os.path.dirname(os.path.abspath(__file__)), "append-utterances.py"))
_append = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_append)
dedup_key, grams, jaccard, read_jsonl = _append.dedup_key, _append.grams, _append.jaccard, _append.read_jsonl


def max_similarity(text_grams, reference):
    best, best_text = 0.0, ""
    for ref_grams, ref_text in reference:
        s = jaccard(text_grams, ref_grams)
        if s > best:
            best, best_text = s, ref_text
    return best, best_text


def percentile(values, p):
    """Nearest-rank percentile; enough for a report."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def describe(values):
    if not values:
        return "     n/a"
    return (f"mean {statistics.mean(values):.3f}  p50 {percentile(values, 50):.3f}  "
            f"p90 {percentile(values, 90):.3f}  max {max(values):.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_file")
    ap.add_argument("references", nargs="+", help="files to compare against (training data, old frozen set)")
    ap.add_argument("--lang", help="compare only reference lines of this language (default: the set's language)")
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--min-per-intent", type=int, default=65)
    ap.add_argument("--min-oos", type=int, default=150)
    ap.add_argument("--write-clean", metavar="OUT", help="write the set without flagged lines to OUT")
    ap.add_argument("--show", type=int, default=20, help="list up to N flagged lines per reference")
    ap.add_argument("--show-nearest", action="store_true",
                    help="also print the nearest reference line (off by default: whoever writes the set must not read training)")
    args = ap.parse_args()

    rows = read_jsonl(args.eval_file)
    lang = args.lang or collections.Counter(r.get("lang") for r in rows).most_common(1)[0][0]
    flagged = set()
    problems = 0

    seen = {}
    for i, r in enumerate(rows):
        key = dedup_key(r["text"])
        if key in seen:
            flagged.add(i)
            print(f"DUPLICATE line {i + 1} = line {seen[key] + 1}: {r['text']}")
        else:
            seen[key] = i
    dup_count = len(flagged)
    problems += dup_count
    print(f"exact duplicates inside the set: {dup_count}\n")

    eval_grams = [grams(r["text"]) for r in rows]
    per_reference = []
    for path in args.references:
        ref_rows = [r for r in read_jsonl(path) if r.get("lang", lang) == lang]
        reference = [(grams(r["text"]), r["text"]) for r in ref_rows]
        sims = []
        close = []
        for i, r in enumerate(rows):
            s, nearest = max_similarity(eval_grams[i], reference)
            sims.append(s)
            if s >= args.threshold:
                close.append((s, i, nearest))
        per_reference.append((path, len(ref_rows), sims, close))
        flagged.update(i for _, i, _ in close)
        problems += len(close)

    for path, n_ref, sims, close in per_reference:
        print(f"== against {path} ({n_ref} lines, lang {lang}); threshold {args.threshold}")
        print(f"too close (dropped): {len(close)}")
        for s, i, nearest in sorted(close, reverse=True)[:args.show]:
            tail = f"  ~  {nearest}" if args.show_nearest else ""
            print(f"  {s:.3f} line {i + 1} [{rows[i]['intent']}] {rows[i]['text']}{tail}")
        kept = [i for i in range(len(rows)) if i not in flagged]
        by_intent = collections.defaultdict(list)
        for i in kept:
            by_intent[rows[i]["intent"]].append(sims[i])
        print(f"max similarity of kept lines, overall ({len(kept)}): {describe([sims[i] for i in kept])}")
        for intent in sorted(by_intent):
            print(f"  {intent:22} {len(by_intent[intent]):4}  {describe(by_intent[intent])}")
        print()

    kept_counts = collections.Counter(rows[i]["intent"] for i in range(len(rows)) if i not in flagged)
    flagged_counts = collections.Counter(rows[i]["intent"] for i in flagged)
    print(f"lines: {len(rows)}; flagged: {len(flagged)}; kept: {sum(kept_counts.values())}")
    print(f"  {'intent':22} {'kept':>4} {'flagged':>7}")
    short = []
    for intent in sorted(set(kept_counts) | set(flagged_counts)):
        need = args.min_oos if intent == "out_of_scope" else args.min_per_intent
        mark = "" if kept_counts[intent] >= need else f"  < {need}"
        if mark:
            short.append(intent)
        print(f"  {intent:22} {kept_counts[intent]:4} {flagged_counts[intent]:7}{mark}")
    if short:
        print(f"below the minimum: {', '.join(short)}")

    if args.write_clean:
        with open(args.write_clean, "w", encoding="utf-8") as f:
            for i, r in enumerate(rows):
                if i not in flagged:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    sys.exit(1 if problems or short else 0)


if __name__ == "__main__":
    main()
