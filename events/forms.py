import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.enums import Role
from accounts.selectors import user_scope
from attendees.enums import DelegateCategory, DelegateStatus
from core.errors import ServiceError
from core.forms import CleanTextForm, RowForm, row_formset
from events.enums import FestivalStatus, OrganiserRole, PilotLevel, ProgrammeKind, ProgrammePart
from events.pickers import FestivalPickerField
from events.selectors import festivals_planned_in, festivals_to_copy
from events.services.copy import COPY_YEARS_AHEAD, festival_copy_host, festival_copy_years
from movements.models import MovementModel
from movements.selectors import models_for_festival_host
from units.enums import UnitLevel
from units.forms import UnitPickerField, follow_form_date
from units.models import AdministrativeUnit

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]


def host_units_for(user, *, ever=False):
    """Commune-level units the user may plan for: those of their commune-official roles, today's
    (with `ever`, also the former communes they succeeded, for recording a past festival)."""
    scope = user_scope(user)
    units = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
    if not ever:
        units = units.current()
    if scope.everything:
        return units
    roots = [a.unit_id for a in scope.assignments if a.role == Role.COMMUNE_OFFICIAL]
    return units.within(roots)


class FestivalForm(CleanTextForm):
    host_unit = UnitPickerField(label=_("Host commune"), queryset=AdministrativeUnit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2005, max_value=2100)
    title = forms.CharField(label=_("Festival title"), max_length=255)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), required=False, widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), required=False, widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    venue = forms.CharField(label=_("Venue"), max_length=255, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    pilot_level = forms.ChoiceField(
        label=_("Pilot level"), choices=PilotLevel.choices, required=False
    )
    plan_number = forms.CharField(
        label=_("Plan document number"),
        max_length=60,
        required=False,
        help_text=_("e.g. 45/KH-UBND"),
    )
    expected_attendance = forms.IntegerField(
        label=_("Expected attendance"), min_value=0, max_value=1_000_000, required=False
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    models = forms.ModelMultipleChoiceField(
        label=_("Movement models showcased"),
        queryset=MovementModel.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Models kept by the host commune (or the units it succeeded)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, host_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if host_unit is not None:
            self.fields["models"].queryset = models_for_festival_host(host_unit)
        # A festival of a past year is recorded at the commune as it was that day.
        self.fields["host_unit"].queryset = host_units_for(user, ever=True)
        self.fields["host_unit"].widget.picker_params = f"level={UnitLevel.COMMUNE}"
        follow_form_date(self, "host_unit", "starts_at", "year")

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at, year = (
            cleaned.get("starts_at"),
            cleaned.get("ends_at"),
            cleaned.get("year"),
        )
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The festival must end after it starts."))
        if bool(starts_at) != bool(ends_at):
            self.add_error(
                "ends_at" if starts_at else "starts_at",
                _("Give both the start and the end, or neither yet."),
            )
        if starts_at and year and timezone.localtime(starts_at).year != year:
            self.add_error(
                "year",
                _("The year must be the year of the festival's date (%(year)s).")
                % {"year": timezone.localtime(starts_at).year},
            )
        return cleaned


class OrganiserRowForm(RowForm):
    name = forms.CharField(label=_("Organisation"), max_length=255)
    role = forms.ChoiceField(
        label=_("Role"), choices=OrganiserRole.choices, initial=OrganiserRole.LEAD
    )


class ProgrammeRowForm(RowForm):
    part = forms.ChoiceField(label=_("Part"), choices=ProgrammePart.choices)
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    title = forms.CharField(label=_("Item"), max_length=255)
    speaker_name = forms.CharField(label=_("Speaker"), max_length=150, required=False)


class DelegateRowForm(RowForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    category = forms.ChoiceField(
        label=_("Category"), choices=DelegateCategory.choices, initial=DelegateCategory.DELEGATE
    )
    precedence = forms.IntegerField(
        label=_("Precedence"), min_value=0, max_value=999, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=DelegateStatus.choices, initial=DelegateStatus.INVITED
    )


OrganiserFormSet = row_formset(OrganiserRowForm)
ProgrammeFormSet = row_formset(ProgrammeRowForm)
DelegateFormSet = row_formset(DelegateRowForm)

FORMSETS = {
    "organisers": (OrganiserFormSet, _("Organisers")),
    "programme": (ProgrammeFormSet, _("Programme")),
    "delegates": (DelegateFormSet, _("Delegates")),
}


class FestivalCopyForm(CleanTextForm):
    """The festival to start a new plan from, and the year of the new festival. `host_unit` is
    the commune the copy goes to (once the source is valid), `same_year` the festivals that
    commune already has in the chosen year."""

    source = FestivalPickerField(
        label=_("Festival to start from"),
        help_text=_(
            "A festival of your commune or of the units it was formed from; type part of its "
            "title or year."
        ),
    )
    year = forms.IntegerField(label=_("Year of the new festival"))
    confirm_same_year = forms.BooleanField(
        label=_("Plan another festival for that year anyway"), required=False
    )
    # One per form shown: a second click on the same form makes no second draft.
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.first_year, self.last_year = festival_copy_years()
        self.fields["source"].queryset = festivals_to_copy(user)
        self.fields["year"].widget.attrs.update(min=self.first_year, max=self.last_year)
        self.fields["year"].help_text = _("From %(first)s to %(last)s.") % {
            "first": self.first_year,
            "last": self.last_year,
        }
        self.host_unit = None
        self.same_year = []

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not self.first_year <= year <= self.last_year:
            raise forms.ValidationError(
                _(
                    "Choose a year from %(first)s to %(last)s: a copy starts the plan of a "
                    "festival this year or in the next %(ahead)s years."
                ),
                params={
                    "first": self.first_year,
                    "last": self.last_year,
                    "ahead": COPY_YEARS_AHEAD,
                },
            )
        return year

    def clean_token(self):
        token = self.cleaned_data.get("token") or ""
        try:
            return str(uuid.UUID(token))
        except ValueError:
            return ""

    def clean(self):
        cleaned = super().clean()
        source, year = cleaned.get("source"), cleaned.get("year")
        if source is not None:
            try:
                self.host_unit = festival_copy_host(source=source, user=self.user)
            except ServiceError as error:
                self.add_error("source", error.messages)
        if self.host_unit is not None and year is not None:
            planned = festivals_planned_in(host_unit=self.host_unit, year=year)
            if cleaned.get("token"):
                # A form sent again (a double click): its own draft is not another festival.
                planned = planned.exclude(transitions__details__copy_token=cleaned["token"])
            self.same_year = list(planned)
            if self.same_year and not cleaned.get("confirm_same_year"):
                self.add_error(
                    "confirm_same_year",
                    ngettext(
                        "%(unit)s already has %(count)s festival in %(year)s (listed below). "
                        "Tick the box to plan another one, or choose another year.",
                        "%(unit)s already has %(count)s festivals in %(year)s (listed below). "
                        "Tick the box to plan another one, or choose another year.",
                        len(self.same_year),
                    )
                    % {"unit": self.host_unit.name, "count": len(self.same_year), "year": year},
                )
        return cleaned


class ReasonForm(CleanTextForm):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class RescheduleForm(ReasonForm):
    starts_at = forms.DateTimeField(
        label=_("New start"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("New end"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )

    field_order = ["starts_at", "ends_at", "reason"]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("starts_at")
            and cleaned.get("ends_at")
            and cleaned["ends_at"] <= cleaned["starts_at"]
        ):
            self.add_error("ends_at", _("The festival must end after it starts."))
        return cleaned


class StaffFestivalFilterForm(CleanTextForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *FestivalStatus.choices],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2005, max_value=2100)


class ReportForm(CleanTextForm):
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    results = forms.CharField(
        label=_("Results since last year"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    attendance = forms.IntegerField(
        label=_("Attendance"), min_value=0, max_value=1_000_000, required=False
    )
    organisations_present = forms.CharField(
        label=_("Organisations present"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line."),
    )
    highlights = forms.CharField(
        label=_("Highlights"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    author_credit = forms.CharField(label=_("Written by"), max_length=255, required=False)
    attended = forms.MultipleChoiceField(
        label=_("Delegates who attended"), required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, delegates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(d.pk), f"{d.full_name}" + (f", {d.position}" if d.position else ""))
            for d in delegates
        ]


class DirectionRowForm(RowForm):
    text = forms.CharField(label=_("Direction or task"), max_length=2000)
    owner = forms.CharField(label=_("Who carries it out"), max_length=255, required=False)
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )


DirectionFormSet = row_formset(DirectionRowForm, max_rows=100)


class ShowcaseForm(CleanTextForm):
    models = forms.ModelMultipleChoiceField(
        label=_("Movement models showcased"),
        queryset=MovementModel.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, festival, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["models"]
        field.queryset = models_for_festival_host(festival.host_unit)
        if not self.is_bound:
            # A page shows the choices, or nothing when there are none: one query for both.
            field.choices = [(m.pk, field.label_from_instance(m)) for m in field.queryset]
