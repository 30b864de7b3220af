from stats.charts import MAX_BARS, MAX_LABEL_CHARS, WIDTH, bar_chart


def test_no_items_give_no_chart():
    assert bar_chart(chart_id="c", title="T", items=[]) is None


def test_bars_scale_to_the_largest_value_and_leave_room_for_the_values():
    chart = bar_chart(chart_id="c", title="T", items=[("a", 4), ("b", 2), ("c", 0)])

    widths = [bar.width for bar in chart.bars]
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0
    assert all(bar.value_x + 40 < WIDTH for bar in chart.bars)
    assert [bar.display for bar in chart.bars] == ["4", "2", "0"]
    assert chart.height == 3 * (chart.bars[1].bar_y - chart.bars[0].bar_y)
    assert chart.description == "Horizontal bar chart. a: 4; b: 2; c: 0."


def test_all_zero_values_draw_empty_bars():
    chart = bar_chart(chart_id="c", title="T", items=[("a", 0)])

    assert chart.bars[0].width == 0


def test_long_lists_draw_the_first_bars_and_say_so():
    items = [(f"unit {n}", 100 - n) for n in range(MAX_BARS + 5)]

    chart = bar_chart(chart_id="c", title="T", items=items)

    assert len(chart.bars) == MAX_BARS
    assert chart.is_truncated
    assert chart.description.endswith(
        f"Only the first {MAX_BARS} of {MAX_BARS + 5} are drawn; the table lists them all."
    )


def test_long_labels_are_shortened_in_the_chart():
    chart = bar_chart(chart_id="c", title="T", items=[("x" * 80, 1)])

    assert len(chart.bars[0].label) == MAX_LABEL_CHARS
    assert chart.bars[0].label.endswith("…")
