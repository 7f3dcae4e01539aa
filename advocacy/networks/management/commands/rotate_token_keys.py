"""Re-encrypt every stored network secret with the newest key of TOKEN_ENCRYPTION_KEYS.

Rotation: prepend a new key to TOKEN_ENCRYPTION_KEYS, deploy, run this command, then drop
the old key (after the connect-link lifetime, so that connections started before the
deploy can still finish). Secrets: every connection's access and refresh tokens and our
client secret on each Mastodon instance.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from advocacy.networks.models import MastodonApp, NetworkConnection
from advocacy.networks.tokens import TokenDecryptionError, rotate_token


class Command(BaseCommand):
    help = "Re-encrypt all network tokens and Mastodon app secrets with the newest TOKEN_ENCRYPTION_KEYS key."

    def handle(self, *args: Any, **options: Any) -> None:
        unreadable: list[str] = []
        connections = 0
        # Every organisation's connections: a platform-wide maintenance task, on purpose.
        pks = (
            NetworkConnection.objects.unscoped().exclude(access_token="", refresh_token="").values_list("pk", flat=True)
        )
        for pk in pks.iterator():
            with transaction.atomic():
                connection = NetworkConnection.objects.unscoped().select_for_update().get(pk=pk)
                try:
                    connection.access_token = rotate_token(connection.access_token)
                    connection.refresh_token = rotate_token(connection.refresh_token)
                except TokenDecryptionError:
                    unreadable.append(f"connection {pk}")
                    continue
                connection.save(update_fields=["access_token", "refresh_token", "updated_at"])
                connections += 1
        apps = 0
        for pk in MastodonApp.objects.exclude(client_secret="").values_list("pk", flat=True).iterator():
            with transaction.atomic():
                app = MastodonApp.objects.select_for_update().get(pk=pk)
                try:
                    app.client_secret = rotate_token(app.client_secret)
                except TokenDecryptionError:
                    unreadable.append(f"Mastodon app {app.instance}")
                    continue
                app.save(update_fields=["client_secret"])
                apps += 1
        self.stdout.write(
            f"Re-encrypted the tokens of {connections} connection(s) and the secrets of {apps} Mastodon app(s)."
        )
        if unreadable:
            # Left as they are: keep the key that encrypted them until they are dealt with.
            raise CommandError(
                f"{len(unreadable)} secret(s) could not be decrypted with any configured key: {', '.join(unreadable)}."
            )
