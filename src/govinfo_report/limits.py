"""
Limits on what an input may expand to, and the safe readers that enforce them.

A Word .docx (and an Excel .xlsx) is a zip archive of XML parts; a PDF holds
compressed streams.  Small files can expand to gigabytes (a "zip bomb"), and
XML can be nested or sized to exhaust memory.  Every container reader of the
library opens its input through :func:`open_zip` and :func:`read_member`,
parses XML with :func:`parse_xml` and counts the text it collects with a
:class:`TextBudget` (a reader of another format, such as PDF, bounds its
file with :func:`check_file_size`), all bounded by one :class:`Limits` value,
and raises :class:`~govinfo_report.errors.InputLimitError` (exit status 2 on
the command line) before anything large is built.

The defaults are far above any real 政府信息公开工作年度报告 (a real .docx report
expands to a few megabytes) and far below what would hurt a machine:

===================  ===========  =========================================================
limit                default      what it bounds
===================  ===========  =========================================================
max_file_bytes       256 MiB      the size of the file itself
max_members          10,000       the number of members (parts) of a zip archive
max_member_bytes     64 MiB       the uncompressed size of one member
max_total_bytes      256 MiB      the uncompressed size of all members read
max_ratio            100          uncompressed / compressed size of a member above 1 MiB
max_text_node        1,000,000    the characters of one XML text node (a Word run)
max_text_chars       20,000,000   the characters of text a document reader collects, or a writer writes
max_table_cells      50,000       the cells of one table (after column spans)
===================  ===========  =========================================================

XML is parsed without resolving entities (an ``&xxe;`` stays a reference: it
is neither expanded nor fetched), without network access, and without
libxml2's "huge tree" mode, which also bounds the nesting depth (256).

>>> limits = Limits(max_member_bytes=1024)
>>> limits.max_member_bytes, Limits().max_ratio
(1024, 100)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from typing import IO, Any, Union

import attrs
from attrs import frozen

from .errors import InputFileError, InputLimitError, MissingDependencyError, ReportReadError

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "SafeZip",
    "TextBudget",
    "check_file_size",
    "open_zip",
    "parse_xml",
    "read_member",
]

MiB = 1024 * 1024

Source = Union[str, "os.PathLike[str]", IO[bytes], bytes]
"""A container: a path, a binary file object, or the bytes themselves."""

_RATIO_FLOOR = MiB  # small members may compress as well as they like
_CHUNK = 256 * 1024


def _positive(instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        from .errors import OptionError

        raise OptionError(f"Limits.{attribute.name}: expected an int ≥ 1, got {value!r}")


@frozen(kw_only=True)
class Limits:
    """
    How far a container input (.docx, .xlsx, .pdf) may expand; see the module docstring for the defaults.

    Make one with the fields to change, e.g. ``Limits(max_member_bytes=256 * 1024 * 1024)``,
    and pass it to :func:`govinfo_report.parse_docx` (``limits=``).

    Attributes:
        max_file_bytes: The size of the file itself.
        max_members: How many members a zip archive may have.
        max_member_bytes: The uncompressed size of one member.
        max_total_bytes: The uncompressed size of all members read from one archive.
        max_ratio: The largest compression ratio (uncompressed / compressed) of a
            member bigger than 1 MiB; zip bombs compress a thousandfold.
        max_text_node: The characters of one XML text node.
        max_text_chars: The characters of text one document gives (reading), or
            that :func:`govinfo_report.write_docx` writes.
        max_table_cells: The cells of one table, column spans counted.

    .. versionadded:: 0.1.0
    """

    max_file_bytes: int = attrs.field(default=256 * MiB, validator=_positive)
    max_members: int = attrs.field(default=10_000, validator=_positive)
    max_member_bytes: int = attrs.field(default=64 * MiB, validator=_positive)
    max_total_bytes: int = attrs.field(default=256 * MiB, validator=_positive)
    max_ratio: int = attrs.field(default=100, validator=_positive)
    max_text_node: int = attrs.field(default=1_000_000, validator=_positive)
    max_text_chars: int = attrs.field(default=20_000_000, validator=_positive)
    max_table_cells: int = attrs.field(default=50_000, validator=_positive)


DEFAULT_LIMITS = Limits()
"""The limits used when a reader is given none."""


def source_name(source: Source) -> str:
    """A name for *source* in messages: the path, the file object's name, or ``<stream>``."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def check_file_size(source: Source, limits: Limits = DEFAULT_LIMITS) -> None:
    """
    Refuse a file (a path, a seekable file object or bytes) larger than ``max_file_bytes``.

    For readers of formats that are not zip archives (PDF) and must bound their input up front.

    Raises:
        InputLimitError: The file is too large.
        InputFileError: A path cannot be read (an :class:`OSError` too).

    .. versionadded:: 0.1.0
    """
    if isinstance(source, (bytes, bytearray)):
        size: int | None = len(source)
    elif isinstance(source, (str, os.PathLike)):
        try:
            size = os.stat(source).st_size
        except OSError as exc:
            raise InputFileError.wrap(os.fspath(source), exc) from exc
    else:
        try:
            here = source.tell()
            size = source.seek(0, os.SEEK_END) - here
            source.seek(here)
        except (OSError, AttributeError, ValueError):
            size = None
    if size is not None and size > limits.max_file_bytes:
        raise InputLimitError(source_name(source), "max_file_bytes", size, limits.max_file_bytes, "the file")


class TextBudget:
    """
    Counts the text a reader collects against ``max_text_node`` (one piece) and ``max_text_chars`` (in all).

    >>> budget = TextBudget(Limits(max_text_chars=5), "x.docx")
    >>> budget.take("abc")
    'abc'
    >>> budget.take("def")
    Traceback (most recent call last):
    ...
    govinfo_report.errors.InputLimitError: x.docx: the text of the document exceeds the limit max_text_chars (6 > 5)

    .. versionadded:: 0.1.0
    """

    def __init__(self, limits: Limits, source: str) -> None:
        self.limits = limits
        self.source = source
        self.chars = 0

    def take(self, text: str) -> str:
        """*text*, counted; raises InputLimitError when it is too long or the total too large."""
        if len(text) > self.limits.max_text_node:
            limit = self.limits.max_text_node
            raise InputLimitError(self.source, "max_text_node", len(text), limit, "a text of the document")
        self.chars += len(text)
        if self.chars > self.limits.max_text_chars:
            limit = self.limits.max_text_chars
            raise InputLimitError(self.source, "max_text_chars", self.chars, limit, "the text of the document")
        return text


class SafeZip:
    """
    A zip archive whose directory passed the :class:`Limits`; read members with :meth:`read`.

    Keeps count of the bytes read, so the total stays within ``max_total_bytes``.
    Use it as a context manager (it closes the archive).

    .. versionadded:: 0.1.0
    """

    def __init__(self, archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
        self.archive = archive
        self.name = name
        self.limits = limits
        self.total = 0

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.archive.close()

    def names(self) -> list[str]:
        """The names of the archive's members."""
        return self.archive.namelist()

    def read(self, member: str) -> bytes:
        """The member's bytes (see :func:`read_member`); raises KeyError for a missing member."""
        data = read_member(self.archive, member, self.limits, source=self.name, already=self.total)
        self.total += len(data)
        return data


def open_zip(source: Source, limits: Limits = DEFAULT_LIMITS) -> SafeZip:
    """
    Open a zip archive (.docx, .xlsx) after checking its directory against *limits*.

    Checks the file size, the number of members, each member's declared size
    and compression ratio, and the declared total.  Members are then read with
    :meth:`SafeZip.read`, which streams and stops at the limits whatever the
    directory declares.

    Raises:
        InputLimitError: The archive exceeds a limit.
        ReportReadError: The file is not a zip archive (or is truncated).
        InputFileError: The file cannot be read (an :class:`OSError` too).

    .. versionadded:: 0.1.0
    """
    name = source_name(source)
    check_file_size(source, limits)
    stream: Any
    if isinstance(source, (bytes, bytearray)):
        stream = io.BytesIO(source)
    elif isinstance(source, (str, os.PathLike)):
        stream = os.fspath(source)
    else:
        stream = source
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise ReportReadError(name, f"not a zip archive, or a damaged one: {exc}") from None
    except OSError as exc:  # a folder, no permission, a read error
        raise InputFileError.wrap(name, exc) from exc
    try:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise InputLimitError(name, "max_members", len(infos), limits.max_members, "the number of zip members")
        total = 0
        for info in infos:
            _check_member(info, limits, name)
            total += info.file_size
        if total > limits.max_total_bytes:
            what = "the uncompressed size of the archive"
            raise InputLimitError(name, "max_total_bytes", total, limits.max_total_bytes, what)
    except BaseException:
        archive.close()
        raise
    return SafeZip(archive, name, limits)


def _check_member(info: zipfile.ZipInfo, limits: Limits, name: str) -> None:
    what = f"the zip member {info.filename[:80]!r}"
    if info.file_size > limits.max_member_bytes:
        raise InputLimitError(name, "max_member_bytes", info.file_size, limits.max_member_bytes, what)
    if info.file_size > _RATIO_FLOOR:
        ratio = info.file_size // max(1, info.compress_size)
        if ratio > limits.max_ratio:
            raise InputLimitError(name, "max_ratio", ratio, limits.max_ratio, f"the compression ratio of {what}")


def read_member(
    archive: zipfile.ZipFile, member: str, limits: Limits = DEFAULT_LIMITS, *, source: str = "", already: int = 0
) -> bytes:
    """
    The bytes of one member of *archive*, streamed and cut off at the limits.

    Args:
        archive: An open archive (e.g. ``SafeZip.archive``).
        member: The member's name.
        limits: The limits.
        source: The archive's name, for messages.
        already: Bytes already read from the archive (counted against ``max_total_bytes``).

    Raises:
        KeyError: No such member.
        InputLimitError: The member expands beyond ``max_member_bytes`` or the total beyond ``max_total_bytes``.
        ReportReadError: The member's data is damaged (a corrupted deflate stream, a bad CRC).

    .. versionadded:: 0.1.0
    """
    info = archive.getinfo(member)
    _check_member(info, limits, source)
    what = f"the zip member {member[:80]!r}"
    cap = min(limits.max_member_bytes, limits.max_total_bytes - already)
    parts: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as f:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    if size > limits.max_member_bytes:
                        raise InputLimitError(source, "max_member_bytes", None, limits.max_member_bytes, what)
                    what = "the uncompressed size of the archive"
                    raise InputLimitError(source, "max_total_bytes", None, limits.max_total_bytes, what)
                parts.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError) as exc:
        # zlib.error: a corrupted deflate stream; RuntimeError: an encrypted member; ValueError: a member
        # whose header offset points before the start of the file (a negative seek)
        raise ReportReadError(source, f"{what} is damaged: {str(exc)[:200]}") from exc
    except NotImplementedError as exc:  # a compression method zipfile does not read
        raise ReportReadError(source, f"{what} cannot be read: {str(exc)[:200]}") from None
    return b"".join(parts)


_PARSER: Any = None


def _xml_parser() -> Any:
    global _PARSER
    if _PARSER is None:
        try:
            from lxml import etree
        except ImportError:
            raise MissingDependencyError("lxml", "docx", "reading XML parts") from None
        _PARSER = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True
        )
    return _PARSER


def parse_xml(data: bytes, *, source: str = "", part: str = "") -> Any:
    """
    The root element of the XML *data*, parsed safely (lxml).

    Entities are not resolved (a reference stays an ``Entity`` node in the
    tree; the text after it is kept), nothing is fetched from the network, and
    libxml2's default size and depth limits apply (no "huge tree").

    Raises:
        InputLimitError: A text node or the nesting beyond libxml2's limits.
        ReportReadError: The XML is malformed.
        MissingDependencyError: lxml is not installed (it comes with the ``docx`` extra).

    .. versionadded:: 0.1.0
    """
    parser = _xml_parser()
    from lxml import etree

    where = f"the XML part {part[:80]!r}" if part else "the XML"
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = str(exc)
        if "excessive depth" in message.lower():
            raise InputLimitError(source, "xml_depth", None, 256, f"the nesting of {where}") from None
        if "amplification" in message.lower():  # libxml2's own guard against entity expansion
            raise ReportReadError(source, f"{where} defines entities that expand without bound") from None
        if "huge" in message.lower():
            raise InputLimitError(source, "max_text_node", None, 10_000_000, f"a text node of {where}") from None
        raise ReportReadError(source, f"{where} is not well-formed XML: {message[:200]}") from None
    except (ValueError, MemoryError) as exc:
        raise ReportReadError(source, f"{where} cannot be read: {str(exc)[:200]}") from None
