"""Demo data (API.md "Demo data"), safe to run again and again.

Each app contributes a ``demo`` module with ``seed()`` (and optionally ``summary()``
returning lines to print); they run in INSTALLED_APPS order, so an app's demo data can
build on the data of the apps below it.
"""

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


def _demo_modules() -> list[Any]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("advocacy."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
    return modules


class Command(BaseCommand):
    help = "Create or refresh the demo organisations `demo` and `other`: people, strategy, content."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, quiet: bool = False, **options: Any) -> None:
        modules = _demo_modules()
        with transaction.atomic():
            for module in modules:
                module.seed()
        if quiet:
            return
        for module in modules:
            summary = getattr(module, "summary", None)
            if summary:
                self.stdout.write("\n".join(summary()))
