"""Inline row editing shared by every "list of rows on one page" form (programme, delegates,
awards, tributes): rows are added, removed and reordered by plain submit buttons, so the page
works without JavaScript, and htmx only swaps the editor in place."""

from django import forms
from django.forms import formset_factory
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext_lazy as _


class RowForm(forms.Form):
    """One row of an inline list; `id` ties it to a saved row, `order` sorts the list."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    order = forms.IntegerField(
        label=_("Order"),
        required=False,
        min_value=0,
        max_value=9999,
        widget=forms.NumberInput(attrs={"class": "order-input"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name == "DELETE":
                continue
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs["class"] = f"{css} {field.widget.attrs.get('class', '')}".strip()


class RowFormSet(forms.BaseFormSet):
    def rows(self):
        """Cleaned rows, without removed or untouched blank ones, sorted by their order number."""
        rows = [
            (form.cleaned_data.get("order"), index, form.cleaned_data)
            for index, form in enumerate(self.forms)
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        rows.sort(key=lambda r: (r[0] if r[0] is not None else 1_000_000, r[1]))
        return [row for _order, _index, row in rows]


def row_formset(form, *, max_rows=300):
    return formset_factory(
        form, formset=RowFormSet, extra=0, can_delete=True, max_num=max_rows, validate_max=True
    )


def row_initial(objects, fields):
    """Initial data of a row formset for saved objects."""
    return [
        {"id": obj.pk, "order": getattr(obj, "order", None), **{f: getattr(obj, f) for f in fields}}
        for obj in objects
    ]


def apply_row_action(data, action, prefixes):
    """A copy of POST `data` with an "add-<prefix>" or "remove-<prefix>-<index>" button applied."""
    data = data.copy()
    verb, _sep, rest = action.partition("-")
    prefix, _sep, index = rest.partition("-")
    if prefix not in prefixes:
        return data
    if verb == "add":
        total = int(data.get(f"{prefix}-TOTAL_FORMS") or 0)
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
        data[f"{prefix}-{total}-order"] = str(total + 1)
    elif verb == "remove" and index.isdigit():
        data[f"{prefix}-{index}-DELETE"] = "on"
    return data


def quiet(*forms):
    """Forget validation errors: adding or removing a row is not a save, so nothing is wrong yet."""
    for form in forms:
        if hasattr(form, "forms"):
            form.full_clean()
            form._non_form_errors = ErrorList()
            form._errors = [ErrorDict() for _f in form.forms]
            quiet(*form.forms)
        else:
            form.full_clean()
            form._errors = ErrorDict()
