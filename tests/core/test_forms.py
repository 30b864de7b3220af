"""core.forms: text fields cleaned of control characters, and row actions that survive tampered
management data (issue 10, items 6 and 14)."""

from django import forms
from django.http import QueryDict

from core.forms import CleanTextForm, RowForm, apply_row_action, quiet, row_formset


class NoteForm(CleanTextForm):
    title = forms.CharField(max_length=20)
    body = forms.CharField(widget=forms.Textarea, required=False)
    count = forms.IntegerField(required=False)


def test_clean_text_form_cleans_one_line_and_multiline_fields_before_validating():
    form = NoteForm(
        {"title": "\x00\x0bNgày\x0bhội\x07 ", "body": "Dòng 1\x0bDòng 2\x00", "count": "3"}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"title": "Ngày hội", "body": "Dòng 1\nDòng 2", "count": 3}


def test_clean_text_form_counts_length_and_emptiness_after_cleaning():
    form = NoteForm({"title": "\x00" * 30})

    assert not form.is_valid()
    assert form.errors["title"] == ["This field is required."]


class ItemRowForm(RowForm):
    title = forms.CharField()


ItemFormSet = row_formset(ItemRowForm)


def test_row_form_cleans_its_text_too():
    formset = ItemFormSet(
        {"items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-0-title": "Khai\x0bmạc"},
        prefix="items",
    )

    assert formset.is_valid()
    assert formset.rows()[0]["title"] == "Khai mạc"


def test_add_row_with_a_tampered_count_adds_nothing_and_the_formset_says_why():
    data = QueryDict(mutable=True)
    data.update({"items-TOTAL_FORMS": "abc", "items-INITIAL_FORMS": "0"})

    changed = apply_row_action(data, "add-items", {"items"})
    formset = ItemFormSet(changed, prefix="items")
    quiet(formset)

    assert changed["items-TOTAL_FORMS"] == "abc"
    assert [e.code for e in formset.non_form_errors().as_data()] == ["missing_management_form"]


def test_add_row_adds_one_row_and_quiet_forgets_ordinary_errors():
    data = QueryDict(mutable=True)
    data.update({"items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-0-title": ""})

    changed = apply_row_action(data, "add-items", {"items"})
    formset = ItemFormSet(changed, prefix="items")
    quiet(formset)

    assert (changed["items-TOTAL_FORMS"], changed["items-1-order"]) == ("2", "2")
    assert formset.non_form_errors() == [] and all(not f.errors for f in formset.forms)
