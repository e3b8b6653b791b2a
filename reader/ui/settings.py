"""Persisted user settings (QSettings, INI format): window geometry and dock layout, last
document and position, font size, light/dark theme, interface language, panel choices.

``REGREADER_SETTINGS`` names an INI file to use instead of the per-user one (tests and
screenshots use it so they never touch the user's settings).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ENV_SETTINGS = "REGREADER_SETTINGS"
DEFAULT_FONT_SIZE = 14.0
MIN_FONT_SIZE, MAX_FONT_SIZE = 9.0, 36.0
THEMES = ("light", "dark")
LANGUAGES = ("zh", "en")


class Settings:
    def __init__(self, path: str | Path | None = None) -> None:
        path = path if path is not None else os.environ.get(ENV_SETTINGS)
        if path:
            self.q = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self.q = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                               "RegReader", "RegReader")

    def _get(self, key: str, default: Any, kind: type) -> Any:
        value = self.q.value(key, default)
        if value is None:
            return default
        try:
            if kind is bool and isinstance(value, str):
                return value.lower() in ("1", "true", "yes")
            return kind(value)
        except (TypeError, ValueError):
            return default

    # window ----------------------------------------------------------------------------

    @property
    def geometry(self) -> QByteArray | None:
        value = self.q.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self.q.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.q.setValue("window/state", value)

    # reading ---------------------------------------------------------------------------

    @property
    def last_document(self) -> str:
        return self._get("reading/document", "", str)

    @last_document.setter
    def last_document(self, value: str) -> None:
        self.q.setValue("reading/document", value or "")

    @property
    def last_node(self) -> str:
        return self._get("reading/node", "", str)

    @last_node.setter
    def last_node(self, value: str) -> None:
        self.q.setValue("reading/node", value or "")

    @property
    def font_size(self) -> float:
        size = self._get("reading/font_size", DEFAULT_FONT_SIZE, float)
        return min(MAX_FONT_SIZE, max(MIN_FONT_SIZE, size))

    @font_size.setter
    def font_size(self, value: float) -> None:
        self.q.setValue("reading/font_size", float(value))

    @property
    def theme(self) -> str:
        value = self._get("appearance/theme", "light", str)
        return value if value in THEMES else "light"

    @theme.setter
    def theme(self, value: str) -> None:
        self.q.setValue("appearance/theme", value if value in THEMES else "light")

    @property
    def language(self) -> str:
        value = self._get("appearance/language", "zh", str)
        return value if value in LANGUAGES else "zh"

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("appearance/language", value if value in LANGUAGES else "zh")

    # panels ----------------------------------------------------------------------------

    @property
    def library_grouping(self) -> str:
        return self._get("library/group_by", "kind", str)

    @library_grouping.setter
    def library_grouping(self, value: str) -> None:
        self.q.setValue("library/group_by", value)

    @property
    def search_scope(self) -> str:
        return self._get("search/scope", "library", str)

    @search_scope.setter
    def search_scope(self, value: str) -> None:
        self.q.setValue("search/scope", value)

    # annotations -----------------------------------------------------------------------

    @property
    def author(self) -> str:
        """The name written on new annotations (default: the login name)."""
        value = self.q.value("annotations/author")
        if value is None:
            from reader.core.annotations import default_author

            return default_author()
        return str(value)

    @author.setter
    def author(self, value: str) -> None:
        self.q.setValue("annotations/author", (value or "").strip())

    @property
    def last_category(self) -> str:
        return self._get("annotations/category", "", str)

    @last_category.setter
    def last_category(self, value: str) -> None:
        self.q.setValue("annotations/category", value or "")

    @property
    def annotations_scope(self) -> str:
        value = self._get("annotations/scope", "document", str)
        return value if value in ("document", "library") else "document"

    @annotations_scope.setter
    def annotations_scope(self, value: str) -> None:
        self.q.setValue("annotations/scope", value)

    def sync(self) -> None:
        self.q.sync()
