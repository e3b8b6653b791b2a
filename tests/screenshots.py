"""Render the main states of the reading window to PNG files, to look at.

    xvfb-run -a python tests/screenshots.py [OUT_DIR]      # default /tmp/shots
    QT_QPA_PLATFORM=offscreen python tests/screenshots.py   # without an X server

States: library (first start), a regulation with the tree expanded, search results with a
hit opened, find in document, dark mode, English; then annotations: highlights in their
categories with note markers, a whole-clause note and links, the panels; a note answered with
two replies under it (7b); the note shown on
hover; the note, link and category dialogs; orphans after a re-import of an amended
version; the library-wide panel with a search in the notes; dark mode; the 新旧对照 window (公司法
2018 → 2023, changes only); team review (33–34): a real PostgreSQL team server on this
machine, three colleagues' notes synced in, authors in colour, a conflict kept and marked,
the members and history dialogs, then the server gone (sync failed, in words).
``python tests/screenshots.py OUT team`` renders the team states only.  Uses a temporary
library (the samples, plus the largest law of ../shared/corpus when present) and temporary
settings, so the user's own are never touched.  Chinese glyphs need a CJK font
(fonts-noto-cjk).  The hover state grabs the screen (a tooltip is a window of its own), so
it needs an X server (xvfb-run).
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TMP = Path(tempfile.mkdtemp(prefix="regreader-shots-"))
os.environ["REGREADER_LIBRARY"] = str(TMP / "library")
os.environ["REGREADER_SETTINGS"] = str(TMP / "settings.ini")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtGui import QCursor, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QToolTip  # noqa: E402

from reader.store.library import Library, Span  # noqa: E402
from reader.ui.annotation_dialogs import CategoryEditor, LinkDialog, NoteDialog  # noqa: E402
from reader.ui.docinfo import literal_rich_text  # noqa: E402
from reader.ui.export_dialog import ExportDialog  # noqa: E402
from reader.ui.app import create_application  # noqa: E402
from reader.ui.main_window import MainWindow  # noqa: E402
from reader.ui.settings import Settings  # noqa: E402

LAW = REPO.parent / "shared" / "corpus" / "laws" / "民法典" / "合同编.md"

from tests.seeds import amend_surveying_regulation  # noqa: E402


def wait(predicate=lambda: False, timeout: float = 10.0) -> None:
    """Run the event loop until ``predicate()`` or the timeout (a pause when it never holds)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if predicate():
            break
        time.sleep(0.01)
    for _ in range(5):
        QCoreApplication.processEvents()


def shoot(window: MainWindow, out: Path, name: str) -> Path:
    wait(timeout=0.3)
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(path)
    return path


def find_doc(window: MainWindow, words: str) -> str:
    return next(s.id for s in window.library.documents() if words in s.title)


def shoot_widget(widget, out: Path, name: str) -> Path:
    wait(timeout=0.3)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def shoot_screen(widget, out: Path, name: str) -> Path:
    """The screen area of a widget, with the windows above it (a tooltip)."""
    wait(timeout=0.4)
    screen = QApplication.primaryScreen()
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    path = out / f"{name}.png"
    screen.grabWindow(0, top_left.x(), top_left.y(), widget.width(), widget.height()).save(str(path))
    print(path)
    return path


def annotate_regulation(lib: Library, doc: str) -> dict[str, str]:
    """The kind of work a reviewer leaves on 第十六条–第十八条 (through the Library)."""
    ids = {}
    ids["penalty"] = lib.annotations.add(doc, "art_17__para_2", Span(quote="不得让测绘单位低于测绘成本中标"),
                                         category="罚则", note="低价中标：招标单位的责任，罚则见第四十二条第（三）项。",
                                         tags=["罚则", "招投标"], author="王律师").id
    ids["duty"] = lib.annotations.add(doc, "art_17__para_1", Span(quote="不得超越资质等级许可的范围从事测绘活动"),
                                      category="义务", author="王律师").id
    ids["question"] = lib.annotations.add(doc, "art_17__para_3", Span(quote="中标的测绘单位不得转让、转包中标的测绘项目。"),
                                          category="疑问", note="“转包”与“分包”的界限？需向市规划和自然资源局核实。",
                                          tags=["待办"], author="王律师").id
    ids["key"] = lib.annotations.add(doc, "art_16__para_1", Span(quote="依法取得相应等级的测绘资质证书"),
                                     category="重点", author="李助理", status="resolved").id
    ids["clause"] = lib.annotations.add(doc, "art_18", category="重点", note="现场作业条款：客户的外业人员需随身携带证件。",
                                        tags=["客户关注"], author="王律师").id
    ids["link"] = lib.annotations.link(doc, "art_17__para_2", doc, "art_42", src=Span(quote="不得让测绘单位低于测绘成本中标"),
                           relation="依据", note="对应的法律责任", author="王律师").id
    return ids


def team_server(folder: Path):  # noqa: ANN201 - (LocalCluster, url(user)) or None
    """A PostgreSQL team server on this machine: 王律师 owns it, 李助理 reviews, 赵工 edits;
    the passwords in a .pgpass file, as libpq expects (None without PostgreSQL)."""
    from reader.team.cluster import LocalCluster, find_bindir, remember_password
    from reader.team.server_schema import init

    if find_bindir() is None:
        print("PostgreSQL is not installed: the team states are left out")
        return None
    import psycopg

    cluster = LocalCluster.at(folder)
    cluster.start()
    cluster.wait_ready()
    people = {"wang": ("王律师", "owner"), "li": ("李助理", "reviewer"), "zhao": ("赵工", "editor")}
    os.environ["PGPASSFILE"] = str(folder / "pgpass")
    for user in people:
        cluster.add_login(user, f"{user}-secret")
        remember_password(cluster.port, user, f"{user}-secret")
    cluster.add_database("regreader")
    with psycopg.connect(cluster.admin_url("regreader")) as conn:
        init(conn, "wang", "王律师")
        for user, (display, role) in people.items():
            conn.execute("SELECT regreader.grant_role(%s, %s, %s)", (user, role, display))
        conn.commit()
    return cluster, lambda user: cluster.url(user)


def team_states(out: Path) -> None:
    """33–34: 李助理's window on a team server where 王律师 and 赵工 have been at work."""
    made = team_server(Path(tempfile.mkdtemp(prefix="regreader-shots-pg-")))  # (its own: chowned)
    if made is None:
        return
    cluster, url = made
    try:
        _team_states(out, cluster, url)
    finally:
        cluster.stop()


def _team_states(out: Path, cluster, url) -> None:  # noqa: ANN001
    from reader.ui.team_dialogs import ConnectDialog

    seed = REPO / "resources" / "samples" / "003_d2bd9f2bf5d49910.txt"  # 测绘地理信息管理办法
    wang = Library.open(TMP / "team-wang")
    rule = wang.import_files([seed]).added[0].id
    wang.annotations.add(rule, "art_17__para_2", Span(quote="不得让测绘单位低于测绘成本中标"), category="罚则",
                                   note="低价中标：招标单位的责任，罚则见第四十二条第（三）项。", author="王律师")
    question = wang.annotations.add(rule, "art_17__para_3", Span(quote="中标的测绘单位不得转让、转包中标的测绘项目。"),
                                    category="疑问", note="“转包”与“分包”的界限？", tags=["待办"], author="王律师")
    wang.team.connect(url("wang"))
    wang.team.sync()
    zhao = Library.open(TMP / "team-zhao")
    zhao.import_files([seed])
    zhao.team.connect(url("zhao"))
    zhao.team.sync()
    zhao.annotations.add(rule, "art_16__para_1", Span(quote="依法取得相应等级的测绘资质证书"), category="重点",
                         note="资质证书须在有效期内，投标时核验原件。", author="赵工")
    zhao.annotations.update(question.id, note="“转包”与“分包”的界限？需向市规划和自然资源局核实。")
    zhao.annotations.reply(question.id, "已电话咨询：分包须经招标单位同意，转包一律禁止。", author="赵工")
    zhao.annotations.set_status(question.id, "answered", author="赵工")
    zhao.team.sync()

    li = Library.open(TMP / "team-li")
    li.import_files([seed])
    mine = li.annotations.add(rule, "art_18", category="重点", note="现场作业条款：客户的外业人员需随身携带证件。",
                              tags=["客户关注"], author="李助理")
    li.team.connect(url("li"))
    settings = Settings()
    settings.author = "李助理"
    window = MainWindow(li, settings)
    window.resize(1440, 900)
    window.show()
    window.start([])
    wait(lambda: window.team_ui.task is not None, 5)
    wait(lambda: window.team_ui.task is None, 60)  # the sync as the library opened
    wang.team.sync()  # 王律师 answers, and drops 李助理's note …
    wang.annotations.reply(question.id, "同意，写进审阅意见。", author="王律师")
    wang.annotations.delete(mine.id)
    wang.team.sync()
    li.annotations.update(mine.id, note="现场作业条款：外业人员需随身携带测绘作业证件，并出示。")  # … he edited it
    window.team_ui.sync_now()
    wait(lambda: window.team_ui.task is None, 60)
    print("team:", li.team.status().to_json())

    # 33. synced: the indicator, the colleagues' notes with their authors in colour, a reply
    # thread, the conflict kept and marked
    window.open_document(rule)
    window.tree_panel.expand_all()
    window.annotations_dock.show()
    window.annotations_dock.raise_()
    window.goto("第十七条")
    window.annotator.panel.select(question.id)
    wait(timeout=1.6)
    shoot(window, out, "33-team-synced")
    shoot_widget(window.annotations_dock, out, "33b-team-panel")
    panel = window.annotator.panel
    panel.author.setCurrentIndex(panel.author.findData("赵工"))
    shoot_widget(window.annotations_dock, out, "33c-team-filter-author")
    panel.author.setCurrentIndex(0)
    dialog = window.team_ui.members_dialog()
    wait(lambda: dialog.table.rowCount() > 0, 10)
    shoot_widget(dialog, out, "33d-team-members")
    dialog.close()
    dialog = window.team_ui.history_dialog(question.id)
    wait(lambda: dialog.task is None, 10)
    shoot_widget(dialog, out, "33e-annotation-history")
    dialog.close()
    window.set_theme("dark")
    shoot_widget(window.annotations_dock, out, "33f-team-panel-dark")
    window.set_theme("light")
    dialog = ConnectDialog(window, li.team.connect, window.runner, "postgresql://li:secret@db.example.cn/regreader")
    dialog.show()
    dialog.start()  # refused at once: a password in the address
    shoot_widget(dialog, out, "33g-team-connect")
    dialog.close()

    # 34. the server gone: the sync fails, saying why
    cluster.stop()
    li.annotations.reply(question.id, "收到。", author="李助理")
    window.annotator.refresh()
    window.team_ui.sync_now()
    wait(lambda: window.team_ui.task is None, 60)
    shoot(window, out, "34-team-sync-error")
    bar = window.statusBar()
    QToolTip.showText(window.team_ui.indicator.mapToGlobal(window.team_ui.indicator.rect().topLeft()),
                      window.team_ui.indicator.toolTip(), window.team_ui.indicator)
    shoot_screen(window, out, "34b-team-error-tooltip")
    QToolTip.hideText()
    shoot_widget(bar, out, "34c-team-status-bar")
    window.close()
    for library in (wang, zhao, li):
        library.close()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([argv[0]])
    if argv[2:] == ["team"]:
        team_states(out)
        app.processEvents()
        return 0
    lib = Library.open()
    window = MainWindow(lib, Settings())
    window.resize(1440, 900)
    window.show()
    window.start([])
    wait(lambda: bool(lib.documents()) and not window.runner.busy(), 60)

    # 1. the library on first start: samples imported, the first document opened
    window.library_panel.select_document(window.doc.id if window.doc else "")
    shoot(window, out, "1-library")

    if LAW.is_file():  # a law from the corpus, for the English state
        window.import_files([str(LAW)])
        wait(lambda: window.importer.last_report is not None, 60)
        if window.importer.report_box is not None:
            window.importer.report_box.close()

    # 2. a regulation, the tree expanded, at 第十七条
    window.open_document(find_doc(window, "测绘地理信息管理办法"))
    window.tree_panel.expand_all()
    window.goto("第十七条")
    shoot(window, out, "2-regulation-tree")

    # 3. search results, a hit opened with every occurrence highlighted
    window.show_search()
    window.search_panel.query.setText("测绘成果")
    window.search_panel.run()
    wait(lambda: window.last_search is not None, 30)
    window.search_panel.activate_hit(1)
    shoot(window, out, "3-search")
    window.search_dock.hide()

    # 4. find in document
    window.open_document(find_doc(window, "社会医疗保险规定"))
    window.show_find()
    window.find_bar.edit.setText("医疗保险")
    wait(lambda: window.view.hits(), 3)
    window.next_occurrence()
    window.next_occurrence()
    shoot(window, out, "4-find")
    window.find_bar.close_bar()

    # 5. dark mode, a plan with outline numbering
    window.set_theme("dark")
    window.open_document(find_doc(window, "广清一体化"))
    window.tree_panel.expand_all()
    window.goto("第三章")
    shoot(window, out, "5-dark")

    # 6. English interface, a law from the corpus (when present)
    window.set_theme("light")
    window.set_language("en")
    wait(timeout=0.3)
    if LAW.is_file():
        window.open_document(find_doc(window, "合同编"))
        window.goto("第五百零九条")
    window.show_search()
    shoot(window, out, "6-english")
    window.set_language("zh")
    window.search_dock.hide()

    # 7. annotations: highlights in their categories, note markers, a whole-clause note,
    #    a link; the annotations and links panels
    rule = find_doc(window, "测绘地理信息管理办法")
    ids = annotate_regulation(lib, rule)
    window.open_document(rule)
    window.annotations_dock.show()
    window.links_dock.show()
    window.goto("第十七条")
    window.annotator.refresh()
    window.annotator.panel.select(ids["penalty"])
    window.view.select_annotation(ids["penalty"])
    window.view.scroll_to_node("art_16")
    window.annotator.links_panel.whole.setChecked(True)  # the link starts in 第十七条, below the top
    wait(timeout=1.6)  # the jump's flash fades
    shoot(window, out, "7-annotations")
    window.annotator.links_panel.whole.setChecked(False)

    # 7b. review: a note answered, with two replies as child rows under it
    lib.annotations.reply(ids["penalty"], "已核对：由招标单位承担责任，见第四十二条。", author="李助理")
    lib.annotations.reply(ids["penalty"], "同意，写进审阅意见。", author="王律师")
    lib.annotations.set_status(ids["penalty"], "answered", author="李助理")
    window.links_dock.hide()
    window.annotator.refresh()
    window.annotator.panel.select(ids["penalty"])
    shoot(window, out, "7b-review-replies")
    shoot_widget(window.annotations_dock, out, "7b-review-panel")
    window.links_dock.show()

    # 8. hovering a highlight shows its note
    start, end = window.view.layer.find(ids["question"])
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(start + 4)
    point = window.view.cursorRect(cursor).center()
    QToolTip.showText(window.view.viewport().mapToGlobal(point),
                      literal_rich_text(window.view._tooltip(point)), window.view.viewport())
    shoot_screen(window.view, out, "8-hover")  # the reading view: the screen is smaller than the window
    QToolTip.hideText()

    # 9. the note dialog, as "add note" opens it on a selection
    node = window.info.node("art_17__para_2")
    dialog = NoteDialog(window, window.tr("添加批注"), window.annotator.cite(rule, "art_17__para_2"),
                        node.text[:32], lib.annotations.categories(), [t for t, _n in lib.annotations.tags()], category="义务",
                        tags=["待办"], note="招标文件中的资质要求须与项目等级对应。")
    dialog.show()
    shoot_widget(dialog, out, "9-note-dialog")
    dialog.close()

    # 10. the link dialog: the target picked by search
    dialog = LinkDialog(window, lib, "《广州市测绘地理信息管理办法》第十七条第三款 “中标的测绘单位不得转让”",
                        lib.annotations.relations(), rule)
    dialog.resize(640, 600)
    dialog.show()
    dialog.query.setText("转包")
    dialog.search()
    dialog.hits.setCurrentRow(0)
    shoot_widget(dialog, out, "10-link-dialog")
    dialog.close()

    # 11. the category editor
    dialog = CategoryEditor(window, lib.annotations.categories(), lib.annotations.category_usage())
    dialog.show()
    shoot_widget(dialog, out, "11-categories")
    dialog.close()

    # 12. an amended version re-imported: the deleted sentence's note is an orphan
    source = Path(lib.document(rule).source.file)
    amended = TMP / "amended" / source.name
    amended.parent.mkdir(exist_ok=True)
    amended.write_text(amend_surveying_regulation(source.read_text(encoding="utf-8")), encoding="utf-8")
    report = lib.import_files([amended])  # another path: the same document, a duplicate …
    lib.remove(rule)  # … so it is removed (its notes kept) and the amended version imported
    report = lib.import_files([amended])
    window.annotator.forget_documents()
    window.doc = None
    window.refresh_library()
    window.open_document(rule, "art_18")
    window.annotator.panel.select(ids["question"])
    window.view.scroll_to_node("art_17")
    wait(timeout=1.6)
    shoot(window, out, "12-orphans")
    print("re-import:", report.anchors)

    # 13. the whole library's annotations; 14. a search in the notes
    window.annotator.panel.set_scope("library")
    window.annotator.panel.scopeChanged.emit("library")
    window.annotator.panel.tabs.setCurrentIndex(0)
    shoot(window, out, "13-library-annotations")
    window.show_search()
    window.search_panel.set_scope("annotations")
    window.search_panel.query.setText("核实")
    window.last_search = None
    window.search_panel.run()
    wait(lambda: window.last_search is not None, 30)
    shoot(window, out, "14-notes-search")
    window.search_dock.hide()

    # 15. dark mode
    window.set_theme("dark")
    window.goto("第十七条")
    window.view.scroll_to_node("art_16")
    wait(timeout=1.6)
    shoot(window, out, "15-dark-annotations")
    window.set_theme("light")

    # 16. the Word export dialog after an export (the brief is kept beside the shots)
    dialog = ExportDialog(lib, window.settings, window.runner, window, current_doc=rule)
    dialog.title_edit.setText("测绘管理办法审阅简报")
    dialog.author_edit.setText("王律师")
    dialog.review.setChecked(True)
    dialog.path_edit.setText(str(out / "16-brief.docx"))
    dialog.show()
    dialog.start_export()
    wait(lambda: dialog.result is not None or not dialog.task.running, 60)
    wait(timeout=0.3)
    shoot_widget(dialog, out, "16-export-dialog")
    dialog.close()

    # 17. cross-references: 第十七条 with the 被引用 panel (cited by 第四十三条); 18. hovering
    # a reference in 第四十三条 shows the words it names
    window.annotations_dock.hide()
    window.search_dock.hide()
    window.links_dock.hide()
    window.refs.dock.show()
    seed = REPO / "resources" / "samples" / "003_d2bd9f2bf5d49910.txt"  # back to the text as issued
    lib.remove(rule)
    lib.import_files([seed])
    lib.annotations.link(rule, "art_43__para_1__item_3", rule, "art_17__para_2", relation="依据", author="王律师")
    window.annotator.forget_documents()
    window.doc = None
    window.refresh_library()
    window.open_document(rule, "art_17")
    window.refs.refresh_panel(force=True)
    wait(timeout=1.6)
    shoot(window, out, "17-cited-by")
    window.open_document(rule, "art_43")
    wait(timeout=1.6)
    ref = next(r for r in window.refs.refs if r.text == "本办法第十七条第二款")
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.refs.position_of(ref) + 3)
    point = window.view.cursorRect(cursor).center()
    QCursor.setPos(window.view.viewport().mapToGlobal(point))  # the pointer's own tooltip: this one
    QToolTip.showText(window.view.viewport().mapToGlobal(point),
                      literal_rich_text(window.view._tooltip(point)), window.view.viewport())
    wait(lambda: QToolTip.isVisible(), 2)
    shoot_screen(window.view, out, "18-ref-hover")
    QToolTip.hideText()
    window.refs.refresh_panel(force=True)  # 19. 第四十三条: its references and the user's link
    shoot(window, out, "19-refs-and-links")

    # 20. a reference in the front matter (the 令 that issues a rule) is a link too; hovering an
    # unresolved one says why, in the interface's language
    blood = next(d.id for d in lib.documents() if d.title.endswith("无偿献血激励与优待办法"))
    window.open_document(blood)
    wait(timeout=1.6)
    ref = next(r for r in window.refs.refs if r.node_id is None and r.text == "《广州市献血管理规定》")
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.refs.position_of(ref) + 3)
    point = window.view.cursorRect(cursor).center()
    QCursor.setPos(window.view.viewport().mapToGlobal(point))
    QToolTip.showText(window.view.viewport().mapToGlobal(point),
                      literal_rich_text(window.view._tooltip(point)), window.view.viewport())
    wait(lambda: QToolTip.isVisible(), 2)
    shoot_screen(window.view, out, "20-front-matter-ref-hover")
    QToolTip.hideText()

    # 21. English interface: why a reference is unresolved names its unit in English
    # (合同编's 本法第X条 into 总则, which this library does not hold)
    if LAW.is_file():
        window.set_language("en")
        window.open_document(find_doc(window, "合同编"))
        wait(timeout=1.6)
        ref = next(r for r in window.refs.refs if not r.resolved and r.note.startswith("target has no"))
        window.view.scroll_to_node(ref.node_id, flash=False)
        wait(timeout=0.3)
        cursor = QTextCursor(window.view.document())
        cursor.setPosition(window.refs.position_of(ref) + 3)
        point = window.view.cursorRect(cursor).center()
        QCursor.setPos(window.view.viewport().mapToGlobal(point))
        QToolTip.showText(window.view.viewport().mapToGlobal(point),
                          literal_rich_text(window.view._tooltip(point)), window.view.viewport())
        wait(lambda: QToolTip.isVisible(), 2)
        shoot_screen(window, out, "21-english-reason")  # (the whole window: the tip may pass the text)
        QToolTip.hideText()
        window.set_language("zh")

    # 22. a folder imported (文件 → 导入文件夹…, or dropped): the report counts what was
    # imported, skipped and failed, and names each file below the folder with the reason
    window.import_files([str(make_folder(TMP / "法规文件夹"))])
    wait(lambda: window.importer.report_box is not None and window.importer.report_box.isVisible(), 60)
    shoot_widget(window.importer.report_box, out, "22-import-folder-report")
    window.importer.report_box.close()

    # 23–24. files as users have them: the 刑法 typeset as a book (PDF: 编/章/节, 之一
    # articles, running headers gone) and a State Council page (its metadata box as the
    # document's 文号, issuer and dates, the outline as the tree)
    for name, words, at, shot in (("pdf/刑法-2020-书籍排版.pdf", "中华人民共和国刑法", "第一百二十条之一", "23-pdf-book-law"),
                                  ("html/国务院办公厅关于印发国家组织药品集中采购和使用试点方案的通知.html",
                                   "药品集中采购", "", "24-govcn-page")):
        real = REALDOCS / name
        if not real.is_file():
            continue
        window.import_files([str(real)])
        wait(lambda: window.importer.last_report is not None and not window.runner.busy(), 60)
        if window.importer.report_box is not None:
            window.importer.report_box.close()
        window.open_document(find_doc(window, words))
        window.tree_panel.expand_all()
        if at:
            window.goto(at)
        wait(timeout=0.5)
        shoot(window, out, shot)

    # 25. 视图 → 新旧对照…: 公司法 2018 and 2023 side by side, the changes only, at 第十条
    # (renumbered and rewritten: the old 第十三条), the next change selected
    # 26–30. versions: 2018 with notes in the library, 2023 imported through the window
    company = [LAW.parents[1] / "民法商法" / f"公司法({d}).md" for d in ("2018-10-26", "2023-12-29")]
    if all(p.is_file() for p in company):
        old = lib.import_files(company[:1]).added[0].id
        for node, quote, note in (("art_11__para_1", "依法制定公司章程", "章程的约束力"),
                                  ("art_16__para_1", "依照公司章程的规定", "对外担保的决议机关"),
                                  ("art_23__para_1", "设立有限责任公司，应当具备下列条件", "设立条件"),
                                  ("art_3__para_1", "公司以其全部财产对公司的债务承担责任", "独立责任")):
            lib.annotations.add(old, node, Span(quote=quote), note=note)
        window.refresh_library()
        window.open_document(old)
        window.importer.last_report = None
        window.import_files([str(company[1])])  # 26. the report names the new version and the notes
        wait(lambda: window.importer.report_box is not None and window.importer.report_box.isVisible(), 60)
        shoot_widget(window.importer.report_box, out, "26-import-new-version")
        window.importer.report_box.close()
        new = lib.versions.current(old)
        window.open_document(new)
        window.goto("第十条")
        compare = window.show_compare(old, new)
        compare.resize(1440, 900)
        wait(lambda: compare.task is None and compare.model.rowCount() > 0, 60)
        compare.changes_only.setChecked(True)
        compare.next_change(-1)
        compare.next_change(1)
        shoot_widget(compare, out, "25-compare")
        compare.close()
        # 27. 视图 → 版本…: both versions, the current one in bold
        dialog = window.versions_dialog()
        wait(lambda: dialog.table.rowCount() == 2, 10)
        shoot_widget(dialog, out, "27-versions-dialog")
        dialog.close()
        # 28. the library row (2个版本) and the notes on 2023, saying what happened to them
        window.refs.dock.hide()
        window.links_dock.hide()
        window.annotations_dock.show()
        window.annotations_dock.raise_()
        window.annotator.panel.set_scope("document")
        window.annotator.refresh()
        window.goto("第五条")
        moved = next(a.id for a in lib.annotations.list(new) if a.note == "章程的约束力")
        window.annotator.panel.select(moved)
        wait(timeout=0.3)
        shoot(window, out, "28-notes-followed")
        # 29. the orphans tab: the note whose article 2023 dropped
        window.annotator.panel.tabs.setCurrentIndex(1)
        wait(timeout=0.2)
        shoot(window, out, "29-note-not-found")
        window.annotator.panel.tabs.setCurrentIndex(0)
        # 30. the 2018 text opened from its note (在原版本中查看): the banner, the words marked
        window.versions.view_original(moved)
        wait(timeout=0.3)
        shoot(window, out, "30-old-version-banner")

    # 31–32. the largest law of the corpus opened: the first screen at once (the rest is
    # typeset between events), then the whole of it, the tree following the view at the end
    laws = LAW.parents[1]
    if laws.is_dir():
        window.versions.banner.hide()
        biggest = max(laws.rglob("*.md"), key=lambda p: p.stat().st_size)
        window.import_files([str(biggest)])
        wait(lambda: window.importer.last_report is not None and not window.runner.busy(), 60)
        if window.importer.report_box is not None:
            window.importer.report_box.close()
        doc = next(s.id for s in lib.documents() if Path(s.source.file).name == biggest.name)
        window.open_document(find_doc(window, "测绘地理信息管理办法"))
        wait(timeout=0.2)
        window.open_document(doc)
        path = out / "31-large-first-piece.png"
        window.grab().save(str(path))  # before the event loop runs: what the first paint shows
        print(path, "typeset to the end:", window.view.is_complete())
        wait(window.view.is_complete, 10)
        last = [n for n in window.doc.walk() if n.kind.name == "ARTICLE"][-1]
        window.view.scroll_to_node(last.id, flash=False)
        shoot(window, out, "32-large-typeset")

    window.close()
    lib.close()
    team_states(out)
    app.processEvents()
    return 0


REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"


def make_folder(root: Path) -> Path:
    """A folder as colleagues pass them around: subfolders, attachments that are not
    regulations, an old .doc, a damaged file and the clutter of other programs."""
    rules = {"规章/广州市文件夹导入示例办法.txt": "广州市文件夹导入示例办法",
             "规章/2024/广州市第二个示例规定.txt": "广州市第二个示例规定",
             "规范性文件/广州市示例管理细则.md": "# 广州市示例管理细则"}
    for name, title in rules.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{title}\n\n第一条　为了示范文件夹导入，制定本办法。\n"
                        "第二条　本办法自公布之日起施行。\n", encoding="utf-8")
    for name, data in {"规章/附件1 统计表.xlsx": b"PK\x03\x04", "规章/附件2 流程图.png": b"\x89PNG",
                       "规范性文件/旧版说明.doc": b"\xd0\xcf\x11\xe0", "规范性文件/损坏的文件.txt": b"\x00\x01",
                       ".DS_Store": b"\x00", "规章/~$文件夹导入示例办法.docx": b"\x00"}.items():
        (root / name).write_bytes(data)
    return root


if __name__ == "__main__":
    code = main(sys.argv)
    QApplication.instance() and QApplication.instance().quit()
    os._exit(code)  # skip interpreter teardown of Qt objects (no user data is at stake)
