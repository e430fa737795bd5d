"""Personal-data archives in the app: export (progress, cancel, passphrase), open offline as the
active view, verify (good and tampered), compare, and convert to SQLite — against a real shop."""

from __future__ import annotations

import socket
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from client.api import ShopApi
from client.archive import ArchiveError
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER
from tests.ui.conftest import wait_loaded
from ui.archive_dialogs import CompareDialog, ExportDialog, SqliteDialog, VerifyDialog, WorkDialog
from ui.errors import user_message
from ui.formats import format_datetime
from ui.main_window import MainWindow
from ui.pages.overview import OverviewPage
from ui.pages.tracks import TracksPage
from ui.widgets.load_state import LoadState

SMALL = ["account", "categories", "tracks", "tags"]


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def run_dialog(qtbot: QtBot, dialog: WorkDialog, timeout: int = 120000) -> None:
    with qtbot.waitSignal(dialog.work_finished, timeout=timeout):
        dialog.start()


def export(
    qtbot: QtBot,
    window: MainWindow,
    path: Path,
    *,
    sections: list[str] | None = None,
    passphrase: str = "",
) -> ExportDialog:
    dialog = ExportDialog(window.runner, window.session, window)
    if sections is not None:
        dialog.set_sections(sections)
    dialog.passphrase.setText(passphrase)
    dialog.passphrase_again.setText(passphrase)
    dialog.save_path.set_path(path)
    run_dialog(qtbot, dialog)
    assert dialog.error is None, dialog.error
    return dialog


def open_in_window(
    qtbot: QtBot, window: MainWindow, path: Path, passphrase: str | None = None
) -> None:
    with qtbot.waitSignal(window.archive_opener.opened, timeout=60000):
        window.open_archive(str(path), passphrase)


def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    attempts: list[Any] = []

    def refuse(_self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_export_reports_progress_and_the_archive_opens_offline(
    qtbot: QtBot,
    window: MainWindow,
    shop_api: ShopApi,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tracks_held = next(c.count for c in shop_api.list_categories() if c.key == "tracks")
    newest = shop_api.list_tracks(limit=5).items
    path = tmp_path / "lin.zip"
    dialog = ExportDialog(window.runner, window.session, window)
    reports: list[tuple[int, int]] = []
    original = dialog._report

    def spy(done: int, total: int) -> None:
        reports.append((done, total))
        original(done, total)

    dialog._report = spy  # type: ignore[method-assign]
    dialog.save_path.set_path(path)
    run_dialog(qtbot, dialog)
    assert dialog.error is None, dialog.error
    assert path.is_file()
    assert reports
    assert reports[-1][0] == reports[-1][1] > 0
    status = dialog.status.text()
    assert str(path) in status
    assert dialog.result.sha256 in status
    dialog.close()

    attempts = no_network(monkeypatch)
    open_in_window(qtbot, window, path)
    view = window.session.view()
    assert view is not None
    assert view.archive is not None
    assert not view.can_change
    assert not view.assisting
    assert window.archive_banner.isVisible()
    banner = window.archive_banner.text
    assert banner.startswith("Archive of ")
    assert "not signed" in banner
    # when it was made, in local time as every other time on screen (not sliced ISO UTC)
    made = datetime.fromisoformat(view.archive.created_at)
    made = made if made.tzinfo else made.replace(tzinfo=UTC)
    assert f"created {format_datetime(made)} —" in banner, banner
    assert "T" not in banner.split("created ")[1].split(" —")[0]
    assert "checksums ✓" in banner

    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    window.select_page("overview")
    assert wait_loaded(qtbot, overview) is LoadState.CONTENT
    assert overview.view is not None
    assert overview.view.archive is view.archive
    assert overview.cards["tracks"].figure.text() == f"{tracks_held:,}"

    tracks = window.pages["tracks"]
    assert isinstance(tracks, TracksPage)
    window.select_page("tracks")
    assert wait_loaded(qtbot, tracks) is LoadState.CONTENT
    qtbot.waitUntil(lambda: not tracks.history_model.loading, timeout=15000)
    shown = [t.id for t in tracks.history_model.rows[:5]]
    assert shown == [t.id for t in newest]
    # read only: the controls that would change data are absent, as in assist mode
    assert not tracks.delete_all_button.isVisible()
    assert not tracks.delete_selected_button.isVisible()
    assert not window.archive_key_button.isVisible()  # not signed: nothing to check
    assert attempts == []

    monkeypatch.undo()
    window.archive_banner.button.click()
    assert window.session.archive is None
    assert not window.archive_banner.isVisible()
    live = window.session.view()
    assert live is not None
    assert live.archive is None
    assert live.can_change


def test_cancel_leaves_no_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "cancelled.zip"
    dialog = ExportDialog(window.runner, window.session, window)
    dialog.save_path.set_path(path)
    with qtbot.waitSignal(dialog.work_finished, timeout=60000):
        dialog.start()
        dialog.cancel()
    assert isinstance(dialog.error, ArchiveError)
    assert dialog.error.reason == "cancelled"
    assert not path.exists()
    assert list(tmp_path.glob("cancelled*")) == []
    assert "nothing was saved" in dialog.status.text()


def test_export_checks_its_inputs(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportDialog(window.runner, window.session, window)
    dialog.save_path.set_path(tmp_path / "x.zip")
    dialog.passphrase.setText("one")
    dialog.passphrase_again.setText("two")
    dialog.start()
    assert not dialog.busy
    assert "differ" in dialog.status.text()
    dialog.passphrase_again.setText("one")
    dialog.set_sections([])
    dialog.start()
    assert not dialog.busy
    assert "at least one" in dialog.status.text()
    assert not (tmp_path / "x.zip").exists()


def test_verify_good_and_tampered(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "good.zip"
    export(qtbot, window, path, sections=SMALL)
    dialog = VerifyDialog(window.runner, window.session, window)
    dialog.archive_path.set_path(path)
    run_dialog(qtbot, dialog)
    assert dialog.result.ok
    assert dialog.report_view.toPlainText().startswith("OK")

    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "tampered.zip"
    bad.write_bytes(bytes(data))
    dialog.archive_path.set_path(bad)
    run_dialog(qtbot, dialog)
    assert not dialog.result.ok
    text = dialog.report_view.toPlainText()
    assert text.startswith("Problems found:")
    assert dialog.result.reason in text


def test_compare_shows_deleted_tracks(
    qtbot: QtBot, window: MainWindow, shop_api: ShopApi, tmp_path: Path, qtmodeltester: Any
) -> None:
    before, after = tmp_path / "before.zip", tmp_path / "after.zip"
    export(qtbot, window, before, sections=SMALL)
    doomed = shop_api.list_tracks(limit=3).items
    gone = [t.id for t in doomed]
    for track_id in gone:
        shop_api.delete_track(track_id)
    export(qtbot, window, after, sections=SMALL)

    dialog = CompareDialog(window.runner, window)
    dialog.old_path.set_path(before)
    dialog.new_path.set_path(after)
    run_dialog(qtbot, dialog)
    assert dialog.error is None, dialog.error
    qtmodeltester.check(dialog.model)
    rows = {d.section: d for d in dialog.model.rows}
    assert sorted(str(item["id"]) for item in rows["tracks"].removed) == sorted(gone)
    assert not rows["tracks"].added
    dialog.select_section("tracks")
    details = dialog.details.toPlainText()
    # each by its words and time, not by its record id
    assert all(f"- {t.text} (" in details for t in doomed), details
    assert not any(track_id in details for track_id in gone)


def test_to_sqlite(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path, db = tmp_path / "a.zip", tmp_path / "a.db"
    export(qtbot, window, path, sections=SMALL)
    dialog = SqliteDialog(window.runner, window)
    dialog.archive_path.set_path(path)
    dialog.out_path.set_path(db)
    run_dialog(qtbot, dialog)
    assert dialog.error is None, dialog.error
    assert db.is_file()
    assert "tracks" in dialog.status.text()
    with sqlite3.connect(db) as connection:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        assert "tracks" in tables
        assert connection.execute("SELECT count(*) FROM tracks").fetchone()[0] > 0


def test_encrypted_export_opens_with_its_passphrase(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.pdarchive.enc"
    export(qtbot, window, path, sections=SMALL, passphrase="correct horse")
    assert not path.read_bytes().startswith(b"PK")

    no_network(monkeypatch)
    opener = window.archive_opener
    window.open_archive(str(path))
    qtbot.waitUntil(lambda: opener.passphrase_dialog is not None, timeout=30000)
    dialog = opener.passphrase_dialog
    assert dialog is not None
    with qtbot.waitSignal(opener.opened, timeout=60000):
        dialog.setTextValue("correct horse")
        dialog.accept()
    view = window.session.view()
    assert view is not None
    assert view.archive is not None
    assert view.archive.report.encrypted
    assert "Archive of" in window.archive_banner.text

    # Consents were not exported: the Overview says so instead of failing obscurely.
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    window.select_page("overview")
    assert wait_loaded(qtbot, overview) is LoadState.ERROR
    assert overview.stack.error_text == "This archive does not contain this part."


def test_user_messages_for_archives() -> None:
    from client.archive import NotInArchive, ReadOnlyArchive

    assert user_message(NotInArchive("x")) == "This archive does not contain this part."
    assert "read" in user_message(ReadOnlyArchive("x"))
    assert "passphrase" in user_message(ArchiveError("wrong_passphrase", "x"))


def complete_access_request(shop: RunningShop, api: ShopApi) -> str:
    from server.processor import RequestProcessor

    created = api.create_request("access").request
    api.verify_request(created.id, api.get_demo_verification_code(created.id).code)
    processor = RequestProcessor(shop.ctx)
    for _ in range(5):
        processor.run_once()
        if api.get_request(created.id).status == "completed":
            break
    assert api.get_request(created.id).status == "completed"
    return created.id


def test_download_official_archive_verified_and_opened(
    qtbot: QtBot,
    window: MainWindow,
    shop: RunningShop,
    shop_api: ShopApi,
    tmp_path: Path,
    qtmodeltester: Any,
) -> None:
    request_id = complete_access_request(shop, shop_api)
    dialog = ExportDialog(window.runner, window.session, window)
    dialog.tabs.setCurrentIndex(ExportDialog.DOWNLOAD)  # loads the completed access requests
    qtbot.waitUntil(lambda: dialog.requests_model.rowCount() > 0, timeout=20000)
    qtmodeltester.check(dialog.requests_model)
    assert dialog.selected_request() == request_id
    path = tmp_path / "official.zip"
    dialog.download_path.set_path(path)
    run_dialog(qtbot, dialog)
    assert dialog.error is None, dialog.error
    assert dialog.result.report is not None
    assert dialog.result.report.signature_ok is True
    status = dialog.status.text()
    assert str(path) in status
    assert dialog.result.sha256 in status
    assert "signature ✓ verified" in status

    open_in_window(qtbot, window, path)
    assert "signature ✓ verified" in window.archive_banner.text
    assert not window.archive_key_button.isVisible()

    # A key file overrides the shop's keys: a wrong key is reported, the right one verifies.
    verify = VerifyDialog(window.runner, window.session, window)
    verify.archive_path.set_path(path)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(
        '[{"kid": "k-other", "alg": "Ed25519", "public_key": "'
        'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="}]'
    )
    verify.key_file.set_path(wrong)
    run_dialog(qtbot, verify)
    assert not verify.result.ok
    assert "Problems found" in verify.report_view.toPlainText()


def test_opening_a_damaged_file_explains_why(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "not-an-archive.zip"
    path.write_text("hello <b>x</b>")
    opener = window.archive_opener
    with qtbot.waitSignal(opener.failed, timeout=20000) as blocker:
        window.open_archive(str(path))
    assert blocker.args is not None
    assert "archive" in blocker.args[0]
    assert opener.error_box is not None
    opener.error_box.close()
    assert window.session.archive is None


HOSTILE = "<b>bold</b><img src=x> مرحبا 😀 林美 " + "x" * 500


def test_hostile_archive_text_is_shown_literally(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from client.archive import write_archive

    path = tmp_path / "hostile.zip"
    write_archive(
        path,
        {"tags": [{"id": "t1", "label": HOSTILE}]},
        shop={"id": "evil", "name": HOSTILE, "api_base": "https://evil.example/v1"},
        subject={"customer_no": "X1", "display_name": HOSTILE},
    )
    open_in_window(qtbot, window, path)
    label = window.archive_banner.label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text().count(HOSTILE) == 2

    verify = VerifyDialog(window.runner, window.session, window)
    verify.archive_path.set_path(path)
    run_dialog(qtbot, verify)
    assert HOSTILE in verify.report_view.toPlainText()
    window.close_archive()
    assert not window.archive_banner.isVisible()


def test_choosing_the_account_closes_the_archive(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, tmp_path: Path
) -> None:
    path = tmp_path / "small.zip"
    export(qtbot, window, path, sections=["account"])
    open_in_window(qtbot, window, path)
    assert window.close_archive_action.isEnabled()
    window.session.switch_to(shop.ctx.shop.id)
    assert window.session.archive is None
    assert not window.archive_banner.isVisible()
    assert not window.close_archive_action.isEnabled()


def test_an_archive_shows_its_assist_sessions_and_request_answers_offline(
    qtbot: QtBot,
    window: MainWindow,
    shop: RunningShop,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 13.8: what the dashboard shows of assist sessions and of answered requests is in
    the archive, and the offline viewer shows it with no shop to ask."""
    from sqlalchemy import select

    from server.archive_builder import build_archive
    from server.models import User
    from tests.server.test_archive_sections import _history
    from tests.support.oauth_login import Api, sign_in
    from ui.pages.access_log import AccessLogPage

    api = Api(shop.url + "/v1", str(sign_in(shop.url, *SHOPPER)["access_token"]))
    _history(shop, api)
    explained = next(
        r["id"]
        for r in api.get("/requests").json()["items"]
        if r["result"]["kind"] == "explanation" and r["status"] == "completed"
    )
    agent = api.get("/assist/sessions").json()["items"][0]["agent"]
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        info = build_archive(db, shop.ctx, user, request_id=None, out_dir=tmp_path)
    attempts = no_network(monkeypatch)
    open_in_window(qtbot, window, info.path)
    view = window.session.view()
    assert view is not None
    assert view.archive is not None
    result = view.archive.api.get_request_result(explained)
    assert result.kind == "explanation"

    page = window.pages["access-log"]
    assert isinstance(page, AccessLogPage)
    window.select_page("access-log")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert page.assist_box.isVisibleTo(window)
    assert page.session_model.rowCount() == 1
    assert page.session_model.row_at(0).agent == agent
    assert not page.code_panel.isVisibleTo(window)  # read only: no code to give out
    assert page.end_buttons == {}
    assert attempts == []


def test_idle_archive_dialogs_say_what_will_appear_and_show_no_progress_yet(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Before anything runs: no "0%" bar that reads as stuck, and the empty report boxes say
    what will appear in them."""
    verify = VerifyDialog(window.runner, window.session, window)
    compare = CompareDialog(window.runner, window)
    for dialog in (verify, compare):
        assert not dialog.progress.isTextVisible()
    assert "Verify" in verify.report_view.placeholderText()
    assert "Compare" in compare.details.placeholderText()
