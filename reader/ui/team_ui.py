"""The window's side of team review (issue 16): a sync indicator in the status bar, the
团队 menu, and syncing in the background.

The local library is the working copy; the team server is optional and may be away, so
nothing here waits on the network on the UI thread: ``library.team.status()`` and
``conflicts()`` are local reads, every other call runs on a worker (the window's
TaskRunner, with progress and cancel as imports have).  A sync starts after the library
opens, every minute while a server is set, a few seconds after an edit, and when the
indicator is clicked; once
it ends the library, the open document's marks and the panels are read again, as after
an import."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton

from reader.ui.team_dialogs import ConnectDialog, HistoryDialog, MembersDialog, error_color, local_time, run_team
from reader.ui.workers import Task

#: Background sync while connected: a sync that finds nothing costs one small query on
#: the server (about 10 ms, bench_team.py), so once a minute keeps colleagues close.
AUTO_SYNC_MS = 60 * 1000
#: An edit is pushed this long after the last one (a burst of edits: one sync).
PUSH_SOON_MS = 5 * 1000
#: Work that holds the library: a sync waits until it is done.
_BUSY = ("import", "samples", "remove")


class TeamController(QObject):
    #: A sync ended (the SyncReport); tests and the screenshots wait for it.
    synced = Signal(object)
    #: A sync failed (its reason in words).
    syncFailed = Signal(str)

    def __init__(self, window) -> None:  # noqa: ANN001 - the MainWindow
        super().__init__(window)
        self.w = window
        self.task: Task | None = None
        self._progress: tuple[int, int, str] = (0, 0, "")
        self._error = ""  # the last failure of this session (status().last_error may lag)
        self._conflict_ids: dict[str, list[str]] = {}  # annotation id → its conflicts' ids
        #: ``ask_connect() -> bool`` opens the connect dialog; ``confirm(text) -> bool`` asks
        #: before disconnecting.  Tests replace them.
        self.ask_connect: Callable[[], bool] = self._connect_dialog
        self.confirm: Callable[[str], bool] = self._confirm
        self.dialog: Any = None  # the members or history dialog last shown
        self.indicator = QToolButton(window)
        self.indicator.setObjectName("teamIndicator")
        self.indicator.setAutoRaise(True)
        self.indicator.clicked.connect(self.clicked)
        self.cancel_button = QToolButton(window)
        self.cancel_button.setObjectName("cancelTeamSync")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.indicator)
        window.statusBar().addPermanentWidget(self.cancel_button)
        self.timer = QTimer(self, interval=AUTO_SYNC_MS)
        self.timer.timeout.connect(self.auto_sync)
        self.soon = QTimer(self, interval=PUSH_SOON_MS, singleShot=True)
        self.soon.timeout.connect(self.auto_sync)
        self._build_menu(window)
        window.annotator.changed.connect(self._edited)
        window.annotator.panel.historyRequested.connect(self.history_dialog)
        window.annotator.panel.conflictDismissed.connect(self.dismiss_conflicts)
        window.installEventFilter(self)
        self.indicator.installEventFilter(self)
        self.retranslate()

    def _build_menu(self, w) -> None:  # noqa: ANN001
        self.connect_action = self._action("actTeamConnect", self.connect_dialog)
        self.sync_action = self._action("actTeamSync", lambda: self.sync_now())
        self.members_action = self._action("actTeamMembers", self.members_dialog)
        self.disconnect_action = self._action("actTeamDisconnect", self.disconnect)
        self.menu = QMenu(w)
        self.menu.setObjectName("teamMenu")
        self.menu.addActions([self.connect_action, self.sync_action, self.members_action])
        self.menu.addSeparator()
        self.menu.addAction(self.disconnect_action)
        w.menuBar().insertMenu(w.commands.menu_help.menuAction(), self.menu)

    def _action(self, name: str, slot: Callable[[], Any]) -> QAction:
        action = QAction(self.w)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(action)
        return action

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("团队(&T)"))
        for action, text, tip in (
                (self.connect_action, self.tr("连接团队服务器…"), self.tr("与团队的 PostgreSQL 服务器同步批注")),
                (self.sync_action, self.tr("立即同步"), self.tr("上传本地修改，下载同事的修改")),
                (self.members_action, self.tr("团队成员…"), self.tr("团队成员及其角色")),
                (self.disconnect_action, self.tr("断开连接"), self.tr("不再与团队服务器同步（本地批注保留）"))):
            action.setText(text)
            action.setStatusTip(tip)
        self.cancel_button.setText(self.tr("取消"))
        self.cancel_button.setToolTip(self.tr("停止同步（已完成的部分保留，下次继续）"))
        self.refresh()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if obj is self.w and kind == QEvent.Type.LanguageChange:
            self.retranslate()
        elif obj is self.indicator and kind == QEvent.Type.PaletteChange:
            self.refresh()  # the theme changed: the error's red follows it
        return False

    # -- state ---------------------------------------------------------------------------

    @property
    def team(self) -> Any:
        """The library's team service (None: a library without one)."""
        return getattr(self.w.library, "team", None)

    def status(self) -> Any:
        """The team status (local, fast), or None without a team service."""
        team = self.team
        if team is None:
            return None
        try:
            return team.status()
        except Exception:  # noqa: BLE001 - a closed library: nothing to show
            return None

    def connected(self) -> bool:
        status = self.status()
        return bool(status and status.connected)

    def syncing(self) -> bool:
        return self.task is not None

    def error(self, status: Any) -> str:
        """The last failure in the interface's words (the core's sentence when it has no code)."""
        if status is None:
            return ""
        detail = getattr(status, "last_error", "") or self._error
        if not detail:
            return ""
        return self.code_words(getattr(status, "error_code", "")) or detail

    def error_detail(self, status: Any) -> str:
        """The core's own sentence for the last failure (for the tooltip)."""
        return (getattr(status, "last_error", "") or self._error) if status is not None else ""

    def code_words(self, code: str) -> str:
        """What a failure code (reader.team.errors.CODES) means, and what to do."""
        return {
            "unreachable": self.tr("无法连接团队服务器：请检查网络和服务器地址"),
            "auth": self.tr("服务器拒绝登录：请在 ~/.pgpass 或服务文件中设置正确的密码"),
            "password-in-url": self.tr("地址中含有密码：请把密码写入 ~/.pgpass，地址中不要写密码"),
            "bad-url": self.tr("服务器地址无效：应为 postgresql://… 或 service=名称"),
            "not-member": self.tr("您还不是该团队的成员：请团队所有者为您授予角色"),
            "not-team": self.tr("该数据库不是法规阅读器团队服务器：请所有者先运行 team init"),
            "schema-newer": self.tr("团队服务器由更新版本的法规阅读器建立：请升级本程序"),
            "schema-older": self.tr("团队服务器版本较旧：请所有者运行 team init 升级"),
            "schema-foreign": self.tr("团队服务器的结构无法识别：未做任何修改"),
            "lost": self.tr("与服务器的连接中断：未留下半途的修改，请稍后再同步"),
            "refused": self.tr("服务器拒绝了这项操作：您的团队角色无此权限"),
            "bad-data": self.tr("服务器发来的数据有误，已全部拒收：本机文库未改动"),
            "not-connected": self.tr("本文库尚未连接团队服务器"),
            "server": self.tr("服务器出错：未做任何修改"),
        }.get(code, "")

    def refresh(self) -> None:
        """The indicator, the menu, the timer and the panel's 冲突 marks, from the status."""
        status = None if self.syncing() else self.status()
        has_team = self.team is not None
        connected = bool(status and status.connected) or self.syncing()
        self.indicator.setVisible(has_team)
        self.menu.setEnabled(has_team)
        self.sync_action.setEnabled(connected and not self.syncing())
        self.members_action.setEnabled(connected)
        self.disconnect_action.setEnabled(connected and not self.syncing())
        self.connect_action.setEnabled(has_team and not self.syncing())
        if connected and not self.timer.isActive():
            self.timer.start()
        elif not connected:
            self.timer.stop()
        text, tip, failed = self.describe(status)
        self.indicator.setText(text)
        self.indicator.setToolTip(tip)
        style = f"QToolButton {{ color: {error_color(self.indicator)} }}" if failed else ""  # (not its tooltip)
        if self.indicator.styleSheet() != style:  # (setting it sends a PaletteChange: no loop)
            self.indicator.setStyleSheet(style)
        if not self.syncing():
            self.w.annotator.panel.set_team(connected, self._conflicts() if connected else {})

    def _edited(self) -> None:
        """An edit (or a refresh after one): show it waiting, and push it soon — only when
        something waits, so the refresh a sync itself causes starts no other sync."""
        self.refresh()
        status = None if self.syncing() else self.status()
        if status is not None and status.connected and status.pending:
            self.soon.start()

    def _conflicts(self) -> dict[str, str]:
        """Annotation (or reply's annotation) id → the reason the last sync flagged it."""
        try:
            found = self.team.conflicts()
        except Exception:  # noqa: BLE001 - a closed library
            return {}
        out: dict[str, str] = {}
        self._conflict_ids = {}
        for c in found:
            owner = self._reply_owner(c.item_id) if getattr(c, "kind", "") == "reply" else None
            words = self.reason_words(c.reason or "")
            for key in filter(None, (c.item_id, owner)):
                out[key] = "；".join(x for x in (out.get(key), words) if x)
                self._conflict_ids.setdefault(key, []).append(getattr(c, "id", ""))
        return out

    def reason_words(self, reason: str) -> str:
        """Why the sync flagged an item, in words (the core records it as a short code)."""
        fields = {"note": self.tr("批注"), "tags": self.tr("标签"), "category": self.tr("分类"),
                  "status": self.tr("状态"), "text": self.tr("回复"), "relation": self.tr("关系")}
        if reason.startswith("field:"):
            name = reason.split(":", 1)[1]
            return self.tr("您与同事同时修改了“{0}”：以服务器上较晚的为准，较早的见修改历史").format(
                fields.get(name, name))
        return {"kept:deleted-here": self.tr("您删除了它，同事同时修改了它：已保留"),
                "kept:deleted-there": self.tr("同事删除了它，您同时修改了它：已保留"),
                "refused:role": self.tr("您的团队角色无权共享这项修改，它只保存在本机")}.get(reason, reason)

    def dismiss_conflicts(self, ann_id: str) -> int:
        """冲突已处理: the user has looked at the note; its conflicts are no longer marked
        (the server's history keeps every value).  Returns how many were dismissed."""
        team, ids = self.team, [i for i in self._conflict_ids.get(ann_id, []) if i]
        done = 0
        for conflict_id in ids:
            try:
                done += bool(team.dismiss(conflict_id))
            except Exception as exc:  # noqa: BLE001 - say why, keep the window
                self._say(self.tr("无法取消冲突标记：{0}").format(exc), 8000)
                break
        self.refresh()
        return done

    def _reply_owner(self, reply_id: str) -> str | None:
        try:
            return self.w.library.annotations.get_reply(reply_id).annotation_id
        except Exception:  # noqa: BLE001 - gone meanwhile
            return None

    def describe(self, status: Any) -> tuple[str, str, bool]:
        """The indicator's text, its tooltip, and whether it reports a failure."""
        if self.syncing():
            done, total, stage = self._progress
            short, long = {"push": (self.tr("上传"), self.tr("正在上传本地的修改")),
                           "pull": (self.tr("下载"), self.tr("正在下载同事的修改"))}.get(stage, ("", stage))
            text = " ".join(x for x in (self.tr("同步中…"), short, f"{done}/{total}" if total > 1 else "") if x)
            return text, "\n".join(x for x in (long, self.tr("点击“取消”可停止同步")) if x), False
        if status is None or not status.connected:
            return self.tr("未连接团队"), self.tr("未连接团队服务器：批注只保存在本机。\n点击连接团队服务器"), False
        words = {"reader": self.tr("读者"), "reviewer": self.tr("审阅人"), "editor": self.tr("编辑"),
                 "owner": self.tr("所有者")}
        lines = [self.tr("服务器：{0}").format(status.server),
                 self.tr("用户：{0}（{1}）").format(status.user, words.get(status.role, status.role or self.tr("角色未知"))),
                 self.tr("上次同步：{0}").format(local_time(status.last_sync) or self.tr("从未")),
                 self.tr("待同步：{0} 项").format(status.pending),
                 self.tr("冲突：{0} 项").format(status.conflicts)]
        error, detail = self.error(status), self.error_detail(status)
        if error:
            lines.append(self.tr("错误：{0}").format(error))
            if detail and detail != error:
                lines.append(self.tr("详情：{0}").format(detail))
        lines.append(self.tr("点击立即同步"))
        tip = "\n".join(lines)
        if error:
            short = " ".join(error.split())
            return self.tr("同步失败：{0}").format(short if len(short) <= 40 else short[:39] + "…"), tip, True
        if status.pending:
            return self.tr("待同步 {0} 项").format(status.pending), tip, False
        if status.last_sync:
            return self.tr("已同步 · {0}").format(local_time(status.last_sync, short=True)), tip, False
        return self.tr("尚未同步"), tip, False

    # -- commands ------------------------------------------------------------------------

    def start(self) -> None:
        """The library is open: sync once the window has painted (if a server is set)."""
        self.refresh()
        self.w.after_first_paint(self.auto_sync)

    def stop(self) -> None:
        self.timer.stop()
        self.soon.stop()
        self.cancel()

    def clicked(self) -> None:
        """The indicator: connect when no server is set, else sync now."""
        if self.syncing():
            return
        if not self.connected():
            self.connect_dialog()
        else:
            self.sync_now()

    def auto_sync(self) -> Task | None:
        """The timer's (and the start's) sync: only when connected and the library is free."""
        runner = self.w.runner
        if self.syncing() or not self.connected() or any(runner.busy(n) for n in _BUSY):
            return None
        return self.sync_now(quiet=True)

    def sync_now(self, quiet: bool = False) -> Task | None:
        """Push the local changes and pull the team's, on a worker."""
        team = self.team
        if team is None or self.syncing():
            return self.task
        if not self.connected():
            if not quiet:
                self.connect_dialog()
            return None
        if any(self.w.runner.busy(n) for n in _BUSY):
            self._say(self.tr("导入完成后再同步"))
            return None
        self._progress = (0, 0, "")

        def work(task: Task) -> Any:  # on the worker thread
            return team.sync(progress=lambda stage, done, total: task.progress(done, total, stage),
                             cancelled=task.cancelled)

        self.soon.stop()  # this sync takes every waiting edit along
        self.task = run_team(self.w.runner, work, self._synced, self._failed, name="team-sync",
                             progress=self._progressed)
        self.cancel_button.show()
        self.refresh()
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def _progressed(self, done: int, total: int, stage: str) -> None:
        if self.task is not None:
            self._progress = (done, total, stage)
            self.refresh()

    def _end(self) -> None:
        self.task = None
        self.cancel_button.hide()
        self.cancel_button.setEnabled(True)

    def _synced(self, report: Any) -> None:
        self._end()
        self._error = ""
        w = self.w
        if getattr(report, "documents", 0):  # documents colleagues' notes sit on arrived
            w.refresh_library()
            w.annotator.forget_documents()
        w.annotator.refresh()  # emits changed → refresh()
        self.refresh()
        said = [self.tr("已同步：上传 {0} 项，下载 {1} 项").format(report.pushed, report.pulled)]
        if getattr(report, "conflicts", 0):
            said.append(self.tr("{0} 项冲突已保留并标出").format(report.conflicts))
        if getattr(report, "refused", 0):
            said.append(self.tr("{0} 项修改您的角色无权共享，留在本机").format(report.refused))
        self._say(self.tr("，").join(said), 8000)
        self.synced.emit(report)

    def _failed(self, words: str) -> None:
        cancelled = self.task is not None and self.task.cancelled()
        self._end()
        if cancelled:  # the user stopped it: nothing failed, nothing half-done was kept
            self.refresh()
            self._say(self.tr("同步已取消：未留下半途的修改"), 8000)
            return
        self._error = words
        self.refresh()
        self._say(self.tr("同步失败：{0}").format(self.error(self.status()) or words), 8000)
        self.syncFailed.emit(words)

    def _say(self, text: str, msecs: int = 5000) -> None:
        self.w.statusBar().showMessage(text, msecs)

    def connect_dialog(self) -> bool:
        """团队 → 连接团队服务器…; connected: a first sync starts."""
        if self.team is None or self.syncing():
            return False
        if not self.ask_connect():
            return False
        self._error = ""
        self.refresh()
        self.sync_now(quiet=True)
        return True

    def _connect_dialog(self) -> bool:
        status = self.status()
        dialog = ConnectDialog(self.w, self.team.connect, self.w.runner,
                               status.server if status is not None and status.connected else "")
        try:
            return dialog.exec() == ConnectDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def disconnect(self) -> bool:
        """团队 → 断开连接: the local notes stay; nothing syncs any more."""
        if self.team is None or self.syncing() or not self.connected():
            return False
        if not self.confirm(self.tr("断开与团队服务器的连接？\n本地的批注全部保留，只是不再同步。")):
            return False
        try:
            self.team.disconnect()
        except Exception as exc:  # noqa: BLE001 - say why, keep the window
            self._say(self.tr("无法断开：{0}").format(exc), 8000)
            return False
        self._error = ""
        self.refresh()
        self._say(self.tr("已断开团队服务器"))
        return True

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self.w, self.tr("断开连接"), text)
        return answer == QMessageBox.StandardButton.Yes

    def members_dialog(self) -> MembersDialog | None:
        """团队 → 团队成员…: the list (read on a worker); the owner may grant roles."""
        status = self.status()
        if status is None or not status.connected:
            return None
        self.dialog = MembersDialog(self.w, self.team, self.w.runner, status.role)
        self.dialog.show()
        return self.dialog

    def history_dialog(self, ann_id: str) -> HistoryDialog | None:
        """修改历史… of an annotation (from the panel's menu)."""
        if not self.connected():
            return None
        try:
            ann = self.w.library.annotations.get(ann_id)
        except Exception:  # noqa: BLE001 - gone meanwhile
            return None
        place = self.w.annotator.cite(ann.doc_id, ann.node_id)
        if ann.quote:
            place += f" “{ann.quote[:40]}”"
        self.dialog = HistoryDialog(self.w, self.team, self.w.runner, ann.id, place)
        self.dialog.show()
        return self.dialog


__all__ = ["TeamController", "AUTO_SYNC_MS", "PUSH_SOON_MS"]
