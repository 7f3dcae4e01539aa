"""`make bench`: the benchmarks arrive with the performance issue (docs/performance.md)."""

print("no benchmarks yet")
