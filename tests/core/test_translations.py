from pathlib import Path

import polib
from django.conf import settings

PO_FILES = sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))


def test_every_message_is_translated_and_the_compiled_catalogue_is_current():
    assert [p.parent.parent.name for p in PO_FILES] == ["vi"]
    for po_path in PO_FILES:
        po = polib.pofile(str(po_path))
        assert [e.msgid for e in po.untranslated_entries()] == []
        assert [e.msgid for e in po.fuzzy_entries()] == []
        mo = polib.mofile(str(po_path.with_suffix(".mo")))
        compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
        for entry in po.translated_entries():
            assert compiled.get((entry.msgctxt, entry.msgid)) == (
                entry.msgstr,
                {int(k): v for k, v in entry.msgstr_plural.items()},
            ), f"{entry.msgid!r}: run `make messages`"


def test_home_page_is_vietnamese_by_default_whatever_the_browser_says(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Ngày hội toàn dân bảo vệ an ninh Tổ quốc" in page
    assert response["Content-Language"] == "vi"


def test_language_switch_sets_english_and_back(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "All-People National Security Protection Day" in page
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Trang chủ" in client.get("/").content.decode()


def test_error_pages_use_the_site_look(client, db):
    page = client.get("/khong-co-trang-nay/").content.decode()
    assert "Không tìm thấy trang" in page
    assert "Ngày hội ANTQ" in page
