"""django-allauth hooks: how accounts are created and how SSO logins join organisations."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest

from advocacy.accounts.models import User
from advocacy.accounts.services import membership_join_via_sso


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        if commit:
            user.save()
        return user


class SocialAccountAdapter(DefaultSocialAccountAdapter):
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
