"""Write buffered clicks to the database now (what the beat job does every few seconds)."""

from typing import Any

from django.core.management.base import BaseCommand

from advocacy.analytics.services import clicks_flush


class Command(BaseCommand):
    help = "Move buffered clicks into the database and the rollups."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--max-batches", type=int, default=1000, help="Stop after this many batches.")
        parser.add_argument(
            "--recover-all",
            action="store_true",
            help="First put back every claimed batch, not only those older than the claim timeout "
            "(only when no other flush is running, e.g. after a crash).",
        )

    def handle(self, *args: Any, max_batches: int = 1000, recover_all: bool = False, **options: Any) -> None:
        result = clicks_flush(max_batches=max_batches, recover_older_than=0 if recover_all else None)
        self.stdout.write(
            f"{result.recorded} clicks recorded in {result.batches} batches "
            f"({result.duplicates} already recorded, {result.dropped} dropped, "
            f"{result.recovered_claims} claims recovered)."
        )
