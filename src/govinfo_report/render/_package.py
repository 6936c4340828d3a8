"""
The zip packages the Word and Excel writers make: written atomically, and reproducible on request.

When the environment variable ``SOURCE_DATE_EPOCH`` holds a time (seconds since
1970, the convention of https://reproducible-builds.org), every entry of the
package is dated then, and so are the document's ``dcterms:created`` and
``dcterms:modified``: the same report gives the same bytes on every run.
Without it, python-docx and openpyxl date the package as they always do.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import zipfile
from collections.abc import Callable
from typing import IO, Union

from .._atomic import replacing
from ..errors import OptionError

Target = Union[str, "os.PathLike[str]", IO[bytes]]

_CORE = "docProps/core.xml"
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
_ZIP_EPOCH = 315532800  # 1980-01-01: a zip entry cannot be dated earlier


def source_date_epoch() -> int | None:
    """
    The time ``SOURCE_DATE_EPOCH`` gives, or None when it is unset or empty.

    Raises:
        OptionError: It is set to something other than a whole number of seconds.
    """
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise OptionError(f"SOURCE_DATE_EPOCH: expected whole seconds since 1970, got {text!r}")
    return int(text)


def reproducible(data: bytes, epoch: int) -> bytes:
    """
    The package *data* with every entry dated *epoch*, and its core properties' dates too.

    The entries keep their order, names, compression and permissions.
    """
    when = _dt.datetime.fromtimestamp(max(epoch, _ZIP_EPOCH), _dt.timezone.utc)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            body = old.read(info)
            if info.filename == _CORE:
                body = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(3), body)
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            new.writestr(entry, body)
    return out.getvalue()


def save_package(save: Callable[[IO[bytes]], None], target: Target) -> None:
    """
    Write the package that *save* writes into a binary file, to *target*.

    A path is replaced atomically (a failed write leaves the file that was
    there); a file object is written to.  With ``SOURCE_DATE_EPOCH`` set, the
    package is made :func:`reproducible` first.

    Raises:
        OptionError: ``SOURCE_DATE_EPOCH`` is malformed.
        OSError: The file cannot be written.
    """
    write = save
    epoch = source_date_epoch()
    if epoch is not None:
        buffer = io.BytesIO()
        save(buffer)
        data = reproducible(buffer.getvalue(), epoch)

        def write(f: IO[bytes]) -> None:
            f.write(data)

    if isinstance(target, (str, os.PathLike)):
        with replacing(target) as f:
            write(f)
    else:
        write(target)
