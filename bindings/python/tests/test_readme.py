"""The Python examples of the workspace README, the FFI README and the Python README run
as written, from the repository's root (where their paths start). A `py` block is
shown, not run: it needs a Spark cluster (its job runs in tests/test_engines.py)."""

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
READMES = [ROOT / "README.md", ROOT / "bindings" / "ffi" / "README.md", ROOT / "bindings" / "python" / "README.md"]


def python_blocks(readme: pathlib.Path) -> list[str]:
    # Fenced blocks, indented or not (a block inside a list item is indented).
    blocks = re.findall(r"^( *)```python\n(.*?)^\1```", readme.read_text(encoding="utf-8"), re.S | re.M)
    return [
        "\n".join(line[len(indent) :] for line in block.splitlines())
        for indent, block in blocks
    ]


def test_readmes_have_a_python_example() -> None:
    for readme in READMES:
        assert python_blocks(readme), readme


def test_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for readme in READMES:
        for block in python_blocks(readme):
            exec(compile(block, str(readme), "exec"), {})
