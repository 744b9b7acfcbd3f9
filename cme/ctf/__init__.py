"""Common Transfer File: build and parse (pure format module: no Django, no settings).

``build_ctf`` writes a file, ``parse_ctf`` reads one back (ours, or a school's new-pupil file),
``ctf_file_name`` names it. See docs/ctf.md.
"""

from cme.ctf.reader import MAX_BYTES, CtfFormatError, parse_ctf
from cme.ctf.records import (
    ABROAD_ESTAB,
    ABROAD_LA,
    CTF_VERSION,
    LOST_ESTAB,
    LOST_LA,
    CtfAddress,
    CtfFile,
    CtfHeader,
    CtfPupil,
    Establishment,
)
from cme.ctf.writer import CtfBuildError, build_ctf, ctf_file_name

__all__ = [
    "ABROAD_ESTAB",
    "ABROAD_LA",
    "CTF_VERSION",
    "LOST_ESTAB",
    "LOST_LA",
    "MAX_BYTES",
    "CtfAddress",
    "CtfBuildError",
    "CtfFile",
    "CtfFormatError",
    "CtfHeader",
    "CtfPupil",
    "Establishment",
    "build_ctf",
    "ctf_file_name",
    "parse_ctf",
]
