from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextForm
from movements.enums import ModelStatus
from movements.models import ModelCategory
from movements.photos import ACCEPT_ATTRIBUTE, MAX_BYTES, MAX_PIXELS, MAX_SIDE, photo_check
from movements.selectors import PUBLIC_STATUS_ALL
from units.enums import UnitLevel
from units.forms import UnitPickerField, follow_form_date
from units.models import AdministrativeUnit

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class MovementModelForm(CleanTextForm):
    unit = UnitPickerField(label=_("Commune"), queryset=AdministrativeUnit.objects.none())
    name = forms.CharField(
        label=_("Name of the model"),
        max_length=255,
        help_text=_("e.g. Camera an ninh trật tự khu phố 3"),
    )
    category = CategoryChoiceField(
        label=_("Model category"), queryset=ModelCategory.objects.all(), empty_label=None
    )
    lead_organisation = forms.CharField(
        label=_("Lead organisation"),
        max_length=255,
        help_text=_("e.g. Công an phường Đông Sơn"),
    )
    partner_organisations = forms.CharField(
        label=_("Partner organisations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. Hội Cựu chiến binh phường"),
    )
    started_on = forms.DateField(
        label=_("Started on"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
        help_text=_("Leave empty when the start is not known."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How the model works: who takes part, what they do, how often."),
    )
    results = forms.CharField(
        label=_("Results"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What it has achieved, with figures where there are any."),
    )
    cover_photo = forms.FileField(
        label=_("Cover photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].widget.picker_params = f"level={UnitLevel.COMMUNE}"
        # A model started before the 2025 reform is kept at the commune as it was then.
        follow_form_date(self, "unit", "started_on", also_today=True)
        self.fields["cover_photo"].help_text = _(
            "Optional. JPEG, PNG or WebP, at most %(megabytes)s MB and %(megapixels)s megapixels. "
            "Location and camera data are removed and the photo is reduced to %(side)s pixels."
        ) % {
            "megabytes": MAX_BYTES // (1024 * 1024),
            "megapixels": MAX_PIXELS // 1_000_000,
            "side": MAX_SIDE,
        }

    def clean_started_on(self):
        started_on = self.cleaned_data.get("started_on")
        if started_on and started_on > timezone.localdate():
            raise forms.ValidationError(_("The start date cannot be in the future."))
        return started_on

    def clean_cover_photo(self):
        photo = self.cleaned_data.get("cover_photo")
        if photo and hasattr(photo, "content_type"):
            photo_check(photo)
        return photo

    def photo_changes(self):
        """(new upload or None, whether to remove the current photo) from the cleaned form."""
        photo = self.cleaned_data.get("cover_photo")
        if photo is False:
            return None, True
        if photo and hasattr(photo, "content_type"):
            return photo, False
        return None, False


class StatusChangeForm(CleanTextForm):
    status = forms.ChoiceField(label=_("New status"), choices=ModelStatus.choices)
    on = forms.DateField(
        label=_("Date of the change"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )

    def __init__(self, *args, model=None, **kwargs):
        super().__init__(*args, **kwargs)
        if model is not None:
            self.fields["status"].choices = [
                (value, label.capitalize())
                for value, label in ModelStatus.choices
                if value != model.status
            ]
        if not self.is_bound:
            self.initial.setdefault("on", timezone.localdate())


class StaffModelFilterForm(CleanTextForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    province = forms.ChoiceField(label=_("Province"), required=False)
    commune = forms.ChoiceField(label=_("Commune"), required=False)
    category = forms.ChoiceField(label=_("Model category"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ModelStatus.choices],
    )

    def __init__(self, *args, provinces, communes, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (p.code, p.name) for p in provinces
        ]
        self.fields["commune"].choices = [("", _("All communes"))] + [
            (c.code, c.name) for c in communes
        ]
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.code, c.label) for c in categories
        ]


class PublicModelFilterForm(CleanTextForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    province = forms.ChoiceField(label=_("Province"), required=False)
    commune = forms.CharField(label=_("Commune"), required=False, max_length=10)
    category = forms.ChoiceField(label=_("Model category"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Active")),
            (ModelStatus.PAUSED, _("Paused")),
            (ModelStatus.ENDED, _("Ended")),
            (PUBLIC_STATUS_ALL, _("All")),
        ],
    )

    def __init__(self, *args, provinces, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (p.code, p.name) for p in provinces
        ]
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.code, c.label) for c in categories
        ]
