"""Interface language: Chinese (the source strings) by default, English by Qt translation.

The interface strings are written in Chinese in ``self.tr()`` calls; resources/i18n/
regreader_en.ts holds their English translations and regreader_en.qm is what Qt loads.
After changing strings::

    pyside6-lupdate reader/ui/*.py -ts resources/i18n/regreader_en.ts
    (translate the new entries, e.g. in Qt Linguist)
    pyside6-lrelease resources/i18n/regreader_en.ts -qm resources/i18n/regreader_en.qm
"""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from reader.ui.theme import RESOURCES

I18N_DIR = RESOURCES / "i18n"
_installed: list[QTranslator] = []


def install(app: QApplication, language: str) -> bool:
    """Switch the application's translators; True if the language's catalogue loaded.

    Installing or removing a translator sends every widget a LanguageChange event, which
    the window answers by setting its texts again.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ok = True
    if language == "en":
        ours = QTranslator(app)
        ok = ours.load(str(I18N_DIR / "regreader_en.qm"))
        if ok:
            _installed.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        qt = QTranslator(app)  # Qt's own strings (standard buttons, dialogs) in Chinese
        if qt.load("qtbase_zh_CN", qt_dir) or qt.load("qt_zh_CN", qt_dir):
            _installed.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    for translator in _installed:
        app.installTranslator(translator)
    return ok
