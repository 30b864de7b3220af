"""Forms shared by every app: text fields cleaned of control characters (`CleanTextForm`), and
inline row editing for every "list of rows on one page" form (programme, delegates, awards,
tributes): rows are added, removed and reordered by plain submit buttons, so the page works
without JavaScript, and htmx only swaps the editor in place."""

from django import forms
from django.forms import formset_factory
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext_lazy as _

from core.ids import parse_id
from core.text import text_clean


def _cleaning(to_python, *, multiline):
    def to_python_clean(value):
        return to_python(text_clean(value, multiline=multiline))

    return to_python_clean


class CleanTextMixin:
    """Every text field of the form (CharField and its kinds) has its control characters
    normalised before it is validated (core.text.text_clean): a Textarea keeps its newlines and
    tabs, a one-line field gets spaces for them. So a vertical tab pasted from Word, or a NUL,
    never reaches the database."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.to_python = _cleaning(
                    field.to_python, multiline=isinstance(field.widget, forms.Textarea)
                )


class CleanTextForm(CleanTextMixin, forms.Form):
    """A form whose text fields are cleaned of control characters (CleanTextMixin)."""


class RowForm(CleanTextForm):
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
        total = parse_id(data.get(f"{prefix}-TOTAL_FORMS") or "0", allow_zero=True)
        if total is None:
            # Tampered management data: the formset says so ("ManagementForm data is missing or
            # has been tampered with"); nothing is added.
            return data
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
        data[f"{prefix}-{total}-order"] = str(total + 1)
    elif verb == "remove" and index.isdigit():
        data[f"{prefix}-{index}-DELETE"] = "on"
    return data


def quiet(*forms):
    """Forget validation errors: adding or removing a row is not a save, so nothing is wrong yet.
    Only a formset's tampered management data is still reported."""
    for form in forms:
        if hasattr(form, "forms"):
            form.full_clean()
            form._non_form_errors = ErrorList(
                [e for e in form._non_form_errors.as_data() if e.code == "missing_management_form"],
                error_class="nonform",
            )
            form._errors = [ErrorDict() for _f in form.forms]
            quiet(*form.forms)
        else:
            form.full_clean()
            form._errors = ErrorDict()
