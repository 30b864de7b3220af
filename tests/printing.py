"""Reading a page's print masthead in tests: the text of its `data-testid="print-header"`."""

import html
import re


def print_header_text(page):
    """The text of the page's print header, tags removed and spaces collapsed ("" if none)."""
    match = re.search(r'<(header|div)[^>]*data-testid="print-header"[^>]*>(.*?)</\1>', page, re.S)
    if match is None:
        return ""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(2))).split())
