"""Team review in the window (issue 16): the sync indicator's states, the 团队 menu and
background sync, the connect / members / history dialogs; authors in colour with a
filter by author, and replies edited and deleted from the annotations panel.

No PostgreSQL server here: the window is driven on the real Library, and where a state
needs a server (connected, synced, failed, conflicts) ``FakeTeam`` stands in for
``library.team`` — it answers as the server would and writes what a colleague "sent"
into the real local library.  Authors, the filter and replies are local: tested for real."""
from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reader.store.library import Span
from reader.team.errors import Cancelled, TeamError
from reader.ui.annotations_panel import ANN_ROLE, REPLY_ROLE
from reader.ui.authors import AUTHOR_ROLE, AUTHOR_SPAN_ROLE, author_color, contrast
from reader.ui.team_dialogs import ConnectDialog, HistoryDialog, MembersDialog, local_time, password_in
from reader.store.team import Conflict, FieldChange, Member, TeamStatus
from reader.team.sync import SyncReport
from reader.ui.team_ui import AUTO_SYNC_MS, PUSH_SOON_MS
from tests.ui.conftest import doc_id

RULE = "测绘地理信息管理办法"
AT = "2026-03-02T06:41:00+00:00"


Status = TeamStatus  # the fake returns the real value types: no copy to drift from them


class FakeTeam:
    """``library.team`` with the server's side scripted (see the module's docstring)."""

    def __init__(self, connected: bool = True, role: str = "reviewer") -> None:
        self.state = Status(connected, "postgresql://db.example.cn/regreader" if connected else "",
                            "zhangsan" if connected else "", role if connected else "", None, 2)
        self.gate = threading.Event()
        self.gate.set()
        self.fail = ""
        self.pull: list = []  # colleagues' edits, written to the local library by a sync
        self.calls: list = []
        self.found: list[Conflict] = []
        self.changes: dict[str, list[FieldChange]] = {}

    def status(self) -> Status:
        return replace(self.state)

    def connect(self, url: str) -> Status:
        self.calls.append(("connect", url))
        if self.fail:
            raise TeamError(self.fail)
        self.state = Status(True, url, "zhangsan", "", None, 2)
        return self.status()

    def disconnect(self) -> None:
        self.calls.append("disconnect")
        self.state = Status(False)

    def sync(self, progress=None, cancelled=None) -> SyncReport:  # noqa: ANN001
        self.calls.append("sync")
        progress("push", 0, 1)
        progress("pull", 120, 480)
        self.gate.wait(10)
        if cancelled():
            raise Cancelled("sync cancelled: nothing was received")
        if self.fail:
            self.state = replace(self.state, last_error=self.fail, error_code="")
            raise TeamError(self.fail)
        for write in self.pull:
            write()
        self.state = replace(self.state, last_sync=AT, pending=0, last_error="",
                             role=self.state.role or "reviewer", conflicts=len(self.found))
        return SyncReport(pushed=2, pulled=len(self.pull), documents=0, conflicts=len(self.found), at=AT)

    def members(self) -> list[Member]:
        return [Member("zhangsan", self.state.role, "张三"), Member("lisi", "reviewer", "李四")]

    def grant(self, user: str, role: str) -> Member:
        self.calls.append(("grant", user, role))
        return Member(user, role, "")

    def history(self, ann_id: str) -> list[FieldChange]:
        return self.changes.get(ann_id, [])

    def conflicts(self) -> list[Conflict]:
        return list(self.found)

    def dismiss(self, conflict_id: str) -> bool:  # (local in the real one)
        kept = [c for c in self.found if c.id != conflict_id]
        gone, self.found = len(kept) < len(self.found), kept
        return gone


@pytest.fixture
def team_window(make_window, seeded_library, qtbot, monkeypatch):
    """A window on a library whose team server is the FakeTeam (connected); the sync that
    starts with the window has ended."""

    def make(team: FakeTeam | None = None):
        team = team or FakeTeam()
        monkeypatch.setattr(seeded_library, "team", team, raising=False)
        window = make_window(seeded_library)
        qtbot.waitUntil(lambda: window._first_paint.painted, timeout=5000)
        qtbot.wait(10)  # the sync the first paint lets start
        qtbot.waitUntil(lambda: not window.team_ui.syncing() and (
            "sync" in team.calls or not team.state.connected), timeout=5000)
        return window, team

    return make


def _note(window, library, author: str, note: str = "甲方是谁？", node: str = "art_17__para_2",
          quote: str = "招标单位"):
    doc = doc_id(library, RULE)
    if window.doc is None or window.doc.id != doc:
        assert window.open_document(doc)
    ann = library.annotations.add(doc, node, Span(quote=quote), note=note, author=author)
    window.annotator.refresh()
    return ann


def _index(panel, ann_id: str):
    model = panel.models["notes"]
    return model.match(model.index(0, 0), ANN_ROLE, ann_id, 1, Qt.MatchFlag.MatchRecursive)[0]


def _texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if a.text()]


def _action(menu, text: str):
    return next(a for a in menu.actions() if a.text() == text)


# -- the indicator and the menu --------------------------------------------------------------

def test_not_connected_says_so_and_a_click_asks_for_the_server(make_window, seeded_library) -> None:
    window = make_window(seeded_library)  # the real library.team: no server set
    team_ui = window.team_ui
    assert team_ui.indicator.isVisible() and team_ui.indicator.text() == "未连接团队"
    assert not team_ui.timer.isActive()
    assert _texts(team_ui.menu) == ["连接团队服务器…", "立即同步", "团队成员…", "断开连接"]
    assert window.menuBar().actions()[-2].menu() is team_ui.menu  # before 帮助
    assert team_ui.connect_action.isEnabled()
    assert not any(a.isEnabled() for a in (team_ui.sync_action, team_ui.members_action,
                                           team_ui.disconnect_action))
    asked = []
    team_ui.ask_connect = lambda: asked.append(1) or False
    team_ui.indicator.click()
    assert asked == [1] and team_ui.task is None


def test_sync_after_start_and_every_minute(team_window, qtbot) -> None:
    window, team = team_window()
    team_ui = window.team_ui
    assert team.calls == ["sync"]  # the library opened: synced once
    assert team_ui.indicator.text() == f"已同步 · {local_time(AT, short=True)}"
    assert team_ui.timer.isActive() and team_ui.timer.interval() == AUTO_SYNC_MS == 60000
    with qtbot.waitSignal(team_ui.synced, timeout=5000):
        team_ui.timer.timeout.emit()
    assert team.calls == ["sync", "sync"]
    tip = team_ui.indicator.toolTip()
    for words in ("postgresql://db.example.cn/regreader", "zhangsan（审阅人）", local_time(AT), "待同步：0 项"):
        assert words in tip


def test_an_edit_is_pushed_soon_and_a_sync_starts_no_other(team_window, qtbot) -> None:
    window, team = team_window()
    team_ui = window.team_ui
    window.annotator.changed.emit()          # a refresh with nothing waiting: no sync due
    assert not team_ui.soon.isActive()
    team.state = replace(team.state, pending=1)
    window.annotator.changed.emit()          # an edit: pushed a few seconds later
    assert team_ui.soon.isActive() and team_ui.soon.interval() == PUSH_SOON_MS
    with qtbot.waitSignal(team_ui.synced, timeout=5000):
        team_ui.soon.timeout.emit()
    assert team.calls == ["sync", "sync"] and not team_ui.soon.isActive()


def test_failed_then_synced_then_pending(team_window, qtbot) -> None:
    team = FakeTeam()
    team.fail = "服务器拒绝写入：读者不能修改批注"
    window, team = team_window(team)  # the first sync, as the window opened, failed
    team_ui = window.team_ui
    assert team_ui.indicator.text() == f"同步失败：{team.fail}"
    team.fail = ""
    with qtbot.waitSignal(team_ui.synced, timeout=5000):
        team_ui.indicator.click()
    assert team_ui.indicator.text() == f"已同步 · {local_time(AT, short=True)}"
    team.state = replace(team.state, pending=3)  # edits made since
    team_ui.refresh()
    assert team_ui.indicator.text() == "待同步 3 项" and "待同步：3 项" in team_ui.indicator.toolTip()
    assert team_ui.describe(Status(True, "service=team", "zhangsan", "editor"))[0] == "尚未同步"


def test_progress_then_cancel(team_window, qtbot) -> None:
    window, team = team_window()
    team_ui = window.team_ui
    team.gate.clear()
    task = team_ui.sync_now()
    assert task is not None and team_ui.syncing()
    qtbot.waitUntil(lambda: team_ui.indicator.text() == "同步中… 下载 120/480", timeout=5000)
    assert "正在下载同事的修改" in team_ui.indicator.toolTip()
    assert team_ui.cancel_button.isVisible() and not team_ui.sync_action.isEnabled()
    assert team_ui.sync_now() is task  # one at a time
    team_ui.cancel_button.click()
    team.gate.set()
    qtbot.waitUntil(lambda: not team_ui.syncing(), timeout=5000)
    assert window.statusBar().currentMessage().startswith("同步已取消")  # not a failure
    assert not team_ui.indicator.text().startswith("同步失败")
    assert not team_ui.cancel_button.isVisible() and team_ui.sync_action.isEnabled()


def test_a_failure_is_said_in_the_interfaces_words(team_window, qtbot) -> None:
    """The core records a code with its English sentence; the window says it in Chinese and
    keeps the sentence as the detail."""
    window, team = team_window()
    team.state = replace(team.state, last_error="cannot reach the team server db:5432: refused",
                         error_code="unreachable")
    window.team_ui.refresh()
    assert window.team_ui.indicator.text().startswith("同步失败：无法连接团队服务器")
    tip = window.team_ui.indicator.toolTip()
    assert "请检查网络" in tip and "详情：cannot reach the team server" in tip


def test_failure_in_words_then_recovery(team_window, qtbot) -> None:
    window, team = team_window()
    team_ui = window.team_ui
    team.fail = "无法连接服务器 db.example.cn：连接被拒绝（服务器是否在运行？）"
    with qtbot.waitSignal(team_ui.syncFailed, timeout=5000):
        team_ui.indicator.click()
    assert team_ui.indicator.text().startswith("同步失败：无法连接服务器 db.example.cn")
    assert f"错误：{team.fail}" in team_ui.indicator.toolTip()
    assert "color" in team_ui.indicator.styleSheet()
    assert "Traceback" not in window.statusBar().currentMessage()
    team.fail = ""
    with qtbot.waitSignal(team_ui.synced, timeout=5000):
        team_ui.sync_action.trigger()
    assert team_ui.indicator.text().startswith("已同步") and team_ui.indicator.styleSheet() == ""


def test_a_colleagues_note_appears_after_sync(team_window, qtbot) -> None:
    window, team = team_window()
    lib = window.library
    mine = _note(window, lib, "张三")
    doc = window.doc.id
    theirs = []
    team.pull = [lambda: theirs.append(lib.annotations.add(doc, "art_17__para_1", Span(quote="测绘单位"),
                                                           note="同意", author="李四"))]
    assert window.annotator.panel.row_ids() == [mine.id]
    with qtbot.waitSignal(window.team_ui.synced, timeout=5000):
        window.team_ui.sync_now()
    assert set(window.annotator.panel.row_ids()) == {mine.id, theirs[0].id}
    assert theirs[0].id in {a.id for a in window.annotator.annotations}  # marked in the text too
    assert window.view.layer.find(theirs[0].id) is not None


def test_conflict_mark_and_history(team_window, qtbot) -> None:
    window, team = team_window()
    lib, panel = window.library, window.annotator.panel
    ann = _note(window, lib, "张三")
    team.found = [Conflict("c1", "annotation", ann.id, "kept:deleted-there", "lisi", AT),
                  Conflict("c3", "annotation", ann.id, "field:note", "lisi", AT)]
    team.changes[ann.id] = [FieldChange("note", "甲方是谁？", "甲方是建设单位", "lisi", AT),
                            FieldChange("status", "open", "resolved", "zhangsan", AT)]
    with qtbot.waitSignal(window.team_ui.synced, timeout=5000):
        window.team_ui.sync_now()
    row = _index(panel, ann.id)
    assert row.data().splitlines()[-1] == "— 张三　⚠ 冲突"
    assert "冲突：同事删除了它，您同时修改了它：已保留；您与同事同时修改了“批注”" in row.data(Qt.ItemDataRole.ToolTipRole)
    menu = panel.build_menu("notes", ann.id)
    _action(menu, "修改历史…").trigger()
    dialog = window.team_ui.dialog
    assert isinstance(dialog, HistoryDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
    cells = [[dialog.table.item(r, c).text() for c in range(5)] for r in range(2)]
    assert cells[0] == [local_time(AT), "李四", "批注", "甲方是谁？", "甲方是建设单位"]  # lisi's name
    assert cells[1][2:] == ["状态", "未解决", "已解决"]
    dialog.close()
    window.team_ui.confirm = lambda _text: True
    assert window.team_ui.disconnect()
    assert "修改历史…" not in _texts(panel.build_menu("notes", ann.id))
    assert "冲突" not in _index(panel, ann.id).data()


def test_a_conflict_dismissed_from_the_menu(team_window, qtbot) -> None:
    window, team = team_window()
    lib, panel = window.library, window.annotator.panel
    ann = _note(window, lib, "张三")
    other = _note(window, lib, "王五", note="资质", node="art_17__para_1", quote="测绘单位")
    reply = lib.annotations.reply(other.id, "是建设单位", author="李四")
    team.found = [Conflict("c1", "annotation", ann.id, "field:tags", "lisi", AT),
                  Conflict("c2", "reply", reply.id, "kept:deleted-here", "lisi", AT)]
    window.team_ui.refresh()
    assert "冲突" in _index(panel, ann.id).data() and "冲突" in _index(panel, other.id).data()
    assert "冲突已处理" not in _texts(panel.build_menu("notes", _note(window, lib, "赵六", note="无").id))
    _action(panel.build_menu("notes", other.id), "冲突已处理").trigger()  # the reply's, on its note
    assert [c.id for c in team.found] == ["c1"]
    assert "冲突" not in _index(panel, other.id).data() and "冲突" in _index(panel, ann.id).data()


def test_members_dialog_owner_grants(team_window, qtbot) -> None:
    window, team = team_window(FakeTeam(role="owner"))
    dialog = window.team_ui.members_dialog()
    assert isinstance(dialog, MembersDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
    assert [dialog.table.item(1, c).text() for c in range(3)] == ["lisi", "李四", "审阅人"]
    assert dialog.grant_button.isVisible()
    dialog.table.selectRow(1)
    assert dialog.user.text() == "lisi" and dialog.role.currentData() == "reviewer"
    dialog.role.setCurrentIndex(dialog.role.findData("editor"))
    dialog.grant_button.click()
    qtbot.waitUntil(lambda: ("grant", "lisi", "editor") in team.calls and dialog.task is None, timeout=5000)
    dialog.close()


def test_members_dialog_reviewer_only_reads(team_window, qtbot) -> None:
    window, _team = team_window(FakeTeam(role="reviewer"))
    dialog = window.team_ui.members_dialog()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
    assert not dialog.grant_button.isVisible() and not dialog.user.isVisible()
    dialog.close()


def test_connect_dialog_refuses_a_password_and_says_why_it_failed(qtbot) -> None:
    from reader.ui.workers import TaskRunner

    team = FakeTeam(connected=False)
    runner = TaskRunner()
    dialog = ConnectDialog(None, team.connect, runner)
    qtbot.addWidget(dialog)
    for url in ("postgresql://zhang:secret@db/regreader", "host=db password=secret dbname=x",
                "postgresql://db/regreader?password=secret"):
        assert password_in(url)
        dialog.url.setText(url)
        assert dialog.start() is None
        assert "~/.pgpass" in dialog.message.text()
    assert not password_in("postgresql://zhang@db/regreader?sslmode=verify-full")
    dialog.url.setText("db.example.cn")
    assert dialog.start() is None and "service=" in dialog.message.text()
    assert team.calls == []
    team.fail = "服务器 db 拒绝了登录名 zhang：密码错误（请检查 ~/.pgpass）"
    dialog.url.setText("service=team")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=5000)
    assert dialog.message.text() == f"无法连接：{team.fail}" and dialog.url.isEnabled()
    team.fail = ""
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.connect_button.click()
    assert dialog.status.connected and team.calls[-1] == ("connect", "service=team")


def test_connect_from_the_indicator_then_first_sync_and_disconnect(team_window, qtbot) -> None:
    window, team = team_window(FakeTeam(connected=False))
    team_ui = window.team_ui
    assert team_ui.indicator.text() == "未连接团队" and team.calls == []
    team_ui.ask_connect = lambda: team.connect("service=team") is not None
    with qtbot.waitSignal(team_ui.synced, timeout=5000):
        team_ui.indicator.click()
    assert team.calls == [("connect", "service=team"), "sync"]
    assert team_ui.timer.isActive() and team_ui.disconnect_action.isEnabled()
    team_ui.confirm = lambda _text: False
    assert not team_ui.disconnect_action.trigger() and team.state.connected
    team_ui.confirm = lambda _text: True
    team_ui.disconnect_action.trigger()
    assert team.calls[-1] == "disconnect"
    assert team_ui.indicator.text() == "未连接团队" and not team_ui.timer.isActive()


def test_team_strings_in_english(team_window) -> None:
    window, _team = team_window()
    window.set_language("en")
    try:
        assert window.team_ui.menu.title() == "&Team"
        assert _texts(window.team_ui.menu) == ["Connect to team server…", "Sync now", "Team members…",
                                               "Disconnect"]
        assert window.team_ui.indicator.text() == f"Synced · {local_time(AT, short=True)}"
    finally:
        window.set_language("zh")


# -- authors, the filter, replies (local) ------------------------------------------------------

def test_author_colours_are_stable_distinct_and_readable() -> None:
    names = [f"审阅人{i}" for i in range(40)] + ["张三", "李四", "王律师", "李助理", "zhangsan", ""]
    for background in ("#ffffff", "#1d2025", "#f3f3f1"):
        for name in names:
            color = author_color(name, background)
            assert contrast(color, QColor(background)) >= 4.5, (name, background, color.name())
            assert author_color(name, background) == color  # the same every time
    hues = {author_color(n).hslHue() // 20 for n in ("张三", "李四", "王律师", "李助理", "赵六", "钱七")}
    assert len(hues) >= 4  # a handful of authors: told apart


def test_authors_painted_in_their_colour(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    window.annotations_dock.show()
    ann = _note(window, seeded_library, "王律师")
    reply = seeded_library.annotations.reply(ann.id, "好", author="李助理")
    window.annotator.refresh()
    panel = window.annotator.panel
    row = _index(panel, ann.id)
    line, start, end = row.data(AUTHOR_SPAN_ROLE)
    assert row.data(AUTHOR_ROLE) == "王律师" and row.data().splitlines()[line][start:end] == "王律师"
    child = panel.models["notes"].index(0, 0, row)
    assert child.data(REPLY_ROLE) == reply.id and child.data(AUTHOR_ROLE) == "李助理"
    line, start, end = child.data(AUTHOR_SPAN_ROLE)
    assert child.data().splitlines()[line][start:end] == "李助理"
    panel.views["notes"].clearSelection()
    panel.views["notes"].setCurrentIndex(panel.models["notes"].index(0, 0))  # a group row
    image = panel.views["notes"].viewport().grab().toImage()
    base = panel.views["notes"].palette().color(panel.views["notes"].palette().ColorRole.Base)
    wanted = {author_color(n, base).rgb() for n in ("王律师", "李助理")}
    seen = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    assert wanted <= seen  # each name drawn in its own colour


def test_filter_by_author(make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    lib, panel = seeded_library, window.annotator.panel
    a = _note(window, lib, "张三")
    b = _note(window, lib, "王五", note="资质", node="art_17__para_1", quote="测绘单位")
    lib.annotations.reply(a.id, "是建设单位", author="李四")
    window.annotator.refresh()
    items = [panel.author.itemText(i) for i in range(panel.author.count())]
    assert items == ["全部作者", "张三 (1)", "李四 (1)", "王五 (1)"] or items[0] == "全部作者" and \
        sorted(items[1:]) == sorted(["张三 (1)", "李四 (1)", "王五 (1)"])
    assert not panel.author.itemIcon(1).isNull()  # the author's colour beside the name
    panel.author.setCurrentIndex(panel.author.findData("王五"))
    assert panel.row_ids() == [b.id]
    panel.author.setCurrentIndex(panel.author.findData("李四"))  # answered in 张三's thread
    assert panel.row_ids() == [a.id]
    window.annotator.refresh()  # a refresh keeps the choice
    assert panel.author.currentData() == "李四" and panel.row_ids() == [a.id]
    panel.author.setCurrentIndex(0)
    assert set(panel.row_ids()) == {a.id, b.id}


def test_reply_edited_and_deleted_from_its_row_undoably(make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    lib, panel, an = seeded_library, window.annotator.panel, window.annotator
    ann = _note(window, lib, "张三")
    reply = lib.annotations.reply(ann.id, "是建设单位", author="李四")
    an.refresh()
    assert "编辑回复…" not in _texts(panel.build_menu("notes", ann.id))
    menu = panel.build_menu("notes", ann.id, reply.id)
    assert _texts(menu)[:2] == ["编辑回复…", "删除回复"]
    asked = []
    an.ask_reply_edit = lambda a, r: asked.append((a.id, r.text)) or "是建设单位（第四十二条）"
    _action(menu, "编辑回复…").trigger()
    assert asked == [(ann.id, "是建设单位")]
    assert lib.annotations.get_reply(reply.id).text == "是建设单位（第四十二条）"
    child = panel.models["notes"].index(0, 0, _index(panel, ann.id))
    assert child.data() == "↳ 李四 — 是建设单位（第四十二条）"
    assert an.stack.undoText() == "编辑回复"
    an.stack.undo()
    assert lib.annotations.get_reply(reply.id).text == "是建设单位"
    an.stack.redo()
    assert lib.annotations.get_reply(reply.id).text == "是建设单位（第四十二条）"
    an.ask_reply_edit = lambda a, r: None  # cancelled: nothing pushed
    _action(panel.build_menu("notes", ann.id, reply.id), "编辑回复…").trigger()
    assert an.stack.undoText() == "编辑回复"
    _action(panel.build_menu("notes", ann.id, reply.id), "删除回复").trigger()
    assert lib.annotations.replies(ann.id) == []
    assert panel.models["notes"].rowCount(_index(panel, ann.id)) == 0
    an.stack.undo()
    assert [r.id for r in lib.annotations.replies(ann.id)] == [reply.id]
    assert panel.models["notes"].rowCount(_index(panel, ann.id)) == 1
