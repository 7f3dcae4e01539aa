"""A measured figure with its target, and (for HTTP figures) the /healthz baseline."""

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: float | None = None  # the value must be at most this (at least, with at_least)
    at_least: bool = False
    # The same measure of GET /healthz on the same server, in the same alternating rounds.
    baseline: float | None = None
    # The target applies to value / baseline instead of to the value.
    target_on_ratio: bool = False

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool:
        if self.target is None:
            return True
        measured = self.ratio if self.target_on_ratio else self.value
        if measured is None:
            return False
        return measured >= self.target if self.at_least else measured <= self.target

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        unit = "x healthz" if self.target_on_ratio else self.unit
        return f"{'>=' if self.at_least else '<='} {self.target:g}{unit}"

    @property
    def verdict(self) -> str:
        return "-" if self.target is None else ("pass" if self.passed else "FAIL")

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "ratio": self.ratio, "passed": self.passed}


def table(figures: list[Figure]) -> str:
    """One table: figure, value, target, baseline (healthz), ratio, result."""
    lines = [f"{'figure':<52} {'value':>12} {'target':>16} {'baseline':>12} {'ratio':>8}  result"]
    for figure in figures:
        value = f"{figure.value:.2f}{figure.unit}"
        baseline = "" if figure.baseline is None else f"{figure.baseline:.2f}{figure.unit}"
        ratio = "" if figure.ratio is None else f"{figure.ratio:.2f}x"
        lines.append(
            f"{figure.name:<52} {value:>12} {figure.target_text:>16} {baseline:>12} {ratio:>8}  {figure.verdict}"
        )
    return "\n".join(lines)


def timed_ms(action: Callable[[], object], *, rounds: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[-1]
