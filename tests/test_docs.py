"""The Python examples users read run as written: the README's and the façade's docstring."""
from __future__ import annotations

import doctest
import re
from pathlib import Path

import onrecord.api
from onrecord.nlp import pipeline

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
    blocks = python_blocks((REPO / "README.md").read_text(encoding="utf-8"))
    assert blocks, "the README has no Python example"
    for block in blocks:
        namespace: dict = {}
        exec(compile(block, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "Putin" in printed                               # the first example prints who said what
    assert namespace["record"]["schema"] == "onrecord/article@1"


def test_the_facade_docstring_example_runs(analyzer, monkeypatch):
    monkeypatch.setattr(pipeline, "default_analyzer", lambda: analyzer)
    failed, tried = doctest.testmod(onrecord.api, report=True)
    assert tried > 0 and failed == 0
