"""Re-encrypt every stored network token with the newest key of TOKEN_ENCRYPTION_KEYS.

Rotation: prepend a new key to TOKEN_ENCRYPTION_KEYS, deploy, run this command, then drop
the old key.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from advocacy.networks.models import NetworkConnection
from advocacy.networks.tokens import rotate_token


class Command(BaseCommand):
    help = "Re-encrypt all network tokens with the newest TOKEN_ENCRYPTION_KEYS key."

    def handle(self, *args: Any, **options: Any) -> None:
        rotated = 0
        # Every organisation's connections: a platform-wide maintenance task, on purpose.
        connections = NetworkConnection.objects.unscoped().exclude(access_token="", refresh_token="")
        for pk in connections.values_list("pk", flat=True).iterator():
            with transaction.atomic():
                connection = NetworkConnection.objects.unscoped().select_for_update().get(pk=pk)
                connection.access_token = rotate_token(connection.access_token)
                connection.refresh_token = rotate_token(connection.refresh_token)
                connection.save(update_fields=["access_token", "refresh_token", "updated_at"])
                rotated += 1
        self.stdout.write(f"Re-encrypted the tokens of {rotated} connection(s).")
