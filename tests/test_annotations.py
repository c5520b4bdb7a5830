"""The project's own who-annotation of PolNeAR train articles is well formed (``annotations/``)."""
from __future__ import annotations

from pathlib import Path

ANNOTATIONS = Path(__file__).resolve().parents[1] / "annotations" / "who-train"
TYPES = {"person", "org", "people", "group", "anonymous", "document", "author", "unclear"}


def test_every_row_has_a_span_a_referent_and_a_type():
    files = sorted(ANNOTATIONS.glob("*.tsv"))
    assert len(files) == 80
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].split("\t") == ["eid", "start", "end", "mention", "context", "referent", "type"]
        for line in lines[1:]:
            eid, start, end, mention, context, referent, kind = line.split("\t")
            assert eid.startswith("E") and 0 <= int(start) < int(end), (path.name, line)
            assert mention == context == "", "the article's own words stay out of the repository"
            assert referent and kind in TYPES, (path.name, line)
