"""On SQLite (`make run`), an award export that fails half-way must not leave the database
locked (issue 10, item 14): the awards' cursor is closed at once, not when the garbage collector
comes by. The export reads more awards than one chunk of the queryset's iterator, so that the
cursor is still open in the middle of a statement when the row fails."""

import datetime
import sqlite3

import pytest
from django.db import connections

from awards import spreadsheets
from awards.models import Award, AwardForm, Decision, IssuingAuthority
from awards.selectors import EXPORT_COLUMNS
from units.models import AdministrativeUnit

CHUNK = 50

# The default database too: setting up the SQLite one reads it.
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "sqlite"])


@pytest.fixture
def awards_on_sqlite():
    """CHUNK × 3 awards of one decision on the SQLite database; the one in the middle has a
    recipient kind the export cannot read."""
    db = "sqlite"
    unit = AdministrativeUnit.objects.using(db).create(
        code="38", name="Thanh Hóa", kind="tinh", level=1
    )
    authority = IssuingAuthority(position="Chủ tịch UBND tỉnh Thanh Hóa", unit_id=unit.pk)
    authority.save(using=db)
    form, _created = AwardForm.objects.using(db).get_or_create(
        code="bang-khen-thu", defaults={"name": "Bằng khen (thử)"}
    )
    decision = Decision(number="1/QĐ-UBND", date=datetime.date(2026, 8, 1))
    decision.authority_id = authority.pk
    decision.save(using=db)
    Award.objects.using(db).bulk_create(
        Award(
            decision_id=decision.pk,
            form_id=form.pk,
            recipient_kind="individual",
            recipient_name=f"Lê Thị Hoa {n}",
            order=n,
        )
        for n in range(CHUNK * 3)
    )
    Award.objects.using(db).filter(order=CHUNK * 3 // 2).update(recipient_kind="broken")
    # The export's rows, as awards.selectors.awards_for_export reads them.
    return Award.objects.using(db).order_by("order").values_list(*EXPORT_COLUMNS)


def write_from_another_connection():
    """Change every award through a second connection, as the next request would; raises
    sqlite3.OperationalError ("database is locked") while a read lock is held."""
    other = sqlite3.connect(connections["sqlite"].settings_dict["NAME"], timeout=0.2)
    try:
        other.execute("UPDATE awards_award SET citation = 'đã sửa'")
        other.commit()
    finally:
        other.close()


def test_a_failed_csv_export_leaves_the_database_writable(awards_on_sqlite):
    lines = spreadsheets.awards_export_csv_lines(awards_on_sqlite.iterator(chunk_size=CHUNK))
    with pytest.raises(ValueError) as failure:
        for _line in lines:
            pass

    # The error is still held (as by the error log and the error page) and the database is
    # writable all the same.
    assert failure.value is not None
    write_from_another_connection()
    assert set(Award.objects.using("sqlite").values_list("citation", flat=True)) == {"đã sửa"}


def test_a_failed_xlsx_export_leaves_the_database_writable(awards_on_sqlite):
    with pytest.raises(ValueError) as failure:
        spreadsheets.awards_export_xlsx_file(awards_on_sqlite.iterator(chunk_size=CHUNK))

    assert failure.value is not None
    write_from_another_connection()
    assert set(Award.objects.using("sqlite").values_list("citation", flat=True)) == {"đã sửa"}


def test_a_cancelled_csv_download_leaves_the_database_writable(awards_on_sqlite):
    lines = spreadsheets.awards_export_csv_lines(awards_on_sqlite.iterator(chunk_size=CHUNK))
    assert next(lines).startswith("\ufeff")
    assert next(lines)

    # What the server does when the browser goes away: it closes the response's iterator.
    lines.close()

    write_from_another_connection()
    assert set(Award.objects.using("sqlite").values_list("citation", flat=True)) == {"đã sửa"}
