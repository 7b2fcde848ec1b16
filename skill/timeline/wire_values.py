"""Plain values on the wire: a key consumed only when valid and not its default, numbers, times, colours.

No key is spelled here: :mod:`skill.timeline.wire` and :mod:`skill.timeline.wire_meta` say which key
holds what; this module says how a value is read and written (milliseconds, ``#rrggbb``, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Taker", "colour", "ms", "ms_to_s", "number", "one_of", "put", "text", "times", "whole"]


class Taker:
    """Consume known keys from a wire dict: a valid, non-default value is taken; anything else is left."""

    def __init__(self, raw: dict[str, Any] | None) -> None:
        self.left: dict[str, Any] = dict(raw or {})

    def value(self, key: str, parse: Callable[[Any], Any], default: Any) -> Any:
        if key not in self.left:
            return default
        try:
            value = parse(self.left[key])
        except (TypeError, ValueError):
            return default
        if value != default:
            del self.left[key]
            return value
        return default

    def always(self, key: str, parse: Callable[[Any], Any], default: Any) -> Any:
        """Like :meth:`value`, but a valid default is consumed too (a key written even at its default)."""
        value = self.value(key, parse, default)
        if key in self.left and value == default:
            try:
                if parse(self.left[key]) == default:
                    del self.left[key]
            except (TypeError, ValueError):
                pass
        return value

    def choice(self, key: str, allowed: tuple[Any, ...], default: Any = None) -> Any:
        def parse(raw: Any) -> Any:
            if raw not in allowed:
                raise ValueError(raw)
            return raw

        return self.value(key, parse, default)


def text(raw: Any) -> str:
    if raw is None:
        raise TypeError(raw)
    return str(raw)


def number(raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise TypeError(raw)
    return raw


def whole(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw != int(raw):
        raise TypeError(raw)
    return int(raw)


def ms_to_s(raw: Any) -> float:
    return round(number(raw) / 1000, 6)  # to the microsecond the wire keeps


def times(raw: Any) -> tuple[float, ...]:
    if not isinstance(raw, list):
        raise TypeError(raw)
    return tuple(ms_to_s(v) for v in raw)


def colour(raw: Any) -> str:
    text = str(raw)
    if len(text) != 7 or not text.startswith("#") or any(c not in "0123456789abcdefABCDEF" for c in text[1:]):
        raise ValueError(raw)
    return text.lower()


def one_of(raw: Any, allowed: tuple[Any, ...]) -> Any:
    if raw not in allowed:
        raise ValueError(raw)
    return raw


def put(rest: object, **known: Any) -> dict[str, Any]:
    out = dict(rest) if isinstance(rest, Mapping) else {}
    out.update({k: v for k, v in known.items() if v is not None})
    return out


def ms(seconds: float) -> int | float:
    """Seconds to wire milliseconds: whole milliseconds as an int (10.0 -> 10000), else rounded to 1 µs."""
    value = round(seconds * 1000, 3)
    return int(value) if value == int(value) else value
