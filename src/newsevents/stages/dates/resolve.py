"""Turning a recognised date expression into a calendar period.

Each rule of ``patterns.json`` has a resolver here, named after it. A resolver gets the match's
groups and a ``Context``: the anchor (the publication date, given or inferred), the direction of
the clause the expression sits in (``past`` / ``future`` / ``None`` when the tense says nothing),
and the previous resolved mention (for "the same day"). It returns a ``Resolved`` period, one
with no dates when the expression needs an anchor that is missing, or ``None`` when the words
do not make a calendar date after all ("February 30", "the fifth quarter").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .fallback import has_year, parse_with_dateparser
from .grammar import Match, lexicon, month_number, weekday_number

Period = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Resolved:
    start: dt.date | None
    end: dt.date | None
    precision: str  # day | week | month | quarter | year | decade
    basis: str  # stated | relative


@dataclass(frozen=True)
class Context:
    anchor: dt.date | None = None
    direction: str | None = None  # past | future | None
    previous: Resolved | None = None


def resolve(match: Match, ctx: Context) -> Resolved | None:
    """The period ``match`` names, read in ``ctx``."""
    return RESOLVERS[match.rule.name](match.groups, ctx)


# ---------------------------------------------------------------------------- calendar helpers


def day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_period(year: int, month: int) -> Period:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def week_period(day: dt.date) -> Period:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def quarter_period(year: int, quarter: int) -> Period:
    return month_period(year, 3 * quarter - 2)[0], month_period(year, 3 * quarter)[1]


def year_period(year: int) -> Period:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def decade_period(first_year: int) -> Period:
    return dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31)


def narrow(period: Period, modifier: str | None) -> Period:
    """The first, middle or last third of ``period`` for "early", "mid" and "late"."""
    kind = lexicon()["modifiers"].get((modifier or "").lower())
    if kind is None:
        return period
    start, end = period
    third = (end - start) // 3
    if kind == "early":
        return start, start + third
    if kind == "mid":
        return start + third, end - third
    return end - third, end


# Without a tense to go by, a period after the anchor must be this many times nearer than one
# before it to win: news mostly reports what has happened.
FUTURE_PENALTY = 2


def pick(periods: list[Period], anchor: dt.date, direction: str | None) -> Period:
    """Of the periods a year-less expression could name, the one the tense points to.

    Past: the latest that began by the anchor; future: the earliest that has not ended by it;
    otherwise the nearest, with distances after the anchor counted ``FUTURE_PENALTY`` times.
    """
    periods = sorted(periods)
    if direction == "past":
        before = [p for p in periods if p[0] <= anchor]
        if before:
            return before[-1]
    if direction == "future":
        after = [p for p in periods if p[1] >= anchor]
        if after:
            return after[0]

    def distance(p: Period) -> int:
        if p[0] <= anchor <= p[1]:
            return 0
        if p[1] < anchor:
            return (anchor - p[1]).days
        return (p[0] - anchor).days * FUTURE_PENALTY

    return min(periods, key=distance)


def relative_offset(word: str | None) -> int | None:
    return None if word is None else lexicon()["relatives"][word.lower()]


def stated(period: Period, precision: str) -> Resolved:
    return Resolved(period[0], period[1], precision, "stated")


def relative_period(period: Period | None, precision: str) -> Resolved:
    """A period read against the anchor or an earlier mention."""
    if period is None:
        return Resolved(None, None, precision, "relative")
    return Resolved(period[0], period[1], precision, "relative")


def shift_month(day: dt.date, months: int) -> Period:
    return month_period(day.year, day.month + months)


PRECISION_OF_UNIT = {
    "day": "day",
    "week": "week",
    "weekend": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "decade",
}


def unit_period(day: dt.date, unit: str, offset: int = 0) -> tuple[Period, str]:
    """The ``unit`` containing ``day``, moved by ``offset`` units, and its precision."""
    if unit == "day":
        moved = day + dt.timedelta(days=offset)
        return (moved, moved), "day"
    if unit == "week":
        return week_period(day + dt.timedelta(weeks=offset)), "week"
    if unit == "weekend":
        monday = week_period(day + dt.timedelta(weeks=offset))[0]
        return (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)), "week"
    if unit == "month":
        return shift_month(day, offset), "month"
    if unit == "quarter":
        index = day.year * 4 + (day.month - 1) // 3 + offset
        return quarter_period(index // 4, index % 4 + 1), "quarter"
    if unit == "year":
        return year_period(day.year + offset), "year"
    if unit == "decade":
        return decade_period(day.year // 10 * 10 + 10 * offset), "decade"
    if unit == "century":
        return (
            dt.date(day.year // 100 * 100 + 100 * offset, 1, 1),
            dt.date(day.year // 100 * 100 + 100 * offset + 99, 12, 31),
        ), "decade"
    raise ValueError(f"unknown unit {unit!r}")


def counted_back(day: dt.date, unit: str, count: int) -> tuple[Period, str]:
    """The ``unit`` ``count`` units before ``day`` (after it when negative); "two decades
    ago" is a year, not the 1990s."""
    if unit == "decade":
        return unit_period(day, "year", -10 * count)
    return unit_period(day, unit, -count)


def count_of(word: str) -> int:
    return int(word) if word.isdigit() else lexicon()["numbers"][word.lower()]


def unresolved(unit: str) -> Resolved:
    """An expression that needs an anchor (or an earlier date) that is missing."""
    return Resolved(None, None, PRECISION_OF_UNIT[unit], "relative")


# ---------------------------------------------------------------------------------- resolvers

Groups = dict[str, str | None]


def calendar_day(g: Groups, ctx: Context) -> Resolved | None:
    """ "May 11", "11-12 May 2022", "2022-05-11", "the night of May 11-12, 2022"."""
    month = month_number(g["month"])
    month2 = month_number(g["month2"]) if g.get("month2") else month
    day = day_number(g["day"])
    day2 = day_number(g["day2"]) if g.get("day2") else day

    def period(year: int) -> Period | None:
        start, end = safe_date(year, month, day), safe_date(year, month2, day2)
        return (start, end) if start and end and start <= end else None

    if g.get("year"):
        found = period(int(g["year"]))
        return stated(found, "day") if found else None
    if period(2000) is None and period(2001) is None:  # no year makes it a date (Feb 30)
        return None
    if ctx.anchor is None:
        return unresolved("day")
    if g.get("rel"):  # "25 February last year"
        return relative_period(period(ctx.anchor.year + relative_offset(g["rel"])), "day")
    # 29 February is only in leap years: look as far as the leap years on either side.
    reach = 1 if period(2001) else 4
    years = range(ctx.anchor.year - reach, ctx.anchor.year + reach + 1)
    found = [p for p in map(period, years) if p]
    return relative_period(pick(found, ctx.anchor, ctx.direction), "day")


def month_year(g: Groups, ctx: Context) -> Resolved:
    return stated(narrow(month_period(int(g["year"]), month_number(g["month"])), g["mod"]), "month")


def month_relative_year(g: Groups, ctx: Context) -> Resolved:
    if ctx.anchor is None:
        return unresolved("month")
    year = ctx.anchor.year + relative_offset(g["rel"])
    return relative_period(narrow(month_period(year, month_number(g["month"])), g["mod"]), "month")


def month_alone(g: Groups, ctx: Context) -> Resolved:
    """ "in February", "last July", "early December": the year comes from the anchor."""
    if ctx.anchor is None:
        return unresolved("month")
    month = month_number(g["month"])
    periods = [month_period(y, month) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    found = by_relative_word(periods, ctx, relative_offset(g["rel"]))
    return relative_period(narrow(found, g["mod"]), "month")


def by_relative_word(periods: list[Period], ctx: Context, rel: int | None) -> Period:
    """ "last" picks the latest period over before the anchor, "next" the first one after it;
    otherwise ("this July", plain "July") the tense decides."""
    if rel == -1:
        return [p for p in periods if p[1] < ctx.anchor][-1]
    if rel == 1:
        return next(p for p in periods if p[0] > ctx.anchor)
    return pick(periods, ctx.anchor, ctx.direction)


def season(g: Groups, ctx: Context) -> Resolved | None:
    first, last = lexicon()["seasons"][g["season"].lower()]

    def period(year: int) -> Period:
        end_year = year + 1 if last < first else year
        return month_period(year, first)[0], month_period(end_year, last)[1]

    if g.get("year"):
        return stated(narrow(period(int(g["year"])), g["mod"]), "quarter")
    if ctx.anchor is None:
        return unresolved("quarter")
    periods = [period(y) for y in range(ctx.anchor.year - 2, ctx.anchor.year + 2)]
    found = by_relative_word(periods, ctx, relative_offset(g["rel"]))
    return relative_period(narrow(found, g["mod"]), "quarter")


def decade(g: Groups, ctx: Context) -> Resolved:
    digit = int(g["decade"])
    if g.get("century"):
        return stated(
            narrow(decade_period(int(g["century"]) * 100 + digit * 10), g["mod"]), "decade"
        )
    # "the '90s": the latest such decade that has begun by the anchor (the 1990s before 2090).
    now = ctx.anchor.year if ctx.anchor else 1999 + 10 * digit
    century = 20 if 2000 + 10 * digit <= now else 19
    return stated(narrow(decade_period(century * 100 + digit * 10), g["mod"]), "decade")


def century(g: Groups, ctx: Context) -> Resolved | None:
    number = int(g["number"]) if g.get("number") else lexicon()["ordinals"][g["ordinal"].lower()]
    if not 1 <= number <= 21:
        return None
    first = (number - 1) * 100
    period = (dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31))
    return stated(narrow(period, g["mod"]), "decade")


def quarter(g: Groups, ctx: Context) -> Resolved | None:
    number = lexicon()["ordinals"][g["ordinal"].lower()]
    if number > 4:
        return None
    if g.get("year"):
        return stated(quarter_period(int(g["year"]), number), "quarter")
    if ctx.anchor is None:
        return unresolved("quarter")
    if g.get("rel"):
        return relative_period(
            quarter_period(ctx.anchor.year + relative_offset(g["rel"]), number), "quarter"
        )
    periods = [quarter_period(y, number) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    return relative_period(pick(periods, ctx.anchor, ctx.direction), "quarter")


def quarter_code(g: Groups, ctx: Context) -> Resolved:
    return stated(quarter_period(int(g["year"]), int(g["number"])), "quarter")


def year(g: Groups, ctx: Context) -> Resolved:
    return stated(narrow(year_period(int(g["year"])), g["mod"]), "year")


def relative_unit(g: Groups, ctx: Context) -> Resolved:
    """ "last week", "this fiscal year", "early next month", "the last decade"."""
    unit = g["unit"].lower()
    if ctx.anchor is None:
        return unresolved(unit)
    period, precision = unit_period(ctx.anchor, unit, relative_offset(g["rel"]))
    return relative_period(narrow(period, g["mod"]), precision)


def within_unit(g: Groups, ctx: Context) -> Resolved:
    """ "earlier in the month": the anchor's month, not narrowed (it only says 'before now')."""
    unit = g["unit"].lower()
    if ctx.anchor is None:
        return unresolved(unit)
    return relative_period(*unit_period(ctx.anchor, unit))


def boundary_unit(g: Groups, ctx: Context) -> Resolved:
    """ "the end of the year", "the start of the month": that part of the anchor's unit, or of
    the unit before or after it when the tense says the part is past or still to come."""
    unit = g["unit"].lower()
    if ctx.anchor is None:
        return unresolved(unit)
    precision = unit_period(ctx.anchor, unit)[1]
    if ctx.direction is None:
        return relative_period(narrow(unit_period(ctx.anchor, unit)[0], g["mod"]), precision)
    parts = [narrow(unit_period(ctx.anchor, unit, n)[0], g["mod"]) for n in (-1, 0, 1)]
    return relative_period(pick(parts, ctx.anchor, ctx.direction), precision)


def ago(g: Groups, ctx: Context) -> Resolved:
    """ "four years ago": the unit that many units before the anchor."""
    unit = g["unit"].lower()
    count = count_of(g["number"])
    if ctx.anchor is None:
        return unresolved(unit)
    return relative_period(*counted_back(ctx.anchor, unit, count))


def holiday(g: Groups, ctx: Context) -> Resolved:
    """ "Christmas", "New Year's Eve 2019": a fixed day of the year."""
    name = g["holiday"].replace("’", "'")
    month, day = next(v for k, v in lexicon()["holidays"].items() if k.lower() == name.lower())
    return calendar_day({"month": str(month), "day": str(day), "year": g.get("year")}, ctx)


def shift(g: Groups, ctx: Context) -> Resolved:
    """ "four days later", "two years earlier": counted from the previous resolved mention."""
    unit = g["unit"].lower()
    count = count_of(g["number"])
    prev = ctx.previous
    if prev is None or prev.start is None:
        return unresolved(unit)
    direction = lexicon()["shifts"][g["shift"].lower()]
    return relative_period(*counted_back(prev.start, unit, -direction * count))


def relative_day(g: Groups, ctx: Context) -> Resolved:
    offset = lexicon()["relative_days"][g["word"].lower()]
    if ctx.anchor is None:
        return unresolved("day")
    day = ctx.anchor + dt.timedelta(days=offset)
    return relative_period((day, day), "day")


def weekday(g: Groups, ctx: Context) -> Resolved:
    """ "Monday evening", "last Friday": the nearest such day the tense points to."""
    if ctx.anchor is None:
        return unresolved("day")
    target = weekday_number(g["weekday"])
    days = [ctx.anchor + dt.timedelta(days=n) for n in range(-7, 8)]
    periods = [(d, d) for d in days if d.weekday() == target]
    found = by_relative_word(periods, ctx, relative_offset(g["rel"]))
    return relative_period(found, "day")


UNIT_OF_WORD = {"morning": "day", "afternoon": "day", "evening": "day", "night": "day"}
PRECISION_ORDER = ("day", "week", "month", "quarter", "year", "decade")


def reference(g: Groups, ctx: Context) -> Resolved:
    """ "the same day", "the following year": relative to the previous resolved mention."""
    word = g["unit"].lower()
    unit = UNIT_OF_WORD.get(word, word)
    prev = ctx.previous
    usable = (
        prev is not None
        and prev.start is not None
        and PRECISION_ORDER.index(prev.precision) <= PRECISION_ORDER.index(unit)
    )
    if not usable:
        return unresolved(unit)
    offset = lexicon()["references"][g["ref"].lower()]
    return relative_period(*unit_period(prev.start, unit, offset))


def present(g: Groups, ctx: Context) -> Resolved:
    """ "now", "currently": the anchor day."""
    anchor = ctx.anchor
    return relative_period((anchor, anchor) if anchor else None, "day")


def dateparser_fallback(g: Groups, ctx: Context) -> Resolved | None:
    """A date entity the rules cannot read, in dateparser's hands (see ``fallback``)."""
    text = g["text"]
    if ctx.anchor is None and not has_year(text):
        return unresolved("day")
    found = parse_with_dateparser(text, ctx.anchor)
    if found is None:
        return None
    period, precision = unit_period(found[0], found[1])
    return Resolved(period[0], period[1], precision, "stated" if has_year(text) else "relative")


RESOLVERS: dict[str, Callable[[Groups, Context], Resolved | None]] = {
    "iso_date": calendar_day,
    "numeric_date": calendar_day,
    "month_day": calendar_day,
    "day_month": calendar_day,
    "month_year": month_year,
    "month_relative_year": month_relative_year,
    "month": month_alone,
    "season": season,
    "decade": decade,
    "century": century,
    "quarter": quarter,
    "quarter_code": quarter_code,
    "year": year,
    "reference": reference,
    "relative_unit": relative_unit,
    "within_unit": within_unit,
    "boundary_unit": boundary_unit,
    "ago": ago,
    "relative_day": relative_day,
    "holiday": holiday,
    "shift": shift,
    "weekday": weekday,
    "present": present,
    "dateparser": dateparser_fallback,
}
