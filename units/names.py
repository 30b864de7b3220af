"""Units named in free text (a title, an address): written again with today's names."""

import re


def _names_up(unit):
    """ "Thị trấn Rừng Thông", "Huyện Đông Sơn", "Tỉnh Thanh Hóa": the unit and its parents."""
    names = []
    while unit is not None:
        names.append(unit.name)
        unit = unit.parent
    return names


def _as_written(name, sample):
    """`name` with a small first letter when `sample` has one ("phường" inside a sentence)."""
    if sample[:1].islower():
        return name[:1].lower() + name[1:]
    return name


def unit_names_replaced(text, *, old, new):
    """`text` with every mention of the unit `old` written as the unit `new`.

    A mention is the unit's full name, in any letter case ("thị trấn Rừng Thông"), perhaps followed
    by its parents in order ("thị trấn Rừng Thông, huyện Đông Sơn, tỉnh Thanh Hóa"); it becomes the
    name of `new`, followed by all of its own parents when the mention named any ("phường Đông
    Sơn, tỉnh Thanh Hóa"), each name with a small first letter where the text had one. A bare
    place name ("Rừng Thông" alone) is a name of the place, not of the unit, and stays. Select
    the parents of both units (`parent__parent`) to avoid queries.
    """
    if not text or old is None or new is None or old.pk == new.pk:
        return text
    old_names, new_names = _names_up(old), _names_up(new)
    parents = ""
    for name in reversed(old_names[1:]):
        parents = rf"(?:\s*,\s*{re.escape(name)}{parents})?"
    pattern = re.compile(
        rf"(?<!\w)(?P<unit>{re.escape(old_names[0])})(?P<parents>{parents})(?!\w)", re.IGNORECASE
    )

    def written(match):
        unit, named_parents = match.group("unit"), match.group("parents")
        if not named_parents:
            return _as_written(new_names[0], unit)
        samples = [unit, *[part.strip() for part in named_parents.split(",")[1:]]]
        return ", ".join(
            _as_written(name, samples[min(index, len(samples) - 1)])
            for index, name in enumerate(new_names)
        )

    return pattern.sub(written, text)
