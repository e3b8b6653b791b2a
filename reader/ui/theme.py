"""Light and dark appearance: the application palette and style sheet (resources/styles),
the reading view's colours, and the fonts (CJK families with fallbacks)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
STYLES_DIR = RESOURCES / "styles"

#: Reading text: a Song/Ming serif, as printed regulations use.
SERIF_FAMILIES = ["Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun",
                  "Noto Serif CJK", "AR PL UMing CN", "serif"]
#: Headings and the interface: a Hei (sans) face.
SANS_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
                 "SimHei", "WenQuanYi Micro Hei", "Noto Sans CJK", "sans-serif"]


@dataclass(frozen=True)
class Colors:
    """Colours of the reading view (the rest of the window follows the QPalette)."""

    paper: str
    ink: str
    muted: str
    heading: str
    label: str
    rule: str
    hit: str
    hit_current: str
    flash: str
    box: str


LIGHT = Colors(paper="#fbfaf7", ink="#1e1f22", muted="#6c7079", heading="#1d3557",
               label="#8f1d21", rule="#d8d2c4", hit="#ffe27a", hit_current="#ff9d3b",
               flash="#dfe9f7", box="#f2efe7")
DARK = Colors(paper="#1d2025", ink="#d9dce1", muted="#8d939c", heading="#a9c7ef",
              label="#eea37f", rule="#3b4049", hit="#6f5b17", hit_current="#b5611c",
              flash="#2a3a55", box="#252930")


def colors(theme: str) -> Colors:
    return DARK if theme == "dark" else LIGHT


def _available(families: list[str]) -> list[str]:
    """Installed families first (in order of preference); the generic name last."""
    installed = set(QFontDatabase.families())
    found = [f for f in families if f in installed]
    return found + [families[-1]]


def reading_font(point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(_available(SERIF_FAMILIES))
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


def heading_families() -> list[str]:
    return _available(SANS_FAMILIES)


def ui_font(base: QFont) -> QFont:
    font = QFont(base)
    families = _available(SANS_FAMILIES)
    if len(families) > 1:  # a CJK sans is installed: prefer it to the platform default
        font.setFamilies(families[:-1] + [base.family()])
    return font


def _palette(theme: str) -> QPalette:
    pal = QPalette()
    if theme == "dark":
        roles = {
            QPalette.ColorRole.Window: "#23272e", QPalette.ColorRole.WindowText: "#d9dce1",
            QPalette.ColorRole.Base: "#1d2025", QPalette.ColorRole.AlternateBase: "#262a31",
            QPalette.ColorRole.Text: "#d9dce1", QPalette.ColorRole.Button: "#2b3038",
            QPalette.ColorRole.ButtonText: "#d9dce1", QPalette.ColorRole.Highlight: "#3d6fb6",
            QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2b3038",
            QPalette.ColorRole.ToolTipText: "#e6e8eb", QPalette.ColorRole.PlaceholderText: "#7d838c",
            QPalette.ColorRole.Link: "#8fb8f0", QPalette.ColorRole.Mid: "#3b4049",
            QPalette.ColorRole.Dark: "#15171b", QPalette.ColorRole.Light: "#3a3f48",
            QPalette.ColorRole.BrightText: "#ffffff",
        }
    else:
        roles = {
            QPalette.ColorRole.Window: "#f3f3f1", QPalette.ColorRole.WindowText: "#1e1f22",
            QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f7f6f3",
            QPalette.ColorRole.Text: "#1e1f22", QPalette.ColorRole.Button: "#f6f6f4",
            QPalette.ColorRole.ButtonText: "#1e1f22", QPalette.ColorRole.Highlight: "#2f6fc4",
            QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#fffdf3",
            QPalette.ColorRole.ToolTipText: "#1e1f22", QPalette.ColorRole.PlaceholderText: "#8a8f98",
            QPalette.ColorRole.Link: "#1f5fb0", QPalette.ColorRole.Mid: "#c9c9c4",
            QPalette.ColorRole.Dark: "#a0a09b", QPalette.ColorRole.Light: "#ffffff",
            QPalette.ColorRole.BrightText: "#000000",
        }
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d838c" if theme == "dark" else "#a3a7ad"))
    return pal


def style_sheet(theme: str) -> str:
    path = STYLES_DIR / f"{'dark' if theme == 'dark' else 'light'}.qss"
    try:
        return path.read_text(encoding="utf-8").replace("@ICONS@", (RESOURCES / "icons").as_posix())
    except OSError:
        return ""


def apply(app: QApplication, theme: str) -> None:
    """Fusion style (the same on every platform), the theme's palette and style sheet."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(_palette(theme))
    app.setStyleSheet(style_sheet(theme))
