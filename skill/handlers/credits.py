"""Credits: the balance (available, frozen, total) in one sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from skill.messages import text

if TYPE_CHECKING:
    from skill.client.api import NemoClient
    from skill.client.models import Credits

__all__ = ["CreditsReply", "show_credits", "credits_text"]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def credits_text(credits: Credits, lang: str = "en") -> str:
    """The balance as a sentence."""
    return text(
        "credits.balance",
        lang,
        available=_number(credits.available),
        frozen=_number(credits.frozen),
        total=_number(credits.total),
    )


@dataclass(frozen=True, slots=True)
class CreditsReply:
    text: str
    available: float
    frozen: float
    total: float


def show_credits(client: NemoClient, *, lang: str = "en") -> CreditsReply:
    """Fetch the balance (``GET /api/credits/balance/simple``, retried on 5xx) and phrase it."""
    credits = client.credits()
    return CreditsReply(credits_text(credits, lang), credits.available, credits.frozen, credits.total)
