"""scripts/audit_dependencies.py (the last step of `make lint`): fails on any known
vulnerability, says NOT AUDITED when an advisory service cannot be reached (and fails
then too with AUDIT_REQUIRED=1). The reports below have the shapes pip-audit's JSON
format and `npm audit --json` produce."""

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent.parent / "scripts" / "audit_dependencies.py"
CLEAN_PIP = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}], "fixes": []}
VULNERABLE_PIP = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.0",
            "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"], "aliases": [], "description": "x"}],
        }
    ],
    "fixes": [],
}
UNREACHABLE_PIP = {
    "dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}],
    "fixes": [],
}
CLEAN_NPM = {"auditReportVersion": 2, "vulnerabilities": {}, "metadata": {"vulnerabilities": {"high": 0, "total": 0}}}
VULNERABLE_NPM = {
    "auditReportVersion": 2,
    "vulnerabilities": {"left-pad": {"severity": "high", "range": "<1.3.1", "fixAvailable": True}},
    "metadata": {"vulnerabilities": {"info": 0, "low": 0, "moderate": 0, "high": 1, "critical": 0, "total": 1}},
}
UNREACHABLE_NPM = {"message": "405 Method Not Allowed - POST .../advisories/bulk", "error": {"summary": ""}}


def _load(monkeypatch: pytest.MonkeyPatch, pip: Any, npm: Any, required: bool = False) -> ModuleType:
    monkeypatch.setenv("AUDIT_REQUIRED", "1" if required else "")
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def run(command: list[str], cwd: Path) -> tuple[int, Any]:
        return (0, pip) if "pip_audit" in command else (1, npm)

    monkeypatch.setattr(module, "_run", run)
    return module


@pytest.mark.parametrize(
    ("pip", "npm", "required", "exit_code"),
    [
        (CLEAN_PIP, CLEAN_NPM, True, 0),
        (VULNERABLE_PIP, CLEAN_NPM, False, 1),
        (CLEAN_PIP, VULNERABLE_NPM, False, 1),
        (UNREACHABLE_PIP, UNREACHABLE_NPM, False, 0),
        (UNREACHABLE_PIP, CLEAN_NPM, True, 1),
        (VULNERABLE_PIP, UNREACHABLE_NPM, False, 1),
    ],
    ids=["clean", "python-vulnerable", "npm-vulnerable", "offline", "offline-but-required", "vulnerable-and-offline"],
)
def test_the_audit_fails_on_vulnerabilities_and_reports_what_it_could_not_audit(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    pip: Any,
    npm: Any,
    required: bool,
    exit_code: int,
) -> None:
    module = _load(monkeypatch, pip, npm, required)

    assert module.main() == exit_code
    out = capsys.readouterr().out
    if pip is VULNERABLE_PIP:
        assert "django 5.2.0: PYSEC-2025-1 (fixed in: 5.2.1)" in out
    if npm is UNREACHABLE_NPM:
        assert "npm audit: NOT AUDITED" in out
    if pip is UNREACHABLE_PIP:
        assert "pip-audit: NOT AUDITED" in out
