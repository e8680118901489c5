"""CSV files as spreadsheets and CRMs write them: encodings, delimiters, blank rows.

Rows are numbered as a spreadsheet shows them: the header is row 1 and a blank line is a
row of its own, so a problem's row number is the one the user sees after opening the file.
"""

from __future__ import annotations

import csv
import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from icp_tui.domain.errors import InvalidInput, shorten

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
}
"""Names that messages give Python's codecs. A codec not listed is shown by its own name."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One cell or row of a file that cannot be imported, and why."""

    path: Path
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        # Only this message cuts a long value, because a problems report keeps it whole.
        return (
            f"{self.path}: row {self.row}, column {self.column!r}, "
            f"value {shorten(self.value)!r}: {self.reason}"
        )


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV file read into memory: headers and the non-blank rows with their row numbers."""

    path: Path
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str
    encoding: str

    @property
    def decimal_comma(self) -> bool:
        """True when numbers are written "1.200,50": spreadsheets do so in semicolon files."""
        return self.delimiter == ";"

    def describe(self) -> str:
        """Return the file's shape in words, for reports."""
        rows = f"{len(self.rows):,} row" if len(self.rows) == 1 else f"{len(self.rows):,} rows"
        return f"{rows}, {DELIMITER_NAMES[self.delimiter]}-separated, {self.encoding}"


def read_table(path: Path) -> CsvTable:
    """Read a CSV file: UTF-8 (with or without BOM), UTF-16 or cp1252; comma, semicolon or tab.

    Raise InvalidInput naming the file when it cannot be read, decoded or parsed, or when it
    has no header row.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read: {error.strerror or error}") from error
    text, encoding = decode(raw, path)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        with collection_paused():
            # The first test settles almost every row; cells of spaces only are rare.
            rows = [
                (number, cells)
                for number, cells in enumerate(reader, start=1)
                if (cells and cells[0] and not cells[0].isspace())
                or any(cell.strip() for cell in cells)
            ]
    except csv.Error as error:
        raise InvalidInput(
            f"{path}: line {reader.line_num} cannot be parsed as CSV: {error}; "
            "check for an unclosed quote"
        ) from error
    if not rows:
        raise InvalidInput(f"{path}: the file is empty; expected a header row")
    headers = [cell.strip() for cell in rows.pop(0)[1]]
    return CsvTable(path, headers, rows, delimiter, encoding)


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Return the text of a file and the name of its encoding.

    A byte order mark decides first. Without one, many zero bytes at the start mean UTF-16,
    valid UTF-8 is UTF-8, and anything else is read as cp1252 (Excel's "CSV" on Windows).
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return _decode(raw, "utf-8-sig", path), "UTF-8 with BOM"
    codec = utf16_codec(raw)
    if codec is not None:
        return _decode(raw, codec, path), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return _decode(raw, "cp1252", path), "cp1252"


def _decode(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        reason = describe_decode_error(error, encoding)
        raise InvalidInput(f"{path}: {reason}; save it as UTF-8") from error


def utf16_codec(raw: bytes) -> str | None:
    """Return the Python codec that reads `raw` if it is UTF-16 text, else None.

    A byte order mark decides. Without one, many zero bytes at the start mean UTF-16,
    because ASCII text in UTF-16 puts a zero byte before or after each character.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = raw[:200]
    if head.count(b"\x00") <= len(head) // 4:
        return None
    little = head[1::2].count(b"\x00") > head[0::2].count(b"\x00")
    return "utf-16-le" if little else "utf-16-be"


def describe_decode_error(error: UnicodeDecodeError, encoding: str) -> str:
    """Return where decoding as `encoding` failed: the line (from 1) and the byte values.

    `encoding` is the codec that was asked for, because `error.encoding` can differ:
    it is "charmap" for cp1252.
    """
    before = error.object[: error.start].decode(encoding, errors="replace")
    line = before.count("\n") + 1
    bad = error.object[error.start : error.end]
    values = " ".join(f"0x{byte:02X}" for byte in bad)
    noun = "byte" if len(bad) == 1 else "bytes"
    name = ENCODING_NAMES.get(encoding, encoding)
    return f"cannot be decoded as {name}: line {line} has {noun} {values}"


def sniff_delimiter(text: str) -> str:
    """Return the delimiter used most often, outside quotes, in the first line; comma on a tie."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
        elif not quoted and char == "\n" and any(counts.values()):
            break
    return max(DELIMITERS, key=lambda d: counts[d])


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file's rows or records are built.

    Building many small lists and dicts sets off the collector again and again, and each
    pass walks every row built so far while finding no cycles to free.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
