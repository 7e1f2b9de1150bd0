"""Character 4-grams and their Jaccard similarity: the one definition of "too close" that
append-utterances.py (guarding training) and check-eval-overlap.py (reporting on evaluation sets) share."""
import re
import unicodedata


def normalise(text):
    """Lower-case, ё→е, punctuation and symbols dropped, whitespace collapsed."""
    t = text.lower().replace("ё", "е")
    t = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in t)
    return re.sub(r"\s+", " ", t).strip()


def grams(text, n=4):
    t = normalise(text)
    if len(t) < n:
        return {t}
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def jaccard(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
