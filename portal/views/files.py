"""Private files, handed out after a permission check: festival documents (the public ones of
public festivals to anyone), private photos, decision PDFs. Anything else — or anything the user
may not have — is a 404, whatever the address."""

from django.db.models import Q
from django.http import Http404
from django.views.decorators.http import require_safe

from awards.models import Decision
from core.downloads import file_response
from core.storage import is_private_name
from events.models import FestivalDocument, FestivalPhoto


@require_safe
def private_file(request, name):
    if not is_private_name(name):
        raise Http404
    user = request.user
    document = (
        FestivalDocument.objects.select_related("festival__host_unit").filter(file=name).first()
    )
    if document is not None:
        if not user.has_perm("events.download_document", document):
            raise Http404
        return file_response(document.file, filename=f"{document.title}.pdf", attachment=True)
    photo = (
        FestivalPhoto.objects.select_related("festival__host_unit")
        .filter(Q(image=name) | Q(large=name) | Q(thumbnail=name))
        .first()
    )
    if photo is not None:
        if not user.has_perm("events.view", photo.festival):
            raise Http404
        field = next(f for f in (photo.image, photo.large, photo.thumbnail) if f.name == name)
        return file_response(field)
    decision = Decision.objects.select_related("authority__unit").filter(file=name).first()
    if decision is not None and user.has_perm("awards.download_decision", decision):
        return file_response(
            decision.file, filename=f"{decision.number.replace('/', '-')}.pdf", attachment=True
        )
    raise Http404
