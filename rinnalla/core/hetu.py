"""Finnish personal identity code (henkilötunnus, HETU).

Format ``DDMMYYCZZZQ``: birth date, century sign, individual number and check
character. Century signs per the 2023 reform: ``+`` 1800s; ``-`` and ``Y X W V U``
1900s; ``A B C D E F`` 2000s. Individual numbers 002–899 are permanent, 900–999
temporary codes.
"""

import datetime
import re
from dataclasses import dataclass

CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}
CENTURY.update(dict.fromkeys("ABCDEF", 2000))
_PATTERN = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])$")


class InvalidHetu(ValueError):
    """The code is not a valid henkilötunnus; ``reason`` is a stable machine code."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Hetu:
    code: str
    birth_date: datetime.date
    individual_number: int

    @property
    def is_temporary(self) -> bool:
        return self.individual_number >= 900

    @property
    def masked(self) -> str:
        return mask(self.code)


def normalise(raw: str) -> str:
    return (raw or "").strip().upper()


def check_char(digits: str) -> str:
    return CHECK_CHARS[int(digits) % 31]


def parse(raw: str) -> Hetu:
    """Return the parsed code or raise :class:`InvalidHetu` saying what is wrong."""
    code = normalise(raw)
    match = _PATTERN.match(code)
    if not match:
        raise InvalidHetu("format")
    day, month, year, sign, individual, check = match.groups()
    try:
        birth_date = datetime.date(CENTURY[sign] + int(year), int(month), int(day))
    except ValueError as exc:
        raise InvalidHetu("date") from exc
    number = int(individual)
    if number < 2:
        raise InvalidHetu("individual_number")
    if check_char(day + month + year + individual) != check:
        raise InvalidHetu("checksum")
    return Hetu(code=code, birth_date=birth_date, individual_number=number)


def is_valid(raw: str) -> bool:
    try:
        parse(raw)
    except InvalidHetu:
        return False
    return True


def mask(code: str) -> str:
    """``131052-308T`` → ``131052-****``: the birth date stays readable in lists."""
    code = normalise(code)
    return code[:7] + "****" if len(code) == 11 else "****"


def build(birth_date: datetime.date, individual_number: int, sign: str | None = None) -> str:
    """Compose a valid code (used by the demo and synthetic data and by tests)."""
    if sign is None:
        sign = {1800: "+", 1900: "-", 2000: "A"}[birth_date.year // 100 * 100]
    digits = f"{birth_date:%d%m}{birth_date.year % 100:02d}{individual_number:03d}"
    return f"{digits[:6]}{sign}{digits[6:]}{check_char(digits)}"
