"""Staff pages for a festival's photos and documents (under /manage/festivals/<id>/photos/).

Every page starts from the festival in the user's scope (404 otherwise), then checks the
permission to manage photos (403). Uploads work as a plain form posting several files; with
JavaScript (static/js/photo-upload.js) the same endpoint takes one file per request and answers
JSON when asked with `Accept: application/json`.
"""

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.errors import FileRejected, ServiceError
from core.ids import parse_id
from core.images import ACCEPT_ATTRIBUTE
from events import photos as services
from events.enums import DocumentKind, RenditionState
from events.models import FestivalDocument, FestivalPhoto
from events.selectors import festival_in_scope
from staff.decorators import staff_area_required
from staff.feedback import form_add_error, form_error_messages, show_error

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


# Forms (validation only; the services check the files themselves) ----------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class PhotoFilesField(forms.FileField):
    """Several files under one name; each is checked on its own by the service, so that one bad
    file does not turn the others away."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if getattr(f, "name", None)]
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class PhotoUploadForm(forms.Form):
    photos = PhotoFilesField(
        label=gettext_lazy("Photos"),
        error_messages={"required": gettext_lazy("Choose at least one photo.")},
    )
    credit = forms.CharField(
        label=gettext_lazy("Credit"),
        max_length=FestivalPhoto._meta.get_field("credit").max_length,
        required=False,
        help_text=gettext_lazy("Optional, for every photo of this upload, e.g. Công an phường."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].widget.attrs.update({"accept": ACCEPT_ATTRIBUTE})
        self.fields["photos"].help_text = _(
            "JPEG, PNG or WebP, at most %(megabytes)s MB and %(megapixels)s megapixels each. "
            "Choose several at once if you like. Location and camera data are removed."
        ) % {
            "megabytes": settings.PHOTO_MAX_BYTES // 2**20,
            "megapixels": settings.PHOTO_MAX_PIXELS // 1_000_000,
        }


class PhotoForm(forms.Form):
    caption = forms.CharField(
        label=gettext_lazy("Caption"),
        max_length=FestivalPhoto._meta.get_field("caption").max_length,
        required=False,
    )
    alt_text = forms.CharField(
        label=gettext_lazy("Alternative text"),
        max_length=FestivalPhoto._meta.get_field("alt_text").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=FestivalPhoto._meta.get_field("alt_text").help_text,
    )
    credit = forms.CharField(
        label=gettext_lazy("Credit"),
        max_length=FestivalPhoto._meta.get_field("credit").max_length,
        required=False,
    )
    order = forms.IntegerField(label=gettext_lazy("Order"), min_value=1, max_value=32767)
    is_public = forms.BooleanField(label=gettext_lazy("Show to the public"), required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=FestivalDocument._meta.get_field("title").max_length
    )
    number = forms.CharField(
        label=gettext_lazy("Number"),
        max_length=FestivalDocument._meta.get_field("number").max_length,
        required=False,
        help_text=gettext_lazy("e.g. 45/KH-UBND"),
    )
    date = forms.DateField(
        label=gettext_lazy("Date"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    issuer = forms.CharField(
        label=gettext_lazy("Issued by"),
        max_length=FestivalDocument._meta.get_field("issuer").max_length,
        required=False,
    )
    file = forms.FileField(
        label=gettext_lazy("PDF file"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    is_public = forms.BooleanField(
        label=gettext_lazy("Show to the public"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF only, at most %(megabytes)s MB.") % {
            "megabytes": services.DOCUMENT_MAX_BYTES // 2**20
        }

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("The document's date cannot be in the future."))
        return date


# Access -----------------------------------------------------------------------------------------


def festival_photos_view(*methods):
    """Signed in with a role (else sign-in page / 403), the festival in scope (else 404), one of
    `methods` (else 405) and the right to manage its photos (else 403), in that order."""

    # HEAD wherever GET is (the view answers it as GET; Django drops the body).
    allowed = (*methods, "HEAD") if "GET" in methods else methods

    def decorator(view):
        @staff_area_required
        @wraps(view)
        def wrapper(request, festival_pk, *args, **kwargs):
            festival = festival_in_scope(request.user, festival_pk)
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            if not request.user.has_perm("events.manage_photos", festival):
                raise PermissionDenied
            return view(request, festival, *args, **kwargs)

        return wrapper

    return decorator


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _page_url(festival, anchor=""):
    url = reverse("photos:photo.list", kwargs={"festival_pk": festival.pk})
    return f"{url}#{anchor}" if anchor else url


# Pages ------------------------------------------------------------------------------------------


def _render_page(
    request, festival, *, photo_forms=None, upload_form=None, document_form=None, status=200
):
    photo_forms = photo_forms or {}
    photos = list(services.festival_photos(festival))
    rows = []
    for position, photo in enumerate(photos, start=1):
        form = photo_forms.get(photo.pk) or PhotoForm(
            prefix=f"photo-{photo.pk}",
            # Changes waiting for review are what the commune last asked for: shown to edit on.
            initial={
                "caption": photo.caption,
                "alt_text": photo.alt_text,
                "credit": photo.credit,
                "is_public": photo.is_public,
                **photo.pending_changes,
                "order": position,
            },
        )
        rows.append((photo, form))
    refused_rows = [
        (photo, position)
        for position, (photo, form) in enumerate(rows, start=1)
        if form.is_bound and form.errors
    ]
    missing_alt_text = sum(1 for p in photos if p.is_public and not p.alt_text.strip())
    return render(
        request,
        "staff/festivals/photos.html",
        {
            "festival": festival,
            "takes_photos": services.festival_takes_photos(festival),
            "needs_review": services.needs_review(request.user, festival),
            "rows": rows,
            "refused_rows": refused_rows,
            "missing_alt_text": missing_alt_text,
            "documents": list(services.festival_documents(festival)),
            "upload_form": upload_form or PhotoUploadForm(),
            "document_form": document_form or DocumentForm(),
        },
        status=status,
    )


@festival_photos_view("GET")
def photo_list(request, festival):
    return _render_page(request, festival)


@festival_photos_view("POST")
def photo_upload(request, festival):
    """Store every valid photo of the upload; each refused file gets its own message."""
    form = PhotoUploadForm(request.POST, request.FILES)
    files = request.FILES.getlist("photos")
    form.is_valid()
    form_errors = form_error_messages(form)
    results = []
    if not form_errors:
        for upload in files:
            results.append(_add_photo(festival, request.user, upload, form.cleaned_data))
    saved = sum(1 for r in results if r["ok"])

    if _wants_json(request):
        body = {
            "results": results,
            "errors": form_errors,
            "missing_alt_text": services.photos_missing_alt_text(festival).count(),
        }
        ok = not form_errors and saved == len(results)
        return JsonResponse(body, status=201 if ok else 400)

    for error in form_errors:
        messages.error(request, error)
    for result in results:
        if not result["ok"]:
            messages.error(request, result["message"])
    if saved:
        messages.success(
            request,
            ngettext(
                "%(count)d photo was added. Describe it (alternative text) before the report is published.",
                "%(count)d photos were added. Describe each (alternative text) before the report is published.",
                saved,
            )
            % {"count": saved},
        )
    return redirect(_page_url(festival, "photo-list"))


def _add_photo(festival, user, upload, values):
    try:
        photo = services.festival_photo_add(
            festival=festival, user=user, upload=upload, credit=values.get("credit") or ""
        )
    except ServiceError as error:
        return {
            "name": upload.name,
            "ok": False,
            "message": _("“%(name)s” was not added: %(reason)s")
            % {"name": upload.name, "reason": " ".join(error.messages)},
        }
    state = photo.renditions_state
    if state == RenditionState.READY:
        message = _("“%(name)s” was added.") % {"name": upload.name}
    elif state == RenditionState.PROCESSING:
        message = _("“%(name)s” was received; its sizes are being made.") % {"name": upload.name}
    else:
        message = _("“%(name)s” was received, but its sizes could not be made: %(reason)s") % {
            "name": upload.name,
            "reason": photo.renditions_failure,
        }
    return {
        "name": upload.name,
        "ok": state != RenditionState.FAILED,
        "message": message,
        "id": photo.pk,
        "state": state.value,
        "thumbnail": photo.thumbnail.url if photo.thumbnail else None,
    }


@festival_photos_view("GET")
def photo_state(request, festival, pk):
    """One photo's picture as the list shows it: polled (htmx) while its renditions are being
    made, until they are there or their making failed."""
    photo = get_object_or_404(services.festival_photos(festival), pk=pk)
    ids = list(services.festival_photos(festival).values_list("pk", flat=True))
    return render(
        request,
        "staff/festivals/_photo_figure.html",
        {"festival": festival, "photo": photo, "position": ids.index(photo.pk) + 1},
    )


class _NothingSaved(Exception):
    """Raised inside the save of all photos to roll back every change when one is refused."""


@festival_photos_view("POST")
def photos_save(request, festival):
    """Save the texts, visibility and positions of every photo of the page at once; a "Move up"
    or "Move down" button of the same form saves them too, then moves its photo. When one
    photo's values are refused nothing is saved and the page comes back with each photo's
    messages next to it."""
    photos = list(services.festival_photos(festival))
    posted = [p for p in photos if f"photo-{p.pk}-order" in request.POST]
    forms_by_pk = {p.pk: PhotoForm(request.POST, prefix=f"photo-{p.pk}") for p in posted}
    # A list, not a generator: every form is validated, so that each shows its own errors.
    valid = all([form.is_valid() for form in forms_by_pk.values()])  # noqa: C419
    if valid:
        try:
            with transaction.atomic():
                _save_photos(request, festival, photos, posted, forms_by_pk)
        except _NothingSaved:
            valid = False
    if not valid:
        refused = sum(1 for form in forms_by_pk.values() if form.errors)
        messages.error(
            request,
            ngettext(
                "Nothing was saved: %(count)d photo needs correcting; see the message next to it.",
                "Nothing was saved: %(count)d photos need correcting; see the message next to each.",
                refused,
            )
            % {"count": refused},
        )
        return _render_page(request, festival, photo_forms=forms_by_pk, status=400)
    moved = _move_request(request)
    if moved:
        return redirect(_page_url(festival, f"photo-{moved[0]}"))
    messages.success(request, _("The photos' details were saved."))
    return redirect(_page_url(festival, "photo-list"))


def _move_request(request):
    """(photo id, -1 or 1) of the Move up / Move down button pressed, else None."""
    pk, _sep, direction = request.POST.get("move", "").partition(":")
    pk = parse_id(pk)
    if pk is None or direction not in ("up", "down"):
        return None
    return pk, -1 if direction == "up" else 1


def _save_photos(request, festival, photos, posted, forms_by_pk):
    for photo in posted:
        form = forms_by_pk[photo.pk]
        values = {k: v for k, v in form.cleaned_data.items() if k != "order"}
        try:
            services.festival_photo_update(photo=photo, user=request.user, **values)
        except ServiceError as error:
            form_add_error(form, error)
    if any(form.errors for form in forms_by_pk.values()):
        raise _NothingSaved
    # The positions typed in (ties keep the current order); photos added meanwhile stay last.
    index = {p.pk: i for i, p in enumerate(photos)}
    ids = [
        p.pk
        for p in sorted(
            posted, key=lambda p: (forms_by_pk[p.pk].cleaned_data["order"], index[p.pk])
        )
    ]
    ids += [p.pk for p in photos if p.pk not in forms_by_pk]
    moved = _move_request(request)
    if moved and moved[0] in ids:
        at = ids.index(moved[0])
        other = at + moved[1]
        if 0 <= other < len(ids):
            ids[at], ids[other] = ids[other], ids[at]
    if ids != [p.pk for p in photos]:
        try:
            services.festival_photos_reorder(festival=festival, user=request.user, photo_ids=ids)
        except ServiceError as error:
            show_error(request, error)
            raise _NothingSaved from None


@festival_photos_view("POST")
def photo_reorder(request, festival):
    """Move one photo up or down (buttons next to each photo)."""
    ids = [p.pk for p in services.festival_photos(festival)]
    try:
        pk = int(request.POST.get("photo", ""))
        index = ids.index(pk)
    except ValueError:
        messages.error(request, _("This photo has been deleted in the meantime."))
        return redirect(_page_url(festival, "photo-list"))
    step = -1 if request.POST.get("direction") == "up" else 1
    other = index + step
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
        try:
            services.festival_photos_reorder(festival=festival, user=request.user, photo_ids=ids)
        except ServiceError as error:
            show_error(request, error)
    return redirect(_page_url(festival, f"photo-{pk}"))


@festival_photos_view("GET", "POST")
def photo_delete(request, festival, pk):
    photo = get_object_or_404(FestivalPhoto, festival=festival, pk=pk)
    if request.method in ("GET", "HEAD"):
        return render(
            request,
            "staff/festivals/photos_confirm_delete.html",
            {"festival": festival, "photo": photo},
        )
    try:
        services.festival_photo_delete(photo=photo, user=request.user)
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(request, _("The photo was deleted."))
    return redirect(_page_url(festival, "photo-list"))


@festival_photos_view("POST")
def document_upload(request, festival):
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        values = dict(form.cleaned_data)
        upload = values.pop("file")
        try:
            document = services.festival_document_add(
                festival=festival, user=request.user, upload=upload, **values
            )
        except FileRejected as error:
            form_add_error(form, error, field="file")
        except ServiceError as error:
            form_add_error(form, error)
    if not form.is_valid():
        messages.error(request, _("The document was not added; see the messages in its form."))
        return _render_page(request, festival, document_form=form, status=400)
    messages.success(request, _("The document “%(title)s” was added.") % {"title": document.title})
    return redirect(_page_url(festival, "documents"))


@festival_photos_view("GET", "POST")
def document_delete(request, festival, pk):
    document = get_object_or_404(FestivalDocument, festival=festival, pk=pk)
    if request.method in ("GET", "HEAD"):
        return render(
            request,
            "staff/festivals/documents_confirm_delete.html",
            {"festival": festival, "document": document},
        )
    try:
        services.festival_document_delete(document=document, user=request.user)
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(
            request, _("The document “%(title)s” was deleted.") % {"title": document.title}
        )
    return redirect(_page_url(festival, "documents"))
