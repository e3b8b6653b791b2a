"""The window's commands: actions with shortcuts, icons, texts and tips; the menus and the
toolbar that show them.  Every action is added to the window, so its shortcut works
wherever the keyboard focus is."""
from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QSizePolicy, QToolBar, QWidget

from reader.ui.icons import icon


class WindowActions(QObject):
    def __init__(self, window) -> None:  # noqa: ANN001 - the MainWindow (built up to its docks)
        super().__init__(window)
        self.window = window
        self._build(window)
        self._menus(window)
        self._toolbar(window)

    def _action(self, name: str, slot, keys=None, icon_name: str | None = None,
                checkable: bool = False) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name, self.window.settings.theme))
            action.setProperty("iconName", icon_name)
        if keys:
            sequences: list[QKeySequence] = []
            for k in keys if isinstance(keys, list) else [keys]:
                seq = QKeySequence(k)
                if not seq.isEmpty() and seq not in sequences:  # a repeat would be ambiguous
                    sequences.append(seq)
            action.setShortcuts(sequences)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts work wherever the focus is in the window
        return action

    def _build(self, w) -> None:  # noqa: ANN001 - the MainWindow
        a = self._action
        K = QKeySequence.StandardKey
        self.import_ = a("actImport", w.import_dialog, K.Open, "import")
        self.remove = a("actRemove", w._remove_selected, None, "remove")
        self.quit = a("actQuit", w.close, K.Quit)
        self.copy = a("actCopy", w.view.copy, None, "copy")
        self.copy.setShortcut(K.Copy)
        self.copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the view owns Ctrl+C
        self.copy_plain = a("actCopyPlain", w.view.copy_plain, "Ctrl+Shift+C")
        self.copy_article = a("actCopyArticle", lambda: w.view.copy_article(), "Ctrl+Alt+C")
        self.find = a("actFind", w.show_find, K.Find, "find")
        self.find_next = a("actFindNext", w.next_occurrence, [QKeySequence(K.FindNext), "F3"])
        self.find_prev = a("actFindPrev", w.previous_occurrence,
                           [QKeySequence(K.FindPrevious), "Shift+F3"])
        self.search = a("actSearch", w.show_search, "Ctrl+Shift+F", "search")
        self.goto = a("actGoto", w.goto_dialog, "Ctrl+G", "goto")
        self.back = a("actBack", w.go_back, ["Alt+Left", QKeySequence(K.Back)], "back")
        self.forward = a("actForward", w.go_forward, ["Alt+Right", QKeySequence(K.Forward)], "forward")
        self.zoom_in = a("actZoomIn", w.view.zoom_in_text, ["Ctrl+=", "Ctrl++", QKeySequence(K.ZoomIn)], "zoom_in")
        self.zoom_out = a("actZoomOut", w.view.zoom_out_text, ["Ctrl+-", QKeySequence(K.ZoomOut)], "zoom_out")
        self.zoom_reset = a("actZoomReset", w.view.zoom_reset, "Ctrl+0")
        self.expand = a("actExpandAll", w.tree_panel.expand_all, "Ctrl+]", "expand")
        self.collapse = a("actCollapseAll", w.tree_panel.collapse_all, "Ctrl+[", "collapse")
        self.dark = a("actDark", w._toggle_dark, "Ctrl+Shift+D", "theme", checkable=True)
        self.dark.setChecked(w._theme == "dark")
        self.focus_library = a("actFocusLibrary", w.focus_library, "Ctrl+1")
        self.focus_tree = a("actFocusTree", w.focus_tree, "Ctrl+2")
        self.focus_view = a("actFocusView", w.focus_view, "Ctrl+3")
        self.filter = a("actFilter", w.focus_filter, "Ctrl+L")
        self.shortcuts = a("actShortcuts", w.show_shortcuts, K.HelpContents)
        self.about = a("actAbout", w.show_about)
        self.lang_group = QActionGroup(self)
        self.lang_zh = a("actLangZh", lambda: w.set_language("zh"), checkable=True)
        self.lang_en = a("actLangEn", lambda: w.set_language("en"), checkable=True)
        for act in (self.lang_zh, self.lang_en):
            self.lang_group.addAction(act)
        (self.lang_en if w._language == "en" else self.lang_zh).setChecked(True)

    def _menus(self, w) -> None:  # noqa: ANN001
        bar = w.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([self.import_, self.remove])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.quit)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addActions([self.copy, self.copy_plain, self.copy_article])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([self.find, self.find_next, self.find_prev, self.search])
        self.menu_view = bar.addMenu("")
        self.menu_view.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        self.menu_view.addSeparator()
        self.menu_view.addActions([self.expand, self.collapse])
        self.menu_view.addSeparator()
        self.menu_panels = self.menu_view.addMenu("")
        for dock in (w.library_dock, w.tree_dock, w.search_dock):
            self.menu_panels.addAction(dock.toggleViewAction())
        self.menu_view.addAction(self.dark)
        self.menu_language = self.menu_view.addMenu("")
        self.menu_language.addActions([self.lang_zh, self.lang_en])
        self.menu_go = bar.addMenu("")
        self.menu_go.addActions([self.back, self.forward, self.goto])
        self.menu_go.addSeparator()
        self.menu_go.addActions([self.focus_library, self.focus_tree, self.focus_view,
                                 self.filter])
        self.menu_help = bar.addMenu("")
        self.menu_help.addActions([self.shortcuts, self.about])

    def _toolbar(self, w) -> None:  # noqa: ANN001
        tb = QToolBar(w)
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(20, 20))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        tb.addActions([self.back, self.forward])
        tb.addSeparator()
        tb.addAction(self.import_)
        tb.addSeparator()
        tb.addActions([self.find, self.search, self.goto])
        tb.addSeparator()
        tb.addActions([self.zoom_out, self.zoom_in])
        tb.addSeparator()
        tb.addActions([self.expand, self.collapse])
        spacer = QWidget(tb)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addAction(self.dark)
        self.toolbar = tb
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)

    def retranslate(self) -> None:
        self.menu_file.setTitle(self.tr("文件(&F)"))
        self.menu_edit.setTitle(self.tr("编辑(&E)"))
        self.menu_view.setTitle(self.tr("视图(&V)"))
        self.menu_go.setTitle(self.tr("导航(&G)"))
        self.menu_help.setTitle(self.tr("帮助(&H)"))
        self.menu_panels.setTitle(self.tr("面板"))
        self.menu_language.setTitle(self.tr("界面语言"))
        self.toolbar.setWindowTitle(self.tr("工具栏"))
        texts = {
            self.import_: (self.tr("导入文件…"), self.tr("把文件导入文库（txt、md、docx；可多选），后台进行")),
            self.remove: (self.tr("从文库移除…"), self.tr("从文库移除所选文档")),
            self.quit: (self.tr("退出"), self.tr("关闭法规阅读器")),
            self.copy: (self.tr("复制（附引注）"), self.tr("复制所选文字，后附出处，如《……》第十七条第二款")),
            self.copy_plain: (self.tr("仅复制文字"), self.tr("复制所选文字，不附出处")),
            self.copy_article: (self.tr("复制本条全文（附引注）"), self.tr("复制光标所在条文的全文及出处")),
            self.find: (self.tr("在文档中查找…"), self.tr("在当前文档中查找并标出所有匹配（Ctrl+F）")),
            self.find_next: (self.tr("下一处"), self.tr("跳到下一处匹配（F3）")),
            self.find_prev: (self.tr("上一处"), self.tr("跳到上一处匹配（Shift+F3）")),
            self.search: (self.tr("全库搜索…"), self.tr("在整个文库中搜索（Ctrl+Shift+F）")),
            self.goto: (self.tr("转到条文…"), self.tr("转到指定条文，如 43、第四十三条、第十七条第二款（Ctrl+G）")),
            self.back: (self.tr("后退"), self.tr("回到上一个位置（Alt+←）")),
            self.forward: (self.tr("前进"), self.tr("前进到下一个位置（Alt+→）")),
            self.zoom_in: (self.tr("放大字号"), self.tr("放大正文字号（Ctrl+=）")),
            self.zoom_out: (self.tr("缩小字号"), self.tr("缩小正文字号（Ctrl+-）")),
            self.zoom_reset: (self.tr("默认字号"), self.tr("恢复默认字号（Ctrl+0）")),
            self.expand: (self.tr("展开全部目录"), self.tr("展开目录中的全部条目")),
            self.collapse: (self.tr("折叠全部目录"), self.tr("折叠目录中的全部条目")),
            self.dark: (self.tr("深色模式"), self.tr("在浅色与深色外观之间切换")),
            self.focus_library: (self.tr("转到文库"), self.tr("把键盘焦点移到文库列表（Ctrl+1）")),
            self.focus_tree: (self.tr("转到目录"), self.tr("把键盘焦点移到目录（Ctrl+2）")),
            self.focus_view: (self.tr("转到正文"), self.tr("把键盘焦点移到正文（Ctrl+3）")),
            self.filter: (self.tr("筛选文库…"), self.tr("把键盘焦点移到文库筛选框（Ctrl+L）")),
            self.shortcuts: (self.tr("快捷键"), self.tr("列出全部快捷键")),
            self.about: (self.tr("关于法规阅读器"), self.tr("版本与说明")),
            self.lang_zh: ("中文", "中文界面"),
            self.lang_en: ("English", "English interface"),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({shortcut})" if shortcut and shortcut not in tip else text)
            action.setStatusTip(tip)
