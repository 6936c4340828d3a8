"""
Text for a terminal: what the library prints cannot drive it.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import re

__all__ = ["terminal_safe"]

# ANSI escape sequences: CSI (ESC [ or the C1 byte), OSC (ESC ] ... BEL or ST, within a line), and two-byte ESC
# sequences.  An OSC without its end loses only its introducer (ESC ] or the C1 byte): the text after it stays.
_ANSI = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"  # OSC, ended
    r"|\x1b[ -~]?"  # two bytes
)
# Other C0 and C1 controls (tab and newline stay), DEL, and the bidirectional overrides that reorder a line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

def terminal_safe(text: str) -> str:
    r"""
    *text* without ANSI escape sequences and control characters (tab and newline stay).

    Everything the library prints for a terminal (:func:`render_text`, the text
    and table forms of findings, folder checks, comparisons and indicators,
    and the command line's messages) passes through it, so a report cannot
    move the cursor, recolour, retitle or clear the terminal, or reorder a line.

    >>> terminal_safe("某某局\x1b[2J\x1b]0;title\x07\r\n")
    '某某局\n'

    .. versionadded:: 0.1.0
    """
    if text.isprintable():
        return text
    return _CONTROL.sub("", _ANSI.sub("", text))
