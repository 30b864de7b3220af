"""Choosing a festival among thousands: a search box that fills the choices as one types (htmx),
instead of a drop-down of every festival of a province.

The page renders only the chosen festival; `events:festival.picker` answers the search with the
festivals of the user's scope. A form of many rows (the award editor) loads the chosen festivals of
all its rows in one query (`festival_pickers_preload`), so neither rendering nor validating a row
costs a query of its own.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.ids import parse_id
from events.models import Festival


def festival_picker_label(festival):
    """ "Ngày hội … — Phường Đông Sơn (19/08/2025)": the title, the host as it was, the day."""
    label = f"{festival.title} — {festival.host_unit.name}"
    if festival.starts_at:
        label += f" ({timezone.localtime(festival.starts_at):%d/%m/%Y})"
    return label


class FestivalPickerWidget(forms.Select):
    """The search box and a select holding the chosen festival; without JavaScript the typed
    text is resolved when the form is sent."""

    template_name = "includes/widgets/festival_picker.html"

    def __init__(self, *args, picker_params="", empty_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.picker_url = reverse_lazy("events:festival.picker")
        self.picker_params = picker_params
        self.empty_label = empty_label
        self.known = {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["picker_url"] = str(self.picker_url)
        context["widget"]["picker_params"] = self.picker_params
        context["widget"]["search_name"] = f"{name}_search"
        typed = [v for v in context["widget"]["value"] if str(v).startswith("search:")]
        context["widget"]["typed"] = typed[0].removeprefix("search:") if typed else ""
        return context

    def optgroups(self, name, value, attrs=None):
        # The chosen festival only (from the preloaded ones, else fetched alone); an empty option
        # so that the choice can be cleared.
        ids = [pk for pk in (parse_id(v) for v in value if v) if pk is not None]
        chosen = [self.known[pk] for pk in ids if pk in self.known]
        missing = [pk for pk in ids if pk not in self.known]
        queryset = getattr(self.choices, "queryset", None)
        if missing and queryset is not None:
            chosen += list(queryset.filter(pk__in=missing).select_related("host_unit"))
        options = [
            (None, [self.create_option(name, "", self.empty_label or "—", not chosen, 0)], 0)
        ]
        for index, festival in enumerate(chosen, start=1):
            options.append(
                (
                    None,
                    [
                        self.create_option(
                            name, festival.pk, festival_picker_label(festival), True, index
                        )
                    ],
                    index,
                )
            )
        return options

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value:
            return value
        typed = data.get(f"{name}_search", "").strip()
        return f"search:{typed}" if typed else None


class FestivalPickerField(forms.ModelChoiceField):
    """A festival of `queryset` (the user's scope, perhaps narrowed to some years), chosen with the
    picker or typed: a typed text is accepted when exactly one festival matches it."""

    widget = FestivalPickerWidget
    default_error_messages = {
        "not_found": _("No festival matches “%(text)s”. Type part of its title or its commune."),
        "ambiguous": _(
            "Several festivals match “%(text)s”: %(names)s. Type more of the title or choose "
            "one in the list."
        ),
    }

    def __init__(self, queryset=None, *args, **kwargs):
        super().__init__(Festival.objects.none() if queryset is None else queryset, *args, **kwargs)

    def label_from_instance(self, obj):
        return festival_picker_label(obj)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str) and value.startswith("search:"):
            return self.resolve_typed(value.removeprefix("search:"))
        pk = value.pk if isinstance(value, Festival) else parse_id(str(value))
        if pk is not None and pk in self.widget.known:
            return self.widget.known[pk]
        try:
            festival = self.queryset.select_related("host_unit").get(pk=pk)
        except Festival.DoesNotExist:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None
        self._remember(festival)
        return festival

    def _remember(self, festival):
        # The form shows what it validated without reading it again.
        self.widget.known = {**self.widget.known, festival.pk: festival}

    def bound_data(self, data, initial):
        # A typed text that found its festival shows as that festival, chosen.
        if isinstance(data, str) and data.startswith("search:"):
            festival = getattr(self, "_typed", {}).get(data.removeprefix("search:"))
            if festival is not None:
                return festival.pk
        return super().bound_data(data, initial)

    def resolve_typed(self, text):
        matches = list(
            self.queryset.search(text).select_related("host_unit").order_by("-starts_at", "-pk")[:6]
        )
        if len(matches) == 1:
            self._remember(matches[0])
            self._typed = {text: matches[0]}
            return matches[0]
        if not matches:
            raise ValidationError(
                self.error_messages["not_found"], code="not_found", params={"text": text}
            )
        raise ValidationError(
            self.error_messages["ambiguous"],
            code="ambiguous",
            params={
                "text": text,
                "names": "; ".join(festival_picker_label(f) for f in matches[:5]),
            },
        )


def festival_pickers_preload(forms_, field_name, queryset):
    """Load, in one query among `queryset`, the festivals chosen in `field_name` of every form of
    `forms_` (the rows of a formset), so that rows render and validate without a query each."""
    forms_ = list(forms_)
    if not forms_:
        return
    ids = set()
    for form in forms_:
        field = form.fields[field_name]
        raw = (
            field.widget.value_from_datadict(form.data, form.files, form.add_prefix(field_name))
            if form.is_bound
            else form.initial.get(field_name)
        )
        pk = parse_id(str(getattr(raw, "pk", raw))) if raw else None
        if pk is not None:
            ids.add(pk)
    known = (
        {f.pk: f for f in queryset.filter(pk__in=ids).select_related("host_unit")} if ids else {}
    )
    for form in forms_:
        form.fields[field_name].widget.known = known
