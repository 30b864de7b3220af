"""Photo rows of held festivals, all pointing at a few shared pictures (made once in the default
storage with their large and thumbnail renditions): a million real files would only measure the
disk."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from demo.national import names as words
from demo.photos import demo_photo_bytes
from events.models import FestivalPhoto
from events.photos import PHOTO_SIZES

PHOTO_COLUMNS = [
    "id", "festival_id", "image", "large", "thumbnail", "width", "height", "caption", "alt_text",
    "credit", "order", "is_public", "uploaded_by_id", "created_at", "review_state",
    "review_reason", "pending_changes", "original",
]  # fmt: skip

_COLOURS = [(164, 22, 26), (20, 108, 67), (13, 110, 253), (122, 91, 0), (90, 60, 140)]
SHARED_PREFIX = "national"


def shared_photos_ensure():
    """The shared pictures as (image, large, thumbnail, width, height), made when missing."""
    photos = []
    for index, colour in enumerate(_COLOURS):
        original = demo_photo_bytes(colour, index % 4)
        names = {}
        for size in ("image", "large", "thumbnail"):
            name = f"{SHARED_PREFIX}/anh-{index + 1}-{size}.jpg"
            if not default_storage.exists(name):
                picture = Image.open(io.BytesIO(original))
                picture.thumbnail((PHOTO_SIZES[size], PHOTO_SIZES[size]))
                buffer = io.BytesIO()
                picture.save(buffer, "JPEG", quality=82)
                name = default_storage.save(name, ContentFile(buffer.getvalue()))
            names[size] = name
        width, height = Image.open(io.BytesIO(original)).size
        photos.append((names["image"], names["large"], names["thumbnail"], width, height))
    return photos


def photos_add(gen, festival, places):
    """Write the photos of a held festival (alt text missing on some not yet published)."""
    rng, table = gen.rng, gen.tables[FestivalPhoto]
    credit = f"Ban Chỉ đạo ANTT {places['commune']}"
    for order in range(1, rng.randint(5, 19) + 1):
        image, large, thumbnail, width, height = gen.names.pick(gen.shared_photos)
        caption = gen.names.pick(words.PHOTO_CAPTIONS).format_map(places)
        alt = caption if festival.status == "published" or rng.random() < 0.7 else ""
        table.add(
            gen.ids.next(FestivalPhoto),
            festival.id,
            image,
            large,
            thumbnail,
            width,
            height,
            caption,
            alt,
            credit,
            order,
            rng.random() < 0.95,
            gen.user_id,
            festival.reported_at,
            "approved",
            "",
            "{}",
            "",  # renditions made: no original kept
        )
