"""One escaping rule per output context, so text from a record never changes what a page or
file means. HTML text and attributes: Jinja's autoescape (every template). JSON inside a
`<script>` element: `script_json`, the rule of Jinja's `tojson` filter, for JSON made outside
templates. CSV cells a clerk opens in a spreadsheet: `exports.opendata.csv_cell`."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

# Inside <script>, "</script", "<!--" and "<script" change the HTML parser's state whatever
# the JSON means; written as \u escapes they stay the same JSON text.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})


def script_json(value: Any) -> Markup:
    """`value` as JSON that can stand inside a <script> element unchanged."""
    return Markup(json.dumps(value, ensure_ascii=False).translate(_SCRIPT_SAFE))
