# What the lesson has the learner do before these samples run: save passwords.py and tokens.py (the
# lesson's first and third samples, copied here) next to them, and put a random key in TOKEN_SECRET.
import os
import pathlib
import secrets

os.environ["TOKEN_SECRET"] = secrets.token_hex(32)

pathlib.Path("passwords.py").write_text('''from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError

hasher = PasswordHasher()  # argon2id; each hash records its own salt and cost settings


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(password: str, stored: str) -> bool:
    try:
        return hasher.verify(stored, password)  # the stored hash comes first
    except VerifyMismatchError:
        return False


if __name__ == "__main__":
    stored = hash_password("correct horse")
    print(stored[:31])
    print(stored == hash_password("correct horse"))
    print(verify_password("correct horse", stored), verify_password("Correct horse", stored))
    older = PasswordHasher(time_cost=2).hash("correct horse")
    print(hasher.check_needs_rehash(stored), hasher.check_needs_rehash(older))
''')

pathlib.Path("tokens.py").write_text('''from datetime import datetime, timedelta, timezone

import jwt
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    token_secret: str  # read from the TOKEN_SECRET environment variable


settings = Settings()
ALGORITHM = "HS256"


def issue_token(username: str, lifetime: timedelta = timedelta(minutes=15)) -> str:
    expires = datetime.now(timezone.utc) + lifetime
    claims = {"sub": username, "exp": expires}
    return jwt.encode(claims, settings.token_secret, algorithm=ALGORITHM)


def read_subject(token: str) -> str:
    """The token's username; raises jwt.InvalidTokenError if the token is not valid."""
    claims = jwt.decode(
        token,
        settings.token_secret,
        algorithms=[ALGORITHM],  # pinned here, never read from the token
        options={"require": ["exp", "sub"]},
    )
    return claims["sub"]


if __name__ == "__main__":
    print(read_subject(issue_token("grace")))
    later = datetime.now(timezone.utc) + timedelta(minutes=15)
    bad_tokens = {
        "expired": issue_token("grace", timedelta(seconds=-30)),
        "other key": jwt.encode({"sub": "grace", "exp": later}, "k" * 32, algorithm="HS256"),
        "alg none": jwt.encode({"sub": "admin", "exp": later}, None, algorithm="none"),
        "no exp": jwt.encode({"sub": "grace"}, settings.token_secret, algorithm="HS256"),
    }
    for label, token in bad_tokens.items():
        try:
            read_subject(token)
        except jwt.InvalidTokenError as error:
            print(f"{label}: {type(error).__name__}: {error}")
''')
