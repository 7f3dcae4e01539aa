"""Domain errors raised by services. The API's exception handler maps each kind to an HTTP
status; services themselves know nothing about HTTP."""

from typing import Any


class DomainError(Exception):
    """A refusal the caller can act on: a stable machine ``code`` and a human ``detail``."""

    default_code = "invalid"

    def __init__(self, detail: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code or self.default_code
        self.extra = extra


class NotFoundError(DomainError):
    default_code = "not_found"


class PermissionDeniedError(DomainError):
    default_code = "permission_denied"


class ConflictError(DomainError):
    """The request is valid but conflicts with the current state (409)."""

    default_code = "conflict"


class GoneError(DomainError):
    """The thing existed but can no longer be used (410), e.g. an expired invitation."""

    default_code = "gone"


class RuleViolationError(DomainError):
    """Well-formed input that a business rule refuses (422)."""

    default_code = "rule_violation"
