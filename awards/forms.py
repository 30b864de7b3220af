from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.selectors import units_for_user
from awards.enums import RecipientKind, TributeKind
from awards.models import AwardForm, IssuingAuthority
from core.amounts import AmountField
from core.errors import FileRejected
from core.files import pdf_check
from core.forms import CleanTextForm, RowForm, row_formset
from events.models import Festival
from events.pickers import FestivalPickerField, FestivalPickerWidget

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
PDF_MAX_BYTES = 20 * 1024 * 1024


def authorities_for(user):

    return IssuingAuthority.objects.filter(unit__in=units_for_user(user)).select_related("unit")


def festivals_for(user):
    return Festival.objects.for_user(user).select_related("host_unit").order_by("-starts_at")


class DecisionForm(CleanTextForm):
    number = forms.CharField(
        label=_("Number and symbol"), max_length=60, help_text=_("e.g. 1234/QĐ-UBND")
    )
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    authority = forms.ModelChoiceField(
        label=_("Issuing authority"), queryset=IssuingAuthority.objects.none()
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=255, required=False)
    file = forms.FileField(label=_("PDF of the decision"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the authorities that existed on the decision's date are offered: one that ceased
        # (a district abolished in 2025) stays on its past decisions but is not offered for new
        # ones.
        authorities = authorities_for(user)
        offered = authorities.valid_on(self._date_on_form())
        current = self.initial.get("authority")
        if current is not None:
            offered = offered | authorities.filter(pk=getattr(current, "pk", current))
        field = self.fields["authority"]
        # Any authority in scope validates, so that the service can say why one outside its term
        # cannot sign; the drop-down offers only those in office on the date.
        field.queryset = authorities
        field.widget.choices = forms.ModelChoiceField(
            queryset=offered.distinct(), empty_label=field.empty_label
        ).choices

    def _date_on_form(self):
        if self.is_bound:
            raw = self.data.get(self.add_prefix("date"), "")
            try:
                return self.fields["date"].to_python(raw) or timezone.localdate()
            except forms.ValidationError:
                return timezone.localdate()
        return self.initial.get("date") or timezone.localdate()

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The decision date cannot be in the future."))
        return date

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        try:
            pdf_check(upload, max_bytes=PDF_MAX_BYTES)
        except FileRejected as exc:
            raise forms.ValidationError(exc.messages) from exc
        return upload


class AwardRowForm(RowForm):
    form = forms.ModelChoiceField(
        label=_("Form"), queryset=AwardForm.objects.filter(is_active=True)
    )
    recipient_kind = forms.ChoiceField(label=_("Recipient kind"), choices=RecipientKind.choices)
    recipient_name = forms.CharField(label=_("Recipient"), max_length=255)
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    citation = forms.CharField(label=_("Citation"), required=False, widget=forms.TextInput)
    amount = AmountField(label=_("Amount (VND)"), required=False)
    festival = FestivalPickerField(label=_("Presented at"), required=False)

    def __init__(self, *args, festivals=None, around=None, forms_allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if festivals is not None:
            self.fields["festival"].queryset = festivals
        if around is not None:
            self.fields["festival"].widget.picker_params = f"around={around}"
        if forms_allowed is not None:
            self.fields["form"].queryset = forms_allowed


class TributeRowForm(RowForm):
    giver = forms.CharField(label=_("Given by"), max_length=255)
    recipient = forms.CharField(label=_("Given to"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=TributeKind.choices)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100_000, initial=1)
    value = AmountField(label=_("Value (VND)"), required=False)


AwardFormSet = row_formset(AwardRowForm)
TributeFormSet = row_formset(TributeRowForm, max_rows=200)


class ImportForm(CleanTextForm):
    file = forms.FileField(label=_("Award list (.xlsx or .csv)"))


class DecisionFilterForm(CleanTextForm):
    q = forms.CharField(label=_("Recipient, number"), required=False, max_length=200)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)
    authority = forms.ModelChoiceField(
        label=_("Issuing authority"),
        queryset=IssuingAuthority.objects.none(),
        required=False,
        empty_label=_("All issuing authorities"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    form = forms.ModelChoiceField(
        label=_("Form"),
        queryset=AwardForm.objects.all(),
        required=False,
        empty_label=_("All award forms"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    festival = FestivalPickerField(
        label=_("Festival"),
        required=False,
        widget=FestivalPickerWidget(attrs={"class": "form-select"}, empty_label=_("All festivals")),
    )
    decision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities_for(user)
        self.fields["festival"].queryset = Festival.objects.for_user(user)
