"""Horizontal bar charts drawn on the server as inline SVG: no JavaScript, no inline styles.

Each bar has its label above it and its value after it, in text, so the chart reads without
colour; the numbers are also in the table next to the chart, which screen readers use.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH = 440
FONT_SIZE = 16  # about 14 px on a 390 px wide phone, where the chart is scaled down
ROW_HEIGHT = 50
LABEL_BASELINE = 18  # from the top of a row
BAR_TOP = 26
BAR_HEIGHT = 16
VALUE_GAP = 6
VALUE_ROOM = 90  # right margin kept for the value after the longest bar ("1.000.000")
MAX_BARS = 25
MAX_LABEL_CHARS = 48


@dataclass(frozen=True)
class Bar:
    label: str
    display: str
    label_y: int
    bar_y: int
    width: float
    value_x: float
    value_y: int


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    description: str
    height: int
    bars: list = field(default_factory=list)
    shown: int = 0
    total: int = 0

    @property
    def width(self):
        return WIDTH

    @property
    def bar_height(self):
        return BAR_HEIGHT

    @property
    def font_size(self):
        return FONT_SIZE

    @property
    def title_id(self):
        return f"{self.chart_id}-title"

    @property
    def desc_id(self):
        return f"{self.chart_id}-desc"

    @property
    def is_truncated(self):
        return self.shown < self.total


def _short(label):
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(*, chart_id, title, items, display=str):
    """A chart of `items` ((label, value) pairs, in the order given); None without items.

    Only the first MAX_BARS items are drawn; the description says so and the table has them all.
    """
    if not items:
        return None
    drawn = items[:MAX_BARS]
    largest = max(value for _label, value in drawn) or 1
    room = WIDTH - VALUE_ROOM
    bars = []
    for index, (label, value) in enumerate(drawn):
        top = index * ROW_HEIGHT
        width = round(room * value / largest, 1)
        bars.append(
            Bar(
                label=_short(label),
                display=display(value),
                label_y=top + LABEL_BASELINE,
                bar_y=top + BAR_TOP,
                width=width,
                value_x=round(width + VALUE_GAP, 1),
                value_y=top + BAR_TOP + BAR_HEIGHT - 3,
            )
        )
    listed = "; ".join(f"{label}: {display(value)}" for label, value in drawn)
    description = _("Horizontal bar chart. %(figures)s.") % {"figures": listed}
    if len(items) > len(drawn):
        description += " " + _(
            "Only the first %(shown)s of %(total)s are drawn; the table lists them all."
        ) % {"shown": len(drawn), "total": len(items)}
    return BarChart(
        chart_id=chart_id,
        title=title,
        description=description,
        height=len(bars) * ROW_HEIGHT,
        bars=bars,
        shown=len(drawn),
        total=len(items),
    )
