"""The engine is pure: no Django, no other cme app; Splink only in training, DuckDB only in batch."""

import ast
import subprocess
import sys
from pathlib import Path

import cme.matching.engine

ENGINE = Path(cme.matching.engine.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_engine_imports_neither_django_nor_other_apps():
    for path in ENGINE.glob("*.py"):
        for name in _imports(path):
            assert not name.startswith("django"), f"{path.name} imports {name}"
            assert not name.startswith("cme") or name.startswith("cme.matching.engine"), f"{path.name} imports {name}"


def test_splink_and_duckdb_stay_out_of_the_scorer():
    allowed = {"splink": {"training.py"}, "duckdb": {"batch.py"}, "pyarrow": {"training.py", "batch.py"}}
    for path in ENGINE.glob("*.py"):
        for name in _imports(path):
            root = name.split(".")[0]
            if root in allowed:
                assert path.name in allowed[root], f"{path.name} imports {name}"


def test_importing_the_scorer_loads_neither_splink_nor_duckdb():
    code = (
        "import sys, cme.matching.engine.scorer, cme.matching.engine.batch;"
        "print(sorted(m for m in ('splink', 'duckdb') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "[]"
