"""django-allauth hooks: how accounts are created and how SSO logins join organisations."""

from typing import Any

import requests
from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from advocacy.accounts.models import User
from advocacy.accounts.services import membership_join_via_sso
from advocacy.core.safe_http import GuardedAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        if commit:
            user.save()
        return user

    # Accounts have no phone number. allauth routes its phone endpoints regardless; without
    # these its defaults raise NotImplementedError, a 500 for any signed-in POST there.
    def get_phone(self, user: Any) -> tuple[str, bool] | None:
        return None

    def get_user_by_phone(self, phone: str) -> Any:
        return None

    def clean_phone(self, phone: str) -> str:
        raise ValidationError("Accounts have no phone number here.", code="phone_not_supported")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_requests_session(self) -> requests.Session:
        # Every allauth call out (OIDC discovery, then the token, userinfo and JWKS URLs the
        # discovery document names) goes to a host an organisation admin typed: SSRF-guarded,
        # every redirect hop included, and without proxies from the environment (a proxy would
        # connect on our behalf, bypassing the guard).
        session = super().get_requests_session()
        session.trust_env = False
        adapter = GuardedAdapter()
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        super().pre_social_login(request, sociallogin)
        if sociallogin.is_existing:
            self._join(sociallogin.user, sociallogin)

    def save_user(self, request: HttpRequest, sociallogin: Any, form: Any = None) -> Any:
        user = super().save_user(request, sociallogin, form)
        self._join(user, sociallogin)
        return user

    @staticmethod
    def _join(user: User, sociallogin: Any) -> None:
        provider_id = getattr(sociallogin.account, "provider", "")
        membership_join_via_sso(user=user, provider_id=provider_id)
