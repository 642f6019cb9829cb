"""The Python examples of the workspace README run as written."""

import pathlib
import re

README = pathlib.Path(__file__).resolve().parents[3] / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_has_a_python_example() -> None:
    assert python_blocks()


def test_readme_python_examples_run() -> None:
    for block in python_blocks():
        exec(compile(block, str(README), "exec"), {})
