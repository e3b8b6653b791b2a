"""The window's commands: actions with shortcuts, icons, texts and tips; the menus and the
toolbar that show them.  Every action is added to the window, so its shortcut works
wherever the keyboard focus is."""
from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

import sys

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
        self.import_folder = a("actImportFolder", w.import_folder_dialog, "Ctrl+Shift+O")
        self.remove = a("actRemove", w._remove_selected, None, "remove")
        self.export_word = a("actExportWord", w.export_word_dialog, "Ctrl+E")
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
        self.compare = a("actCompare", w.compare_dialog)
        self.versions = a("actVersions", lambda: w.versions_dialog())
        self.dark = a("actDark", w._toggle_dark, "Ctrl+Shift+D", "theme", checkable=True)
        self.dark.setChecked(w._theme == "dark")
        self.focus_library = a("actFocusLibrary", w.focus_library, "Ctrl+1")
        self.focus_tree = a("actFocusTree", w.focus_tree, "Ctrl+2")
        self.focus_view = a("actFocusView", w.focus_view, "Ctrl+3")
        self.filter = a("actFilter", w.focus_filter, "Ctrl+L")
        self.shortcuts = a("actShortcuts", w.show_shortcuts, K.HelpContents)
        self.about = a("actAbout", w.show_about)
        an = w.annotator
        self.highlight = a("actHighlight", lambda: an.highlight(), "Ctrl+H", "highlight")
        self.add_note = a("actAddNote", an.add_note, "Ctrl+M", "note")
        self.clause_note = a("actClauseNote", lambda: an.add_clause_note(), "Ctrl+Shift+M")
        self.tag = a("actTag", an.tag_selection, "Ctrl+T", "tag")
        self.link = a("actLink", lambda: an.link_selection(), "Ctrl+K", "link")
        self.delete_annotation = a("actDeleteAnnotation", lambda: an.delete(), None)
        self.edit_annotation = a("actEditAnnotation", lambda: an.edit(), None)
        self.undo = a("actUndo", an.stack.undo, K.Undo, "undo")
        self.redo = a("actRedo", an.stack.redo, [QKeySequence("Ctrl+Shift+Z"), QKeySequence(K.Redo), "Ctrl+Y"], "redo")
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        an.stack.canUndoChanged.connect(self.undo.setEnabled)
        an.stack.canRedoChanged.connect(self.redo.setEnabled)
        an.stack.undoTextChanged.connect(lambda _t: self._undo_texts())
        an.stack.redoTextChanged.connect(lambda _t: self._undo_texts())
        self.categories = a("actCategories", an.edit_categories)
        self.author = a("actAuthor", an.set_author)
        self.export_annotations = a("actExportAnnotations", an.export_dialog)
        self.import_annotations = a("actImportAnnotations", an.import_dialog)
        self.show_annotations = w.annotations_dock.toggleViewAction()
        self.show_annotations.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.show_annotations.setObjectName("actShowAnnotations")
        self.show_links = w.links_dock.toggleViewAction()
        self.show_links.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.show_links.setObjectName("actShowLinks")
        w.addAction(self.show_annotations)
        w.addAction(self.show_links)
        self.highlight_menu = QMenu(w)
        self.highlight_menu.setObjectName("highlightMenu")
        self.lang_group = QActionGroup(self)
        self.lang_zh = a("actLangZh", lambda: w.set_language("zh"), checkable=True)
        self.lang_en = a("actLangEn", lambda: w.set_language("en"), checkable=True)
        for act in (self.lang_zh, self.lang_en):
            self.lang_group.addAction(act)
        (self.lang_en if w._language == "en" else self.lang_zh).setChecked(True)

    def _menus(self, w) -> None:  # noqa: ANN001
        bar = w.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([self.import_, self.import_folder, self.remove])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.export_word)
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
        self.menu_view.addActions([self.versions, self.compare])
        self.menu_view.addSeparator()
        self.menu_panels = self.menu_view.addMenu("")
        for dock in (w.library_dock, w.tree_dock, w.search_dock, w.annotations_dock, w.links_dock):
            self.menu_panels.addAction(dock.toggleViewAction())
        self.menu_view.addAction(self.dark)
        self.menu_language = self.menu_view.addMenu("")
        self.menu_language.addActions([self.lang_zh, self.lang_en])
        self.menu_annotate = bar.addMenu("")
        self.menu_annotate.addActions([self.undo, self.redo])
        self.menu_annotate.addSeparator()
        self.menu_annotate.addAction(self.highlight)
        self.menu_annotate.addMenu(self.highlight_menu)
        self.menu_annotate.addActions([self.add_note, self.clause_note, self.tag, self.link])
        self.menu_annotate.addSeparator()
        self.menu_annotate.addActions([self.edit_annotation, self.delete_annotation])
        self.menu_annotate.addSeparator()
        self.menu_annotate.addActions([self.show_annotations, self.show_links])
        self.menu_annotate.addSeparator()
        self.menu_annotate.addActions([self.categories, self.author])
        self.menu_annotate.addSeparator()
        self.menu_annotate.addActions([self.export_annotations, self.import_annotations])
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
        tb.addSeparator()
        self.highlight_button = QToolButton(tb)
        self.highlight_button.setObjectName("highlightButton")
        self.highlight_button.setDefaultAction(self.highlight)
        self.highlight_button.setMenu(self.highlight_menu)
        self.highlight_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        tb.addWidget(self.highlight_button)
        tb.addActions([self.add_note, self.tag, self.link])
        tb.addSeparator()
        tb.addActions([self.undo, self.redo])
        spacer = QWidget(tb)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addAction(self.dark)
        self.toolbar = tb
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)

    def set_categories(self, actions: list[QAction]) -> None:
        """The highlight menu's categories (Ctrl+Alt+1…9), rebuilt when they change."""
        for old in self.highlight_menu.actions():
            self.window.removeAction(old)
            old.deleteLater()
        self.highlight_menu.clear()
        for act in actions:
            self.highlight_menu.addAction(act)
            self.window.addAction(act)

    def _undo_texts(self) -> None:
        stack = self.window.annotator.stack
        undo, redo = stack.undoText(), stack.redoText()
        self.undo.setText(self.tr("撤销 {0}").format(undo) if undo else self.tr("撤销"))
        self.redo.setText(self.tr("重做 {0}").format(redo) if redo else self.tr("重做"))

    def retranslate(self) -> None:
        self.menu_annotate.setTitle(self.tr("批注(&A)"))
        self.highlight_menu.setTitle(self.tr("高亮为"))
        self.menu_file.setTitle(self.tr("文件(&F)"))
        self.menu_edit.setTitle(self.tr("编辑(&E)"))
        self.menu_view.setTitle(self.tr("视图(&V)"))
        self.menu_go.setTitle(self.tr("导航(&G)"))
        self.menu_help.setTitle(self.tr("帮助(&H)"))
        self.menu_panels.setTitle(self.tr("面板"))
        self.menu_language.setTitle(self.tr("界面语言"))
        self.toolbar.setWindowTitle(self.tr("工具栏"))
        # as registered now; the importers load with the library, after the first paint
        # (the window says these texts again then)
        importers = sys.modules.get("reader.core.importers")
        formats = self.tr("、").join(s.lstrip(".") for s in importers.SUPPORTED) if importers else "…"
        texts = {
            self.import_: (self.tr("导入文件…"), self.tr("把文件导入文库（{0}；可多选），后台进行").format(formats)),
            self.import_folder: (self.tr("导入文件夹…"), self.tr("导入文件夹及其子文件夹中所有支持的文件（{0}），后台进行").format(formats)),
            self.remove: (self.tr("从文库移除…"), self.tr("从文库移除所选文档")),
            self.export_word: (self.tr("导出 Word 简报…"), self.tr("把批注和审阅意见连同条文导出为 Word 文档（Ctrl+E）")),
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
            self.compare: (self.tr("新旧对照…"), self.tr("把当前文档与它的另一版本逐条并排对照，标出修改")),
            self.versions: (self.tr("版本…"), self.tr("列出当前文档的全部版本：打开较早版本，或与现行版本对照")),
            self.dark: (self.tr("深色模式"), self.tr("在浅色与深色外观之间切换")),
            self.focus_library: (self.tr("转到文库"), self.tr("把键盘焦点移到文库列表（Ctrl+1）")),
            self.focus_tree: (self.tr("转到目录"), self.tr("把键盘焦点移到目录（Ctrl+2）")),
            self.focus_view: (self.tr("转到正文"), self.tr("把键盘焦点移到正文（Ctrl+3）")),
            self.filter: (self.tr("筛选文库…"), self.tr("把键盘焦点移到文库筛选框（Ctrl+L）")),
            self.shortcuts: (self.tr("快捷键"), self.tr("列出全部快捷键")),
            self.about: (self.tr("关于法规阅读器"), self.tr("版本与说明")),
            self.highlight: (self.tr("高亮"), self.tr("用当前分类的颜色高亮所选文字（Ctrl+H）；分类见右侧箭头")),
            self.add_note: (self.tr("添加批注…"), self.tr("为所选文字写批注；未选文字时为光标所在条文写批注（Ctrl+M）")),
            self.clause_note: (self.tr("条文批注…"), self.tr("为光标所在的整条写批注（Ctrl+Shift+M）")),
            self.tag: (self.tr("添加标签…"), self.tr("为所选文字加标签（Ctrl+T）")),
            self.link: (self.tr("链接到…"), self.tr("把所选文字或本条链接到另一条文，用搜索或目录选择（Ctrl+K）")),
            self.edit_annotation: (self.tr("编辑所选批注…"), self.tr("编辑批注面板或正文中选中的批注")),
            self.delete_annotation: (self.tr("删除所选批注"), self.tr("删除选中的批注（可撤销，可从回收站恢复）")),
            self.undo: (self.tr("撤销"), self.tr("撤销上一次批注编辑（Ctrl+Z）")),
            self.redo: (self.tr("重做"), self.tr("重做被撤销的批注编辑（Ctrl+Shift+Z）")),
            self.categories: (self.tr("管理分类…"), self.tr("增删、改名、改颜色和含义")),
            self.author: (self.tr("作者名…"), self.tr("新批注的署名")),
            self.export_annotations: (self.tr("导出批注…"), self.tr("导出全部批注和链接（W3C Web Annotation JSON）")),
            self.import_annotations: (self.tr("导入批注…"), self.tr("合并同事导出的批注：按编号合并，较新的版本优先")),
            self.show_annotations: (self.tr("批注面板"), self.tr("显示或隐藏批注面板（Ctrl+Shift+A）")),
            self.show_links: (self.tr("链接面板"), self.tr("显示或隐藏链接面板（Ctrl+Shift+L）")),
            self.lang_zh: ("中文", "中文界面"),
            self.lang_en: ("English", "English interface"),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({shortcut})" if shortcut and shortcut not in tip else text)
            action.setStatusTip(tip)
        self._undo_texts()
