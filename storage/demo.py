"""Made-up but believable data: a person slowly finding their way back to people.

Used by the demo, the snapshot tests and the benchmarks. Everything comes from one seeded
random generator and the ``end`` moment passed in, so the same seed and end always give
the same people and entries: no system clock, no Textual, no network.

The shape of the story: early on there are more quiet gaps, more reflex "fine"s and fewer
reach-outs; over the span the mood drifts up (with low stretches and good stretches along
the way) and more people come back into the picture. A decade holds about 50,000 entries
and 150 people; a year about 5,000.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

from storage.clock import Clock, logical_day
from storage.records import Entry, Person
from storage.reflex import is_reflex
from storage.store import Store

HOME = timezone(timedelta(hours=1))
"""The wall clock most entries are logged in: UTC+01:00, no daylight saving."""

TRIP_OFFSETS: tuple[timezone, ...] = (
    timezone(timedelta(hours=0)),
    timezone(timedelta(hours=2)),
    timezone(timedelta(hours=-5)),
)
"""Where a trip now and then takes the person, so a few entries carry another offset."""

_AtFn = Callable[[float, float], datetime]
"""Gives a moment between two hour marks of the day being generated."""

ENTRIES_PER_DAY = 13.7
"""What the generator aims for on average: about 5,000 a year, 50,000 a decade."""

VIA_WEIGHTS: dict[str, float] = {
    "text": 34,
    "call": 16,
    "message": 14,
    "meme": 11,
    "voice": 8,
    "visit": 6,
    "video": 5,
    "letter": 2,
    "other": 1.5,
}
"""How often each way of reaching out is used: mostly texts, now and then a letter."""

_FIRST_NAMES: tuple[str, ...] = (
    "Sam", "Ana", "Jonas", "Priya", "Tom", "Leila", "Marek", "Ines", "Kofi", "Hannah",
    "Theo", "Mira", "Dev", "Lucia", "Ben", "Noor", "Felix", "Ruth", "Omar", "Clara",
    "Jake", "Yuki", "Elif", "Dan", "Sofia", "Rafael", "Grace", "Niall", "Amara", "Pete",
    "Lena", "Tariq", "Joanna", "Luca", "Freya", "Kwame", "Isla", "Mateo", "Rosa", "Ivan",
    "Beth", "Hugo", "Zainab", "Olek", "Maya", "Chris", "Aoife", "Bilal", "Nina", "Robin",
    "Esther", "Caleb", "Wren", "Tobias", "Ada", "Malik", "Jess", "Arjun", "Greta", "Sean",
    "Fatima", "Milo", "Hana", "Emil", "Chloe", "Joe", "Layla", "Finn", "Vera", "Ravi",
    "Kate", "Nico", "Selin", "Paul", "Imogen", "Sami", "Ellie", "Anton", "Bea", "Max",
    "Zoe", "Karim", "Iris", "Will", "Dara", "Oskar", "Meg", "Tunde", "Alice", "Jon",
    "Lotte", "Ali", "Nell", "Marco", "Tess", "Reza", "Holly", "Stefan", "June", "Adam",
    "Eva", "Kieran", "Lina", "Gabe", "Rhea", "Jules", "Sadie", "Youssef", "Poppy", "Lars",
    "Nadia", "Ollie", "Rin", "Frank", "Mina", "Tariq B", "Cora", "Ezra", "Dina", "Rory",
    "Leo", "Alma", "Pia", "Kai", "Martha", "Idris", "Fern", "Viktor", "Agnes", "Sunny",
    "Harriet", "Mo", "Ilse", "Jamal", "Maud", "Eli", "Tilly", "Ronan", "Suki", "Bram",
    "Olive", "Nate", "Edie", "Aziz", "Josie", "Klaus", "Mae", "Femi", "Ottilie", "Ray",
)  # fmt: skip

_FAMILY: tuple[tuple[str, str], ...] = (
    ("Mum", "calls on Sundays if I don't"),
    ("Dad", "better on the phone than in texts"),
    ("Gran", "likes letters more than anything with a screen"),
)
"""A few people who are family by role rather than by name."""

_PERSON_NOTES: tuple[str, ...] = (
    "my sister",
    "my brother",
    "cousin, lives up north",
    "old school friend, we lost touch for years",
    "from the Tuesday choir",
    "neighbour, the flat downstairs",
    "works two desks over",
    "met at the climbing wall",
    "from the book club",
    "used to flat-share at uni",
    "walks her dog past the bakery every morning",
    "the friend who always remembers birthdays",
    "from the allotment",
    "we met on the night bus once and kept talking",
    "my therapist suggested I keep in touch",
    "ex-colleague, still good for a laugh",
    "runs the Saturday repair cafe",
    "friend of Sam's, kind and quiet",
    "from the pottery class",
    "godmother",
)
"""Short notes a person might keep about someone."""

_REACH_NOTES: dict[str, tuple[str, ...]] = {
    "text": (
        "just said I was thinking of them",
        "asked how the interview went",
        "sent a photo of the sunset from the bridge",
        "replied to the message I'd been sitting on for a week",
        "happy birthday, a day late but sent",
        "asked if they fancy a walk on Sunday",
    ),
    "call": (
        "twenty minutes, mostly laughing",
        "long one, felt lighter after",
        "only five minutes but I picked up",
        "they called back, I didn't let it ring out",
        "talked about nothing much, it was nice",
    ),
    "message": (
        "wrote back in the group chat instead of just reading",
        "shared the article we talked about",
        "said congratulations on the new job",
    ),
    "meme": (
        "the cat one, they'll get it",
        "they sent one back within a minute",
        "an old joke of ours",
    ),
    "voice": (
        "rambled a bit, that's fine",
        "easier than typing today",
        "sang them the chorus, badly",
    ),
    "visit": (
        "brought soup over",
        "tea in their garden",
        "helped them put up shelves",
        "stayed longer than I planned",
        "walked round the park together",
    ),
    "video": (
        "showed me the new flat",
        "the kids waved at me the whole time",
        "a bit awkward at first, then good",
    ),
    "letter": (
        "a proper letter, two pages",
        "a postcard from the coast",
        "birthday card with a note inside",
    ),
    "other": (
        "left a comment on their photo, a real one",
        "dropped a note through their door",
        "waved from across the street and crossed over",
    ),
}
"""Notes a person might add to a reach-out, by how they reached out."""

_HONEST_WORDS: dict[int, tuple[str, ...]] = {
    1: (
        "heavy day, stayed under the duvet",
        "everything feels far away",
        "didn't want to see anyone",
        "hard one, ate something at least",
        "couldn't make myself answer anyone",
        "the kind of tired sleep doesn't fix",
    ),
    2: (
        "flat and a bit lonely",
        "slept badly again",
        "worried about work, kept it to myself",
        "went quiet in the group chat",
        "low, but I went outside",
        "cancelled plans and regretted it",
    ),
    3: (
        "a mixed sort of day",
        "tired, not unhappy",
        "getting through it",
        "quiet, not lonely exactly",
        "some good bits, some heavy bits",
        "ordinary, which is fine by me",
    ),
    4: (
        "a good walk at lunch",
        "laughed properly today",
        "felt part of things at work",
        "lighter than last week",
        "said yes to something and enjoyed it",
        "calm evening, no dread",
    ),
    5: (
        "a really good day",
        "felt close to people",
        "slept well, saw friends, felt like me",
        "the best week in a long while",
        "happy, and I told someone so",
    ),
}
"""What an honest answer might say, by score."""

_REFLEX_WORDS: tuple[str, ...] = (
    "fine",
    "I'm fine",
    "ok",
    "all good",
    "fine, thanks",
    "not bad",
    "same as always",
    "good",
    "I'm okay",
    "can't complain",
)
"""Answers that go out on autopilot; every one of them is a reflex by ``is_reflex``."""

_BELONG: tuple[str, ...] = (
    "the barista remembered my order",
    "a neighbour waved from the window",
    "the bus driver waited while I ran for it",
    "someone held the door and smiled",
    "the man at the market saved me the last loaf",
    "a stranger laughed at the same thing I did",
    "the librarian asked how the book was",
    "kids on the street said hello",
    "the cashier asked about my day and meant it",
    "choir sounded good tonight, I was part of it",
    "the pharmacist knew my name",
    "my neighbour took in a parcel for me",
    "a dog walker stopped to chat",
    "someone at the allotment gave me courgettes",
    "the regulars at the cafe nodded at me",
    "helped someone with directions",
    "got a thumbs-up from the cyclist I let pass",
    "the postie said nice to see you",
    "sat in the park and people-watched, felt part of it",
    "the woman at the bakery asked where I'd been",
    "got chatting in the queue",
    "the team cheered when I came back to work",
    "someone complimented my scarf",
    "the bin men waved",
    "a colleague saved me a seat",
    "the corner shop owner asked after my mum",
    "shared an umbrella with a stranger",
    "the quiz team kept my spot",
    "the gym receptionist said good to see you",
    "someone let me go first at the till",
)
"""Small moments of everyday belonging."""

_LETIN: tuple[tuple[str, bool], ...] = (
    ("let them cook me dinner", True),
    ("said yes when they offered a lift home", True),
    ("told them I've been struggling", True),
    ("asked for help moving the sofa", True),
    ("let them sit with me without talking", True),
    ("accepted the offer to walk the dog with me", True),
    ("answered honestly when they asked how I was", True),
    ("let them drive me to the appointment", True),
    ("asked them to check in on me this week", True),
    ("cried in front of them and it was ok", True),
    ("let them pay for lunch without arguing", True),
    ("asked what they would do in my shoes", True),
    ("said I miss them", True),
    ("told them about the bad month", True),
    ("let them help me with the forms", True),
    ("asked the group chat for help with the move", False),
    ("told my manager I needed a lighter week", False),
    ("accepted a neighbour's offer to water the plants", False),
    ("went to the support group and spoke", False),
    ("said yes to the invitation instead of making an excuse", False),
    ("let a friend of a friend show me around", False),
    ("asked for a hug", True),
    ("stayed on the call when I wanted to hang up", True),
    ("shared the thing I usually keep to myself", True),
)
"""Times the person let someone in; ``True`` means a name usually goes with it."""


@dataclass(slots=True)
class _Cast:
    """Everyone in the story with how often they come up and from which day."""

    people: list[Person]
    joins: list[int]
    """For each person (sorted by this), the day index they come back into the picture."""
    cumulative: list[float]
    """Running total of closeness weights, in the same order, for weighted choice."""

    def pick(self, rng: random.Random, day_index: int) -> str:
        """A weighted choice among the people already in the picture on ``day_index``."""
        known = max(1, bisect.bisect_right(self.joins, day_index))
        ticket = rng.random() * self.cumulative[known - 1]
        return self.people[bisect.bisect_right(self.cumulative, ticket, 0, known - 1)].name


def generate(
    end: datetime, years: float = 1, seed: int = 7, people: int = 25
) -> tuple[list[Person], list[Entry]]:
    """Generate a believable history ending at ``end``.

    Args:
        end: the last moment; no entry is later. Must be timezone-aware.
        years: how far back the history goes (0.5 is half a year).
        seed: the same seed (and end) always gives the same records.
        people: how many people; about 25 suits a year, 150 a decade.

    Returns:
        The people (in the order they came into the story) and the entries, oldest first.
    """
    if end.tzinfo is None:
        raise ValueError("generate needs an aware end moment")
    if years <= 0:
        raise ValueError("years must be positive")
    if people < 1:
        raise ValueError("there must be at least one person")
    rng = random.Random(seed)
    days = max(1, round(years * 365.25))
    last_day = logical_day(end)
    first_day = last_day - timedelta(days=days - 1)
    cast = _make_cast(rng, people, days)
    ids: set[str] = set()
    entries: list[Entry] = []

    def new_id() -> str:
        while True:
            ident = f"{rng.getrandbits(48):012x}"
            if ident not in ids:
                ids.add(ident)
                return ident

    vias = list(VIA_WEIGHTS)
    via_cumulative = _running_total(VIA_WEIGHTS.values())
    mood = 2.6
    stretch, stretch_left = 0.0, 0
    gap_left = 0
    trip_left, trip_offset = 0, HOME
    for index in range(days):
        day = first_day + timedelta(days=index)
        progress = index / max(1, days - 1)

        # Mood: pulled toward a baseline that rises over the years, pushed around by
        # stretches of lower and better weeks and by day-to-day noise.
        if stretch_left <= 0:
            roll = rng.random()
            if roll < 0.30:
                stretch, stretch_left = -0.9 * (1 - 0.4 * progress), rng.randint(5, 25)
            elif roll < 0.55:
                stretch, stretch_left = 0.6, rng.randint(7, 30)
            else:
                stretch, stretch_left = 0.0, rng.randint(10, 40)
        stretch_left -= 1
        baseline = 2.5 + 1.1 * progress + stretch
        mood += 0.25 * (baseline - mood) + rng.gauss(0, 0.3)
        mood = min(5.4, max(0.6, mood))

        if trip_left <= 0 and rng.random() < 2 / 365:
            trip_left, trip_offset = rng.randint(3, 9), rng.choice(TRIP_OFFSETS)
        offset = trip_offset if trip_left > 0 else HOME
        trip_left -= 1

        # Quiet gaps: nothing logged for a few days, more often early on and when low.
        if gap_left > 0:
            gap_left -= 1
            continue
        if index > 0 and rng.random() < (0.035 - 0.02 * progress) * (1.6 if mood < 2.2 else 1):
            gap_left = rng.randint(1, 5)
            continue

        at: _AtFn = partial(_moment, rng, day, offset)

        rest = rng.random() < 0.03 + (0.04 if mood < 2 else 0)
        activity = (0.55 + 0.7 * progress) * (0.55 + 0.15 * mood) * (0.35 if rest else 1)
        today: list[Entry] = []
        if rest:
            today.append(Entry(id=new_id(), kind="rest", at=at(8, 12)))

        for _ in range(_poisson(rng, 10.5 * activity)):
            via = vias[bisect.bisect_right(via_cumulative, rng.random() * via_cumulative[-1])]
            note = None
            if rng.random() < 0.16:
                note = rng.choice(_REACH_NOTES[via])
            today.append(
                Entry(
                    id=new_id(),
                    kind="reach",
                    at=_reach_time(rng, at),
                    who=cast.pick(rng, index),
                    via=via,
                    note=note,
                )
            )

        for answer in range(2 if rng.random() < 0.12 else 1):
            if answer == 0 and rng.random() > 0.9 - 0.1 * rest:
                break
            score = min(5, max(1, round(mood + rng.gauss(0, 0.45))))
            roll = rng.random()
            reflex_odds = 0.22 - 0.14 * progress + (0.06 if score <= 2 else 0)
            if roll < reflex_odds:
                words: str | None = rng.choice(_REFLEX_WORDS)
            elif roll < reflex_odds + 0.5:
                words = rng.choice(_HONEST_WORDS[score])
            else:
                words = None
            when = at(24, 26.5) if rng.random() < 0.08 else at(19, 24)
            if answer == 1:
                when = at(7.5, 12)
            today.append(
                Entry(
                    id=new_id(),
                    kind="honest",
                    at=when,
                    score=score,
                    text=words,
                    reflex=is_reflex(words),
                )
            )

        for _ in range(_poisson(rng, 3.6 * activity)):
            today.append(
                Entry(id=new_id(), kind="belong", at=at(7.5, 21), text=rng.choice(_BELONG))
            )

        for _ in range(_poisson(rng, 1.85 * activity)):
            text, named = rng.choice(_LETIN)
            who = cast.pick(rng, index) if named or rng.random() < 0.2 else None
            today.append(Entry(id=new_id(), kind="letin", at=at(10, 22.5), text=text, who=who))

        entries.extend(e for e in today if e.at <= end)

    entries.sort(key=lambda e: (e.at, e.id))
    return cast.people, entries


def default_people(years: float) -> int:
    """How many people suit a history of ``years``: 25 for a year, 150 for a decade."""
    return max(5, round(25 + (years - 1) * 125 / 9))


def write_demo_file(
    path: Path, clock: Clock, years: float = 1, seed: int = 7, people: int | None = None
) -> None:
    """Write a demo history ending at ``clock.now()`` into a new data file at ``path``.

    Everything goes through :meth:`Store.import_records`: one transaction, one write.

    Raises:
        FileExistsError: ``path`` is already there; the demo never overwrites real data.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists; the demo only writes new files.")
    cast, entries = generate(
        clock.now(), years=years, seed=seed, people=people or default_people(years)
    )
    with Store(path, clock) as store:
        store.import_records(cast, entries)


DEMO_PREFIX = "leanon-demo-"
"""How the private temporary folders of ``leanon --demo`` are named (then the pid)."""


def make_demo_folder() -> Path:
    """A new private (0700) temporary folder for a demo, named after this process.

    Folders that earlier demos left behind (killed before they could clean up) are removed
    first: those of this user whose process is gone.
    """
    import os
    import tempfile

    remove_stale_demo_folders(Path(tempfile.gettempdir()))
    return Path(tempfile.mkdtemp(prefix=f"{DEMO_PREFIX}{os.getpid()}-"))


def remove_stale_demo_folders(parent: Path) -> None:
    """Remove ``leanon-demo-PID-*`` folders in ``parent`` that are ours and whose PID is gone.

    Only real folders (never a link) that belong to this user, so nothing of anyone else's
    is touched in a shared temporary folder.
    """
    import os
    import shutil
    import stat

    from storage.filesafe import process_running

    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        pid_text = name[len(DEMO_PREFIX) :].partition("-")[0]
        if not name.startswith(DEMO_PREFIX) or not pid_text.isdigit():
            continue
        folder = parent / name
        try:
            st = os.lstat(folder)
        except OSError:
            continue
        mine = not hasattr(os, "geteuid") or st.st_uid == os.geteuid()
        if stat.S_ISDIR(st.st_mode) and mine and not process_running(int(pid_text)):
            shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------- helpers


def _make_cast(rng: random.Random, count: int, days: int) -> _Cast:
    """The people, how close each is, and when each comes back into the picture."""
    names: list[str] = []
    notes: list[str | None] = []
    for role, about in _FAMILY[: max(0, min(len(_FAMILY), count - 2))]:
        names.append(role)
        notes.append(about)
    pool = list(_FIRST_NAMES)
    rng.shuffle(pool)
    initials = "ABCDEFGHJKLMNPRSTW"
    round_ = 0
    while len(names) < count:
        for first in pool:
            if len(names) >= count:
                break
            name = first if round_ == 0 else f"{first} {initials[(round_ - 1) % len(initials)]}."
            if name.casefold() in (n.casefold() for n in names):
                continue
            names.append(name)
            notes.append(rng.choice(_PERSON_NOTES) if rng.random() < 0.3 else None)
        round_ += 1

    # Circles of closeness: a few weekly, trusted people; close friends every week or two;
    # friends every fortnight or month; and a wide circle with no rhythm at all.
    inner = min(count, max(3, round(0.06 * count)))
    close = inner + max(2, round(0.10 * count))
    friends = close + max(3, round(0.24 * count))
    close_cadences: tuple[int | None, ...] = (14, 7, None, 14)
    friend_cadences: tuple[int | None, ...] = (30, None, 14, 30, None)
    ranked: list[tuple[int, Person, float]] = []
    for rank, (name, note) in enumerate(zip(names, notes, strict=True)):
        if rank < inner:
            person = Person(name, cadence_days=7, trusted=True, note=note)
            weight, join = 10.0, 0
        elif rank < close:
            cadence = close_cadences[(rank - inner) % len(close_cadences)]
            person = Person(name, cadence_days=cadence, trusted=rng.random() < 0.6, note=note)
            weight, join = 5.0, rng.randrange(0, max(1, days // 6))
        elif rank < friends:
            cadence = friend_cadences[(rank - close) % len(friend_cadences)]
            person = Person(name, cadence_days=cadence, trusted=rng.random() < 0.1, note=note)
            weight, join = 2.0, rng.randrange(0, max(1, days // 2))
        else:
            cadence = 30 if rng.random() < 0.1 else None
            person = Person(name, cadence_days=cadence, note=note)
            weight, join = 0.5 + rng.random(), rng.randrange(0, days)
        ranked.append((join, person, weight))
    ranked.sort(key=lambda r: r[0])
    return _Cast(
        people=[p for _, p, _ in ranked],
        joins=[j for j, _, _ in ranked],
        cumulative=_running_total(w for _, _, w in ranked),
    )


def _running_total(weights: Iterable[float]) -> list[float]:
    """Cumulative weights, for a weighted choice with ``bisect``."""
    total = 0.0
    out: list[float] = []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _moment(rng: random.Random, day: date, offset: timezone, lo: float, hi: float) -> datetime:
    """A moment between ``lo`` and ``hi`` hours after ``day``'s local midnight.

    Hours past 24 are after midnight but still count for ``day``, as long as they are before
    the 04:00 start of the next logical day.
    """
    minutes = rng.randrange(round(lo * 60), round(hi * 60))
    midnight = datetime(day.year, day.month, day.day, tzinfo=offset)
    return midnight + timedelta(minutes=minutes, seconds=rng.randrange(60))


def _reach_time(rng: random.Random, at: _AtFn) -> datetime:
    """Reach-outs happen through the waking day, and sometimes after midnight."""
    roll = rng.random()
    if roll < 0.04:
        return at(24, 26)
    if roll < 0.3:
        return at(8, 12.5)
    if roll < 0.6:
        return at(12.5, 18)
    return at(18, 24)


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count (Knuth's method; the means here are small)."""
    if mean <= 0:
        return 0
    limit = math.exp(-mean)
    count, product = 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
