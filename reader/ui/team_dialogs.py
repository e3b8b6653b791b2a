"""The team's dialogs (团队 menu, issue 16): connecting to the team's PostgreSQL server,
its members and their roles, and an annotation's history of changes.

Each call to the server may be slow or hang on a bad network, so it runs on the window's
worker threads (:func:`run_team`) and the dialog fills or answers when it comes back; a
refusal arrives as the server's words (a ``UserError``), never as a traceback."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QWidget)

from reader.core.errors import UserError
from reader.ui.authors import is_dark
from reader.ui.icons import hbox, muted_label, vbox
from reader.ui.workers import Task, TaskRunner

ROLES = ("reader", "reviewer", "editor", "owner")


class Refused:
    """What a team call on a worker returns instead of raising a UserError: its words."""

    def __init__(self, words: str) -> None:
        self.words = words


def run_team(runner: TaskRunner, fn: Callable[[Task], Any], done: Callable[[Any], None],
             failed: Callable[[str], None], name: str,
             progress: Callable[[int, int, str], None] | None = None) -> Task:
    """Run a team call on a worker: ``done(result)``, or ``failed(words)`` — the UserError's
    sentence as it is, or the first line of an unexpected error."""

    def work(task: Task) -> Any:
        try:
            return fn(task)
        except UserError as exc:
            return Refused(str(exc) or type(exc).__name__)

    def finish(result: Any) -> None:
        if isinstance(result, Refused):
            failed(result.words)
        else:
            done(result)

    return runner.start(work, on_done=finish, on_error=lambda m: failed(m.splitlines()[0]),
                        on_progress=progress, name=name)


def local_time(iso: str | None, short: bool = False) -> str:
    """A UTC ISO time as the user's clock shows it: ``HH:MM`` today when ``short``, else
    ``YYYY-MM-DD HH:MM`` (empty for no time)."""
    if not iso:
        return ""
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    when = when.astimezone()
    if short and when.date() == datetime.now().astimezone().date():
        return when.strftime("%H:%M")
    return when.strftime("%Y-%m-%d %H:%M")


def error_color(widget: QWidget) -> str:
    """Red that reads on the widget's background, light or dark."""
    return "#ff8a7a" if is_dark(widget.palette().color(QPalette.ColorRole.Window)) else "#b3261e"


def password_in(url: str) -> bool:
    """Whether a libpq URI or key=value string carries a password (it must not: it would be
    kept in the settings; ~/.pgpass or a service file hold it instead)."""
    text = url.strip()
    if "://" in text:
        try:
            parts = urlsplit(text)
            return bool(parts.password) or "password" in parse_qs(parts.query)
        except ValueError:
            return False
    return any(p.split("=", 1)[0].strip().lower() == "password" for p in text.split() if "=" in p)


class ConnectDialog(QDialog):
    """团队 → 连接团队服务器…: a postgresql:// URI or service=NAME; the connection is tried
    on a worker and the dialog closes once the server has answered."""

    def __init__(self, parent: QWidget | None, connect: Callable[[str], Any], runner: TaskRunner,
                 url: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("teamConnectDialog")
        self.setWindowTitle(self.tr("连接团队服务器"))
        self.setMinimumWidth(520)
        self._connect, self._runner = connect, runner
        self.task: Task | None = None
        self.status: Any = None  # the TeamStatus once connected
        self.url = QLineEdit(url, self)
        self.url.setObjectName("teamUrl")
        self.url.setPlaceholderText("postgresql://zhangsan@db.example.cn/regreader?sslmode=verify-full")
        intro = QLabel(self.tr("团队服务器地址（PostgreSQL 连接 URI，或 service=服务名）："), self)
        hint = muted_label(self, self.tr(
            "密码不要写在地址里：请放在 ~/.pgpass 或 PostgreSQL 服务文件（~/.pg_service.conf）中，"
            "法规阅读器不保存密码。建议使用 sslmode=verify-full。"))
        self.message = muted_label(self)
        self.message.setObjectName("teamConnectMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = QPushButton(self.tr("连接"), self)
        self.connect_button.setObjectName("teamConnectButton")
        self.connect_button.setDefault(True)
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.connect_button.clicked.connect(self.start)
        vbox(self, intro, self.url, hint, self.message, self.buttons, margins=(12, 12, 12, 12), spacing=8)

    def problem(self, url: str) -> str:
        """Why the address cannot be used as typed (empty: it can be tried)."""
        text = url.strip()
        if not text:
            return self.tr("请输入服务器地址")
        if password_in(text):
            return self.tr("地址中含有密码。请删去密码，把它写进 ~/.pgpass 或服务文件。")
        if "://" not in text and "=" not in text:
            return self.tr("地址应以 postgresql:// 开头，或写作 service=服务名")
        return ""

    def start(self) -> Task | None:
        """Try the address on a worker (nothing is tried while it has a problem)."""
        url = self.url.text().strip()
        problem = self.problem(url)
        if problem:
            self._say(problem, error=True)
            return None
        self._busy(True)
        self._say(self.tr("正在连接…"))
        connect = self._connect
        self.task = run_team(self._runner, lambda _t: connect(url), self._connected, self._failed,
                             name="team-connect")
        return self.task

    def _connected(self, status: Any) -> None:
        self.task, self.status = None, status
        self.accept()

    def _failed(self, words: str) -> None:
        self.task = None
        self._busy(False)
        self._say(self.tr("无法连接：{0}").format(words), error=True)

    def _busy(self, busy: bool) -> None:
        self.url.setEnabled(not busy)
        self.connect_button.setEnabled(not busy)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {error_color(self)}" if error else "")
        self.message.setText(text)


def _table(parent: QWidget, name: str, columns: int, stretch: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


class MembersDialog(QDialog):
    """团队 → 团队成员…: who is in the team and with which role; the owner may give a
    login role another role (the database enforces what each role may do)."""

    loaded = Signal()  # the list arrived (tests wait for it)

    def __init__(self, parent: QWidget | None, team: Any, runner: TaskRunner, own_role: str) -> None:
        super().__init__(parent)
        self.setObjectName("teamMembersDialog")
        self.setWindowTitle(self.tr("团队成员"))
        self.resize(560, 380)
        self._team, self._runner = team, runner
        self.members: list[Any] = []
        self.task: Task | None = None
        self.table = _table(self, "teamMembers", 3, 1)
        self.table.setHorizontalHeaderLabels([self.tr("登录名"), self.tr("姓名"), self.tr("角色")])
        self.table.itemSelectionChanged.connect(self._picked)
        self.user = QLineEdit(self)
        self.user.setObjectName("grantUser")
        self.user.setPlaceholderText(self.tr("PostgreSQL 登录名"))
        self.role = QComboBox(self)
        self.role.setObjectName("grantRole")
        for role in ROLES:
            self.role.addItem(self.role_words()[role], role)
        self.grant_button = QPushButton(self.tr("授予角色"), self)
        self.grant_button.setObjectName("grantButton")
        self.grant_button.clicked.connect(self.grant)
        self.message = muted_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        owner = own_role == "owner"
        grant = hbox((self.user, 2), (self.role, 1), self.grant_button)
        hint = muted_label(self, self.tr("读者只能阅读；审阅人可批注、回复、改状态，只能修改自己的批注；"
                                         "编辑可修改所有批注；所有者管理成员。"))
        vbox(self, (self.table, 1), hint, *((grant,) if owner else ()), self.message, buttons,
             margins=(12, 12, 12, 12), spacing=8)
        for widget in (self.user, self.role, self.grant_button):
            widget.setVisible(owner)
        self.load()

    def role_words(self) -> dict[str, str]:
        return {"reader": self.tr("读者"), "reviewer": self.tr("审阅人"), "editor": self.tr("编辑"),
                "owner": self.tr("所有者")}

    def load(self) -> Task:
        self.message.setText(self.tr("正在读取成员…"))
        team = self._team
        self.task = run_team(self._runner, lambda _t: team.members(), self._loaded, self._failed,
                             name="team-members")
        return self.task

    def _loaded(self, members: list[Any]) -> None:
        self.task, self.members = None, list(members)
        words = self.role_words()
        _fill(self.table, [[m.user, m.display or "", words.get(m.role, m.role)] for m in self.members])
        self.message.setText(self.tr("共 {0} 名成员").format(len(self.members)))
        self.loaded.emit()

    def _failed(self, words: str) -> None:
        self.task = None
        self.grant_button.setEnabled(True)
        self.message.setText(self.tr("失败：{0}").format(words))
        self.loaded.emit()

    def _picked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.members):
            member = self.members[rows[0].row()]
            self.user.setText(member.user)
            self.role.setCurrentIndex(max(0, self.role.findData(member.role)))

    def grant(self) -> Task | None:
        """Give the login role typed (or picked) the role chosen; the list is read again."""
        user, role = self.user.text().strip(), self.role.currentData()
        if not user:
            self.message.setText(self.tr("请输入登录名"))
            return None
        self.grant_button.setEnabled(False)
        self.message.setText(self.tr("正在授予…"))
        team = self._team

        def granted(_member: Any) -> None:
            self.grant_button.setEnabled(True)
            self.load()

        self.task = run_team(self._runner, lambda _t: team.grant(user, role), granted, self._failed,
                             name="team-grant")
        return self.task


class HistoryDialog(QDialog):
    """修改历史…: every change to an annotation's fields, oldest first, with who made it and
    when — the values a merge replaced are kept there, so nothing a colleague wrote is lost.
    Who made a change is shown by their name in the team (their login when it has none)."""

    loaded = Signal()

    def __init__(self, parent: QWidget | None, team: Any, runner: TaskRunner, ann_id: str,
                 place: str) -> None:
        super().__init__(parent)
        self.setObjectName("annotationHistoryDialog")
        self.setWindowTitle(self.tr("修改历史"))
        self.resize(720, 360)
        self.changes: list[Any] = []
        self.task: Task | None = None
        heading = muted_label(self, place)
        self.table = _table(self, "annotationHistory", 5, 4)
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("修改人"), self.tr("内容"),
                                              self.tr("原值"), self.tr("新值")])
        self.message = muted_label(self, self.tr("正在读取修改历史…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        vbox(self, heading, (self.table, 1), self.message, buttons, margins=(12, 12, 12, 12), spacing=8)
        self.names: dict[str, str] = {}  # login → the member's name, for 修改人

        def fetch(_task: Task) -> list[Any]:
            changes = team.history(ann_id)
            try:
                self.names = {m.user: m.display for m in team.members() if m.display}
            except UserError:  # the logins will do
                pass
            return changes

        self.task = run_team(runner, fetch, self._loaded, self._failed, name="team-history")

    def field_words(self) -> dict[str, str]:
        return {"note": self.tr("批注"), "tags": self.tr("标签"), "category": self.tr("分类"),
                "status": self.tr("状态"), "quote": self.tr("引文"), "deleted": self.tr("删除"),
                "anchor": self.tr("位置"), "text": self.tr("文字"), "author": self.tr("作者")}

    def value(self, field: str, value: Any) -> str:
        """A field's value in words (a status as the panel names it, a list joined)."""
        if value is None or value == "":
            return self.tr("（空）")
        if field == "status":
            return {"open": self.tr("未解决"), "answered": self.tr("已答复"),
                    "resolved": self.tr("已解决")}.get(str(value), str(value))
        if isinstance(value, (list, tuple)):
            return "、".join(str(v) for v in value) or self.tr("（空）")
        return " ".join(str(value).split())

    def _loaded(self, changes: list[Any]) -> None:
        self.task, self.changes = None, list(changes)
        fields = self.field_words()
        _fill(self.table, [[local_time(c.at), self.names.get(c.by, c.by or ""), fields.get(c.field, c.field),
                            self.value(c.field, c.old), self.value(c.field, c.new)] for c in self.changes])
        self.message.setText(self.tr("共 {0} 处修改").format(len(self.changes)) if self.changes
                             else self.tr("服务器上还没有这条批注的修改记录"))
        self.loaded.emit()

    def _failed(self, words: str) -> None:
        self.task = None
        self.message.setText(self.tr("无法读取修改历史：{0}").format(words))
        self.loaded.emit()


__all__ = ["ConnectDialog", "HistoryDialog", "MembersDialog", "ROLES", "Refused", "error_color", "local_time",
           "password_in", "run_team"]
