"""Sign-in rules (issue 10 point 6): what a password must be, and how failed sign-ins make a name wait.

Personal data law asks that access to people's records be protected; these are the program's own
rules, not from the seeds.
"""

from __future__ import annotations

import datetime as dt

from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.i18n import M

MIN_PASSWORD = 8
#: failed sign-ins for one user name before it has to wait, and how long
MAX_FAILURES = 5
WAIT = dt.timedelta(minutes=5)
#: failures further apart than this start counting again
FAILURE_WINDOW = dt.timedelta(minutes=15)

#: the passwords tried first by anyone guessing: the commonest of the leaked lists, what the Russian
#: and Kazakh keyboard rows give (йцукен = qwerty typed in the other layout), and the program's own words
COMMON_PASSWORDS = frozenset("""
123456 1234567 12345678 123456789 1234567890 12345678910 0123456789 987654321 9876543210 11111111 111111111
00000000 000000000 12341234 12121212 11223344 123123123 123321123 123454321 147258369 159753123 1q2w3e4r
1q2w3e4r5t 1qaz2wsx qwertyui qwertyuiop qwerty123 qwerty12 qwe12345 asdfghjk asdfghjkl zxcvbnm1 zxcvbnma
password password1 password12 password123 passw0rd p@ssw0rd p@ssword iloveyou princess sunshine football
baseball superman welcome1 welcome123 letmein1 monkey12 dragon12 master12 trustno1 abcd1234 abc12345
abcdefgh admin123 administrator qazwsxedc 1qazxsw2 aa123456 a1234567 q1w2e3r4 q1w2e3r4t5 zaq12wsx
йцукенгш йцукенгшщз йцукен123 фывапрол фывапролдж пароль12 пароль123 парольпароль qwertyйцукен
qamqor qamqor12 qamqor123 қамқор қамқор12 камкор камкор12 kazakhstan qazaqstan казахстан қазақстан
astana2024 astana2025 astana2026 almaty2024 almaty2025 almaty2026
""".split())


def check_password(password: str | None, username: str | None, field: str = "password") -> str:
    """At least 8 characters, not the user name (in any letter case), not a common password."""
    text = password or ""
    label = field_label(field)
    if len(text) < MIN_PASSWORD:
        raise DomainError(M("{field}: use at least {n} characters.", field=label, n=MIN_PASSWORD), field)
    folded = text.casefold()
    if username and folded in {username.strip().casefold(), username.strip().casefold()[::-1]}:
        raise DomainError(M("{field}: the password may not be the user name; choose another.", field=label), field)
    if folded in COMMON_PASSWORDS or len(set(folded)) <= 2:
        raise DomainError(M("{field}: this password is among the first ones anyone guessing tries; "
                            "choose one that is not a word or a row of keys.", field=label), field)
    return text


def after_failure(failures: int, last_at: dt.datetime | None, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """The failure count and the time to wait until after one more failed sign-in."""
    count = failures + 1 if last_at is not None and now - last_at <= FAILURE_WINDOW else 1
    if count >= MAX_FAILURES:
        return 0, now + WAIT
    return count, None

