"""The kernel's management commands (core/management/commands/)."""

import io

import polib
import pytest
from django.core.management import CommandError, call_command


def write_catalogue(folder, entries):
    """A vi/LC_MESSAGES/django.po under `folder` holding `entries` (msgid, msgstr)."""
    po_path = folder / "vi" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "vi"}
    for msgid, msgstr in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    po.save(str(po_path))
    return po_path


def test_compile_translations_writes_the_mo_file_next_to_each_po_file(settings, tmp_path):
    po_path = write_catalogue(tmp_path, [("Sign in", "Đăng nhập"), ("Sign out", "Đăng xuất")])
    settings.LOCALE_PATHS = [tmp_path]
    out = io.StringIO()

    call_command("compile_translations", stdout=out)

    mo_path = po_path.with_suffix(".mo")
    assert sorted((e.msgid, e.msgstr) for e in polib.mofile(str(mo_path))) == [
        ("Sign in", "Đăng nhập"),
        ("Sign out", "Đăng xuất"),
    ]
    assert out.getvalue() == f"compiled {mo_path} (2 messages)\n"


def test_compile_translations_with_an_untranslated_message_fails_and_writes_nothing(
    settings, tmp_path
):
    po_path = write_catalogue(tmp_path, [("Sign in", "Đăng nhập"), ("Sign out", "")])
    settings.LOCALE_PATHS = [tmp_path]

    with pytest.raises(CommandError) as error:
        call_command("compile_translations", stdout=io.StringIO())

    assert str(error.value) == f"{po_path}: 1 untranslated: ['Sign out']"
    assert not po_path.with_suffix(".mo").exists()
