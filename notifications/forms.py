from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class NotificationPreferencesForm(forms.Form):
    notify_by_mail = forms.BooleanField(
        label=_("Also send me these notifications by mail"), required=False
    )
    language = forms.ChoiceField(label=_("Language of the mail"), choices=settings.LANGUAGES)
