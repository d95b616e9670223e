"""The commune's profile: who we are, who signs, which officer is at the keyboard."""
from __future__ import annotations

import re
import unicodedata

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.model import CommuneProfile
from cchc_desktop.services.audit import UPDATE, diff
from cchc_desktop.text import strip_controls

_PREFIX = "profile."
REQUIRED = {"commune": "Tên xã", "province": "Tỉnh", "place": "Địa danh ghi ngày tháng",
            "officer": "Cán bộ sử dụng"}

_COMMUNE_WORD = re.compile(r"^\s*xã\s+", re.IGNORECASE)


def commune_name(text: str) -> str:
    """The commune's own name: "Xã Vĩnh Lộc" is kept as "Vĩnh Lộc", since every heading, title and issuer
    says "xã …" itself ("Ủy ban nhân dân xã Xã Vĩnh Lộc" otherwise)."""
    return _COMMUNE_WORD.sub("", unicodedata.normalize("NFC", text or "")).strip()


class ProfileService:
    def __init__(self, session):
        self.session = session
        self._cache: CommuneProfile | None = None

    def get(self) -> CommuneProfile:
        if self._cache is None:
            rows = self.session.rows("SELECT key, value FROM settings WHERE key LIKE 'profile.%'")
            values = {row["key"][len(_PREFIX):]: row["value"] for row in rows}
            profile = CommuneProfile()
            for name in CommuneProfile.FIELDS:
                if name in values:
                    setattr(profile, name, values[name])
            profile.commune = commune_name(profile.commune)     # as saved before the word was taken off
            self._cache = profile
        return self._cache

    def invalidate(self) -> None:
        """Forget the cached profile (another thread's session may have saved a new one)."""
        self._cache = None

    def officer_name(self) -> str:
        return self.get().officer or tr("(chưa đặt tên cán bộ)")

    def save(self, profile: CommuneProfile) -> None:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        profile.commune = commune_name(profile.commune)
        for name, label in REQUIRED.items():
            if not getattr(profile, name).strip():
                raise ValidationError(tr("Chưa nhập “{label}”.", label=tr(label)),
                                      tr("Hãy điền mục này rồi lưu lại."), field=name)
        if not profile.issuer.strip():
            profile.issuer = tr("Ủy ban nhân dân xã {commune}", commune=profile.commune)
        old = self.get()
        new_values = {name: strip_controls(getattr(profile, name)).strip() for name in CommuneProfile.FIELDS}
        changes = diff({n: getattr(old, n) for n in CommuneProfile.FIELDS}, new_values)
        with self.session.transaction() as conn:
            conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                             [(_PREFIX + k, v) for k, v in new_values.items()])
            self._cache = None
            if changes:
                self.session.audit.record("profile", None, UPDATE, changes)
        self._cache = None

    def setting(self, key: str, default: str = "") -> str:
        row = self.session.one("SELECT value FROM settings WHERE key = ?", (key,))
        return row["value"] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.session.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
