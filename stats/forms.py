from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from stats.selectors import StatsFilters

FIRST_YEAR = 2005  # the first All-People National Security Protection Day


class StatsFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=2100)
    province = forms.ChoiceField(label=_("Province"), required=False)

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.provinces = {province.code: province for province in provinces}
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (province.code, province.name) for province in provinces
        ]

    def filters(self):
        """The filters from the fields that are valid; a field with an error is left out (the page
        shows the error next to it)."""
        if not self.is_bound:
            return StatsFilters()
        self.is_valid()  # cleaned_data then holds the fields that are valid
        data = self.cleaned_data
        return StatsFilters(
            year=data.get("year"), province=self.provinces.get(data.get("province") or "")
        )

    def query_string(self):
        """The valid filters as a query string, for the download links ("" without filters)."""
        filters = self.filters()
        params = {}
        if filters.year:
            params["year"] = filters.year
        if filters.province is not None:
            params["province"] = filters.province.code
        return urlencode(params)
