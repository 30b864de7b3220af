"""core.files: uploads judged by their content."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import FileRejected
from core.files import pdf_check, random_file_name
from tests.images import pdf_bytes

NOT_A_PDF = "This file is not a PDF document. Save the document as PDF and choose it again."


def test_pdf_check_accepts_a_real_pdf_and_leaves_it_at_its_start():
    upload = SimpleUploadedFile("ke-hoach.pdf", pdf_bytes(), content_type="application/pdf")
    upload.read(3)

    pdf_check(upload, max_bytes=1024 * 1024)

    assert upload.tell() == 0


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n<html><body><form action='https://example.invalid'>"
        b"<input name='password'></form></body></html>",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"<html>%PDF-1.4</html>",
        b"",
    ],
    ids=["html-behind-signature", "signature-only", "html", "empty"],
)
def test_pdf_check_refuses_what_is_not_a_pdf(content):
    with pytest.raises(FileRejected) as refused:
        pdf_check(SimpleUploadedFile("evil.html", content), max_bytes=1024 * 1024)

    assert refused.value.messages == [NOT_A_PDF]


def test_pdf_check_refuses_a_file_over_the_limit():
    with pytest.raises(FileRejected) as refused:
        pdf_check(SimpleUploadedFile("a.pdf", pdf_bytes()), max_bytes=10)

    assert refused.value.messages[0].startswith("The file is ")


def test_random_file_name_keeps_only_a_lowercase_extension():
    name = random_file_name(".PDF")

    assert name.endswith(".pdf")
    assert len(name) == 32 + 4
    assert random_file_name("pdf") != random_file_name("pdf")
