"""Copies of one article: its sources, and near-duplicates found by MinHash with LSH in SQLite.

An article's id is the hash of its text, so the same text from a second place is the same
article: it becomes one more row of ``sources``. A text that differs a little (another
headline or byline line, a changed word) is found by its MinHash signature: 128 minimums of
word 3-shingles of the text without boilerplate and headings, whose agreement with another
signature estimates the Jaccard similarity of the two shingle sets. A stored article is a
near-duplicate when that estimate is at least ``THRESHOLD``; the copy is then not stored as
an article but as one more source of it.

Candidates come from LSH banding, split for recall at the threshold:
the signature is cut into ``BANDS`` bands of ``ROWS`` values, each band hashed to a 64-bit key
kept in the indexed table ``minhash_bands``. Two signatures sharing a band key are candidates,
checked against the stored signature, so a look-up reads a handful of index entries and never
loads signatures wholesale: it scales to millions of articles.

Texts shorter than ``MIN_SHINGLES`` are matched by identical text only: on a few words one
changed word is a large part of the text, and may be the part that matters.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from datetime import datetime, timezone
from functools import cache

import numpy as np

from onrecord.model import Article, text_without

NUM_PERM = 128
THRESHOLD = 0.9
CANDIDATE = 0.8          # an estimate this high is worth an exact look
SHINGLE = 3                     # words per shingle
MIN_SHINGLES = 50
# Recall first: with 16 bands of 8 rows a pair at similarity 0.9 shares a band with
# probability 1 - (1 - 0.9**8)**16 > 0.999 (at 0.5 only 0.06 do, and every candidate is
# checked against its signature anyway). datasketch's MinHashLSH split for 0.9, (5, 25),
# weighs misses and false candidates equally and finds a 0.9 pair only 31% of the time.
# Fixed here because stored band keys depend on it.
BANDS, ROWS = 16, 8
# The hashing scheme is named so that a later datasketch default cannot change the signatures
# of stored articles; the seed fixes the permutations.
_SCHEME, _SEED = "affine32", 1

_WORD = re.compile(r"\w+")


@cache
def _minhash():
    """datasketch's MinHash and its permutations, made once: imported when first needed, since
    datasketch brings scipy, which reading a store does not need."""
    from datasketch import MinHash

    return MinHash, MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def content(article: Article) -> str:
    """The article's own words: the text with boilerplate and headings blanked out (a copy
    on another site carries other page chrome and often another headline)."""
    return text_without(article.text, (*article.boilerplate, *article.headings))


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def signature(article: Article) -> bytes | None:
    """The MinHash signature of ``article`` (NUM_PERM little-endian uint32), or None when its
    text is too short to be matched other than by identity."""
    found = shingles(content(article))
    if len(found) < MIN_SHINGLES:
        return None
    minhash, permutations = _minhash()
    sketch = minhash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, permutations=permutations)
    sketch.update_batch(found)
    return np.asarray(sketch.hashvalues, dtype="<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity that two signatures estimate."""
    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(x == y)) / len(x)


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per band (SQLite integers are signed)."""
    width = ROWS * 4
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * width:(band + 1) * width], digest_size=8,
                                 person=b"onrecord-band%d" % band).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def near_duplicate(conn: sqlite3.Connection, article: Article, sig: bytes) -> tuple[str, float] | None:
    """The stored article most similar to ``article`` (whose signature is ``sig``) at
    ``THRESHOLD`` or above, with its similarity; the earliest saved wins a tie.

    A signature's estimate wanders (±0.02 at 0.94 with 128 values), so candidates whose
    estimate comes near the threshold are judged on their exact shingle sets, read from
    the stored records: only those few are, and the decision no longer depends on luck."""
    keys = band_keys(sig)
    rows = conn.execute(
        "SELECT m.article_id, m.signature FROM minhashes AS m JOIN articles AS a ON a.id = m.article_id "
        f"WHERE m.article_id IN (SELECT article_id FROM minhash_bands WHERE key IN ({', '.join('?' * len(keys))})) "
        "ORDER BY a.ingested_at, a.rowid", keys).fetchall()
    mine: set[bytes] | None = None
    best: tuple[str, float] | None = None
    for article_id, stored in rows:
        if similarity(sig, stored) < CANDIDATE:
            continue
        mine = mine if mine is not None else shingles(content(article))
        record = conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        theirs = shingles(content(Article.from_dict(json.loads(record))))
        score = len(mine & theirs) / len(mine | theirs)
        if score >= THRESHOLD and (best is None or score > best[1]):
            best = (article_id, score)
    return best


def index(conn: sqlite3.Connection, article_id: str, sig: bytes | None) -> None:
    """Keep ``sig`` as the signature of the stored ``article_id`` (replacing an older one)."""
    old = conn.execute("SELECT signature FROM minhashes WHERE article_id = ?", (article_id,)).fetchone()
    if old is not None:
        if old[0] == sig:
            return
        # Band rows carry no foreign key (a second index on article_id would double the
        # table); the old signature says which keys to delete.
        conn.executemany("DELETE FROM minhash_bands WHERE key = ? AND article_id = ?",
                         ((key, article_id) for key in band_keys(old[0])))
        conn.execute("DELETE FROM minhashes WHERE article_id = ?", (article_id,))
    if sig is None:
        return
    conn.execute("INSERT INTO minhashes (article_id, signature) VALUES (?, ?)", (article_id, sig))
    conn.executemany("INSERT OR IGNORE INTO minhash_bands (key, article_id) VALUES (?, ?)",
                     ((key, article_id) for key in band_keys(sig)))


# -- sources -----------------------------------------------------------------------------------

_ADD_SOURCE = """
INSERT OR IGNORE INTO sources (article_id, text_id, source, site, title, published, similarity, added_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""


def add_source(conn: sqlite3.Connection, article_id: str, copy: Article, score: float = 1.0) -> bool:
    """Record ``copy`` as a source of the stored ``article_id``; False if it was recorded."""
    cur = conn.execute(_ADD_SOURCE, (article_id, copy.id, copy.source, copy.site, copy.title,
                                     copy.published, round(score, 4), _now()))
    return cur.rowcount > 0


def update_first_source(conn: sqlite3.Connection, old_source: str | None, article: Article) -> None:
    """The stored article's own source row follows its record when it is re-saved."""
    conn.execute(
        "UPDATE OR IGNORE sources SET source = ?, site = ?, title = ?, published = ? "
        "WHERE article_id = ? AND text_id = ? AND coalesce(source, '') = coalesce(?, '')",
        (article.source, article.site, article.title, article.published, article.id, article.id,
         old_source))


def folded_into(conn: sqlite3.Connection, text_id: str) -> tuple[str, float] | None:
    """The stored article a copy with this text id was folded into, with its similarity."""
    row = conn.execute("SELECT article_id, similarity FROM sources WHERE text_id = ? ORDER BY id LIMIT 1",
                       (text_id,)).fetchone()
    return None if row is None else (row[0], row[1])


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


__all__ = ["BANDS", "CANDIDATE", "MIN_SHINGLES", "NUM_PERM", "ROWS", "THRESHOLD", "add_source", "band_keys",
           "content", "folded_into", "index", "near_duplicate", "shingles", "signature",
           "similarity", "update_first_source"]
