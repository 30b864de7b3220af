import datetime
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.ids import parse_id
from core.search import normalize_search_text
from units.selectors import units_search_filter

# A festival known only by its year is dated to the day the festival is held.
FESTIVAL_MONTH_DAY = (8, 19)
_DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def day_from_values(values):
    """The first day that one of `values` holds, as a date, date-time or year field sends it
    ("2023-08-03", "2023-08-03T07:30", "03/08/2023 07:30", "2023"), or None."""
    for value in values:
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value or "").strip()
        if len(text) == 4 and text.isdigit():
            year = int(text)
            if datetime.MINYEAR < year < datetime.MAXYEAR:
                return datetime.date(year, *FESTIVAL_MONTH_DAY)
            continue
        head = text.replace("T", " ").split(" ")[0]
        for fmt in _DAY_FORMATS:
            try:
                return datetime.datetime.strptime(head, fmt).date()
            except ValueError:
                continue
    return None


class UnitPickerWidget(forms.Select):
    """A search box that fills the choices as one types (htmx); without JavaScript the typed
    name or code is resolved when the form is sent. With `on` (a date), the picker offers the
    units valid on that day. With `on_from` (names of the form's date, date-time or year fields),
    the picker sends what those fields hold as one types, so that the offer follows the date being
    typed (the picker view reads the first day among them)."""

    template_name = "includes/widgets/unit_picker.html"

    def __init__(self, *args, picker_url=None, picker_params="", on=None, on_from=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.picker_url = picker_url or reverse_lazy("units:unit.picker")
        self.picker_params = picker_params
        self.on = on
        self.on_from = tuple(on_from)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        params = [self.picker_params] if self.picker_params else []
        if self.on_from:
            params.append(urlencode([("on_from", field) for field in self.on_from]))
            context["widget"]["include"] = ", ".join(f"[name={f}]" for f in self.on_from)
        elif self.on is not None:
            params.append(urlencode({"on": self.on.isoformat()}))
        context["widget"]["picker_url"] = str(self.picker_url)
        context["widget"]["picker_params"] = "&".join(params)
        context["widget"]["search_name"] = f"{name}_search"
        context["widget"]["on"] = self.on
        return context

    def optgroups(self, name, value, attrs=None):
        # Only the chosen unit is rendered (fetched alone, not the whole list); the rest arrive
        # through the search.
        chosen = {str(v) for v in value if v}
        queryset = getattr(self.choices, "queryset", None)
        if queryset is not None:
            ids = [pk for pk in map(parse_id, chosen) if pk is not None]
            choices = (
                [self.choices.choice(unit) for unit in queryset.filter(pk__in=ids)] if ids else []
            )
        else:
            choices = [(v, label) for v, label in self.choices if str(v) in chosen]
        return [
            (None, [self.create_option(name, option_value, label, True, index)], index)
            for index, (option_value, label) in enumerate(choices)
        ]

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value:
            return value
        typed = data.get(f"{name}_search", "").strip()
        return f"search:{typed}" if typed else None


def follow_form_date(form, field_name, *date_fields, also_today=False):
    """Let the unit picker `field_name` of `form` offer the units as they stood on the day its
    `date_fields` hold (posted, else initial): a past day's units for recording the past, today's
    otherwise; with `also_today`, today's units as well (a model started before the reform may be
    kept by today's commune). The field's queryset must hold the units of every day."""
    if form.is_bound:
        values = [form.data.get(form.add_prefix(name)) for name in date_fields]
    else:
        values = [form.initial.get(name) for name in date_fields]
    today = timezone.localdate()
    day = day_from_values(values)
    field = form.fields[field_name]
    field.on = day if day is not None and day < today else today
    field.also_today = also_today
    field.widget.on_from = tuple(form.add_prefix(name) for name in date_fields)
    if also_today:
        field.widget.picker_params = "&".join(
            p for p in (field.widget.picker_params, "also_today=1") if p
        )


class UnitPickerField(forms.ModelChoiceField):
    """A unit chosen with the picker among `queryset`; with `on` (a date, e.g. a past festival's),
    among those of `queryset` valid on that day, as the tree stood then."""

    widget = UnitPickerWidget
    default_error_messages = {
        "not_found": _("No unit matches “%(text)s”. Type part of its name or its code."),
        "ambiguous": _(
            "Several units match “%(text)s”: %(names)s. Type more of the name or the code."
        ),
        "not_then": _(
            "%(unit)s did not exist on %(day)s. Choose the unit as it stood that day: type its "
            "name in the search box."
        ),
    }

    also_today = False

    def __init__(self, queryset, *args, on=None, **kwargs):
        super().__init__(queryset, *args, **kwargs)
        self.on = on

    @property
    def on(self):
        return self._on

    @on.setter
    def on(self, day):
        self._on = day
        self.widget.on = day

    def dated_queryset(self):
        """The units one may choose: `queryset`, narrowed to those valid on `on` when it is set."""
        if self.on is None:
            return self.queryset
        if self.also_today:
            return self.queryset.valid_on(self.on, timezone.localdate())
        return self.queryset.valid_on(self.on)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str) and value.startswith("search:"):
            return self.resolve_typed(value.removeprefix("search:"))
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        try:
            return self.dated_queryset().get(**{key: value})
        except (ValueError, TypeError, self.queryset.model.DoesNotExist, ValidationError):
            self._refuse_if_not_then(key, value)
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None

    def _refuse_if_not_then(self, key, value):
        """A unit one may choose on another day, but not on `on`: say so by name."""
        if self.on is None:
            return
        try:
            unit = self.queryset.filter(**{key: value}).first()
        except (ValueError, TypeError, ValidationError):
            return
        if unit is not None:
            raise ValidationError(
                self.error_messages["not_then"],
                code="not_then",
                params={"unit": unit.full_name, "day": self.on.strftime("%d/%m/%Y")},
            )

    def resolve_typed(self, text):
        queryset = self.dated_queryset()
        exact = list(queryset.filter(code=text.strip())[:2])
        if len(exact) == 1:
            return exact[0]
        normalized = normalize_search_text(text)
        matches = list(queryset.search(text).select_related("parent")[:6])
        if not matches:
            # A former name: "rung thong" finds Phường Đông Sơn, formed from Phường Rừng Thông.
            matches = list(
                units_search_filter(queryset, text, former_names=True).select_related("parent")[:6]
            )
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
