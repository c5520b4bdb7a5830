"""The Python examples users read run as written: the README's and the façade's docstring."""
from __future__ import annotations

import doctest
import re
from pathlib import Path

import onrecord.api
from onrecord.nlp import pipeline
from onrecord.store import Store

REPO = Path(__file__).resolve().parents[1]

PAGE = """<html><head><title>Port talks</title></head><body><article>
<h1>Port talks go on</h1>
<p>The mayor, Ana Ruiz, said on Monday that the port would reopen in May.</p>
<p>"We will not wait for the ministry," Ruiz told reporters at the harbour.</p>
</article></body></html>"""


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


def test_the_readme_python_examples_run(analyzer, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(pipeline, "default_analyzer", lambda: analyzer)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.html").write_text(PAGE, encoding="utf-8")   # the file the example reads
    with Store(tmp_path / "onrecord.db") as store:                    # the store the query example reads
        store.save(onrecord.extract("Vladimir Putin said NATO had ignored Russia's concerns.",
                                    published="2022-02-07", analyzer=analyzer))
    blocks = python_blocks((REPO / "README.md").read_text(encoding="utf-8"))
    assert blocks, "the README has no Python example"
    names: dict = {}
    for block in blocks:
        namespace: dict = {}
        exec(compile(block, "README.md", "exec"), namespace)
        names.update(namespace)
    printed = capsys.readouterr().out
    assert "Putin" in printed                               # the first example prints who said what
    assert names["record"]["schema"] == "onrecord/article@1"
    assert [r["speaker_name"] for r in names["rows"]] == ["Vladimir Putin"]
    exported = (tmp_path / "putin.csv").read_text(encoding="utf-8").splitlines()
    assert len(exported) == 2 and "NATO" in exported[1]            # a header and Putin's statement


def test_the_facade_docstring_example_runs(analyzer, monkeypatch):
    monkeypatch.setattr(pipeline, "default_analyzer", lambda: analyzer)
    failed, tried = doctest.testmod(onrecord.api, report=True)
    assert tried > 0 and failed == 0
