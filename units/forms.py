from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.search import normalize_search_text


class UnitPickerWidget(forms.Select):
    """A search box that fills the choices as one types (htmx); without JavaScript the typed
    name or code is resolved when the form is sent."""

    template_name = "includes/widgets/unit_picker.html"

    def __init__(self, *args, picker_url=None, picker_params="", **kwargs):
        super().__init__(*args, **kwargs)
        self.picker_url = picker_url or reverse_lazy("units:unit.picker")
        self.picker_params = picker_params

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["picker_url"] = str(self.picker_url)
        context["widget"]["picker_params"] = self.picker_params
        context["widget"]["search_name"] = f"{name}_search"
        return context

    def optgroups(self, name, value, attrs=None):
        # Only the chosen unit is rendered; the rest arrive through the search.
        chosen = {str(v) for v in value if v}
        groups = []
        for index, (option_value, label) in enumerate(self.choices):
            if str(option_value) in chosen:
                groups.append(
                    (None, [self.create_option(name, option_value, label, True, index)], index)
                )
        return groups

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value:
            return value
        typed = data.get(f"{name}_search", "").strip()
        return f"search:{typed}" if typed else None


class UnitPickerField(forms.ModelChoiceField):
    widget = UnitPickerWidget
    default_error_messages = {
        "not_found": _("No unit matches “%(text)s”. Type part of its name or its code."),
        "ambiguous": _(
            "Several units match “%(text)s”: %(names)s. Type more of the name or the code."
        ),
    }

    def to_python(self, value):
        if isinstance(value, str) and value.startswith("search:"):
            return self.resolve_typed(value.removeprefix("search:"))
        return super().to_python(value)

    def resolve_typed(self, text):
        exact = list(self.queryset.filter(code=text.strip())[:2])
        if len(exact) == 1:
            return exact[0]
        normalized = normalize_search_text(text)
        matches = list(self.queryset.search(text).select_related("parent")[:6])
        whole = [
            u
            for u in matches
            if u.search_text.startswith(normalized) or u.search_text.endswith(normalized)
        ]
        if len(matches) == 1:
            return matches[0]
        if len(whole) == 1:
            return whole[0]
        if not matches:
            raise ValidationError(
                self.error_messages["not_found"], code="not_found", params={"text": text}
            )
        raise ValidationError(
            self.error_messages["ambiguous"],
            code="ambiguous",
            params={"text": text, "names": "; ".join(u.full_name for u in matches[:5])},
        )
