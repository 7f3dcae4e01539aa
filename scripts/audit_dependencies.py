"""Known-vulnerability audit of the pinned dependencies (`make lint`).

Python: pip-audit over the project's virtualenv (runtime and dev packages, as installed from
the pins), against PyPI's advisory data. JavaScript: `npm audit --omit=dev` over
frontend/package-lock.json (what ships in the built SPA).

Any known vulnerability fails the run. When an advisory service cannot be reached (an
offline machine, or a registry mirror that serves packages but not advisories) that half is
reported as NOT AUDITED and skipped, unless AUDIT_REQUIRED=1, which makes it fail too.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = os.environ.get("AUDIT_REQUIRED", "") == "1"


def _run(command: list[str], cwd: Path) -> tuple[int, Any]:
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:  # npm not installed
        return 127, {"error": str(exc)}
    try:
        return result.returncode, json.loads(result.stdout or "null")
    except json.JSONDecodeError:
        return result.returncode, {"error": (result.stderr or result.stdout).strip()[-500:]}


def audit_python() -> tuple[bool, bool]:
    """(clean, audited)"""
    command = [sys.executable, "-m", "pip_audit", "--vulnerability-service", "pypi", "--local"]
    _, report = _run([*command, "--format", "json", "--progress-spinner", "off"], ROOT)
    dependencies = (report or {}).get("dependencies", []) if isinstance(report, dict) else []
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    vulnerable = [dep for dep in audited if dep.get("vulns")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix released"
            print(f"pip-audit: {dep['name']} {dep['version']}: {vuln['id']} (fixed in: {fixes})")
    if not audited:
        print(f"pip-audit: NOT AUDITED, the advisory service answered for none of {len(dependencies)} packages.")
        return True, False
    skipped = len(dependencies) - len(audited)
    print(f"pip-audit: {len(audited)} packages audited ({skipped} skipped), {len(vulnerable)} vulnerable.")
    return not vulnerable, True


def audit_javascript() -> tuple[bool, bool]:
    _, report = _run(["npm", "audit", "--omit=dev", "--json"], ROOT / "frontend")
    if not isinstance(report, dict) or "auditReportVersion" not in report:
        reason = report.get("message") or report.get("error") if isinstance(report, dict) else report
        print(f"npm audit: NOT AUDITED ({reason}).")
        return True, False
    for name, vuln in sorted(report.get("vulnerabilities", {}).items()):
        fix = vuln.get("fixAvailable")
        print(f"npm audit: {name} ({vuln.get('severity')}): {vuln.get('range')}; fix available: {bool(fix)}")
    counts = report.get("metadata", {}).get("vulnerabilities", {})
    total = sum(count for level, count in counts.items() if level != "total")
    print(f"npm audit: {total} vulnerable production dependencies.")
    return total == 0, True


def main() -> int:
    results = [audit_python(), audit_javascript()]
    clean = all(ok for ok, _ in results)
    if REQUIRED and not all(audited for _, audited in results):
        print("AUDIT_REQUIRED=1 and an advisory service could not be reached.")
        return 1
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
