import pytest
from django import forms

from units.forms import UnitPickerField
from units.models import AdministrativeUnit


class HostForm(forms.Form):
    host = UnitPickerField(queryset=AdministrativeUnit.objects.current().filter(level=3))


def test_picker_field_accepts_a_chosen_id(area):
    form = HostForm(data={"host": str(area.dong_son_ward.pk)})
    assert form.is_valid()
    assert form.cleaned_data["host"] == area.dong_son_ward


@pytest.mark.parametrize("typed", ["dong son", "Đông Sơn", "16378", "PHUONG DONG SON"])
def test_picker_field_resolves_typed_text_without_javascript(area, typed):
    form = HostForm(data={"host": "", "host_search": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["host"] == area.dong_son_ward


def test_picker_field_explains_no_match_and_ambiguity(area):
    form = HostForm(data={"host_search": "khong co"})
    assert not form.is_valid()
    assert form.errors["host"] == ["No unit matches “khong co”. Type part of its name or its code."]
    form = HostForm(data={"host_search": "phuong"})
    assert not form.is_valid()
    assert form.errors["host"][0].startswith("Several units match “phuong”:")


def test_picker_widget_renders_search_box_and_chosen_unit_only(area):
    html = str(HostForm(initial={"host": area.dong_son_ward.pk})["host"])
    assert 'name="host_search"' in html
    assert "hx-get=" in html
    assert "Phường Đông Sơn" in html
    assert "Phường Hạc Thành" not in html


def test_picker_widget_with_plain_choices_renders_the_chosen_one():
    from units.forms import UnitPickerWidget

    html = UnitPickerWidget(choices=[("1", "Xã Một"), ("2", "Xã Hai")]).render("host", "2")
    assert "Xã Hai" in html and "Xã Một" not in html


def test_picker_field_refuses_an_unknown_id_and_takes_an_instance(area):
    form = HostForm(data={"host": "999999"})
    assert not form.is_valid()
    field = HostForm().fields["host"]
    assert field.clean(area.dong_son_ward) == area.dong_son_ward
    assert field.to_python("") is None
