import gzip
import hashlib
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cme.areas.models import District, Postcode, ReferenceDataLoad
from cme.areas.services import DEFAULT_POSTCODES_FILE
from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "fixtures" / "postcodes-sample.csv"
OURS_IN_SAMPLE = {
    "SG1 2AB": "E07000243",
    "SG1 2AD": "E07000243",
    "WD17 1AA": "E07000103",
    "AL10 0AA": "E07000241",
    "AL1 3JE": "E07000240",
    "EN8 9XH": "E07000095",
}


def _gzipped_copy(source: Path, directory: Path, *, text: str | None = None) -> Path:
    target = directory / "postcodes.csv.gz"
    with gzip.open(target, "wt", encoding="utf-8", newline="") as handle:
        handle.write(text if text is not None else source.read_text())
    return target


def _load(path: Path) -> str:
    out = io.StringIO()
    call_command("load_postcodes", file=path, stdout=out)
    return out.getvalue()


def _lookup() -> dict[str, str]:
    return dict(Postcode.objects.values_list("postcode", "district_id"))


def test_loading_a_gzipped_extract_keeps_our_districts_and_reports_the_others(tmp_path):
    extract = _gzipped_copy(SAMPLE, tmp_path)

    output = _load(extract)

    assert _lookup() == OURS_IN_SAMPLE
    assert "8 rows read, 6 in our districts (6 added, 0 changed district, 0 unchanged)" in output
    assert "Skipped 2 postcodes in districts that are not ours: E06000032 1, E09000001 1." in output


def test_loading_is_audited_with_counts_only(tmp_path):
    _load(_gzipped_copy(SAMPLE, tmp_path))

    event = AuditEvent.objects.get(action=AuditAction.POSTCODES_LOADED)
    assert event.actor is None
    assert event.object_type == "areas.postcode"
    assert event.data == {
        "file_rows": 8,
        "loaded": 6,
        "created": 6,
        "updated": 0,
        "removed": 0,
        "unchanged": 0,
        "skipped": 2,
        "file": "postcodes.csv.gz",
    }


def test_the_load_is_recorded_with_the_files_checksum(tmp_path):
    extract = _gzipped_copy(SAMPLE, tmp_path)

    _load(extract)

    load = ReferenceDataLoad.objects.get(dataset="postcodes")
    assert (load.source_name, load.file_rows, load.table_rows) == ("postcodes.csv.gz", 8, 6)
    assert load.sha256 == hashlib.sha256(extract.read_bytes()).hexdigest()


def test_loading_the_same_file_again_changes_nothing(tmp_path):
    extract = _gzipped_copy(SAMPLE, tmp_path)
    _load(extract)

    output = _load(extract)

    assert _lookup() == OURS_IN_SAMPLE
    assert "(0 added, 0 changed district, 6 unchanged), 0 no longer in the file removed" in output


def test_a_refreshed_extract_adds_moves_and_removes_postcodes(tmp_path):
    _load(_gzipped_copy(SAMPLE, tmp_path))
    refreshed = tmp_path / "refreshed.csv"
    refreshed.write_text(
        "pcd,laua\nSG1 2AB,E07000243\nSG1 2AD,E07000099\nWD171AA,E07000103\nAL100AA,E07000241\n"
        "AL1 3JE,E07000240\nHP1 1HH,E07000096\n"
    )

    output = _load(refreshed)

    assert _lookup() == {
        "SG1 2AB": "E07000243",
        "SG1 2AD": "E07000099",
        "WD17 1AA": "E07000103",
        "AL10 0AA": "E07000241",
        "AL1 3JE": "E07000240",
        "HP1 1HH": "E07000096",
    }
    assert "(1 added, 1 changed district, 4 unchanged), 1 no longer in the file removed" in output


def test_a_bad_postcode_stops_the_load_with_its_line_number_and_changes_nothing(tmp_path):
    _load(_gzipped_copy(SAMPLE, tmp_path))
    events_before = AuditEvent.objects.count()
    bad = tmp_path / "bad.csv"
    bad.write_text("pcd,laua\nSG1 2AB,E07000099\nHP1 1HH,E07000096\nNOT A CODE,E07000096\n")

    with pytest.raises(CommandError) as stopped:
        _load(bad)

    assert str(stopped.value) == "bad.csv, line 4: 'NOT A CODE' is not a postcode. Nothing was loaded."
    assert _lookup() == OURS_IN_SAMPLE
    assert AuditEvent.objects.count() == events_before


def test_a_file_without_the_expected_columns_is_refused(tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("postcode,district\nSG1 2AB,E07000243\n")

    with pytest.raises(CommandError) as stopped:
        _load(wrong)

    assert str(stopped.value) == (
        "wrong.csv: the first line must name the columns pcd and laua (it has: postcode, district). Nothing was loaded."
    )
    assert Postcode.objects.count() == 0


def test_a_postcode_listed_twice_with_different_districts_is_refused(tmp_path):
    twice = tmp_path / "twice.csv"
    twice.write_text("pcd,laua\nSG1 2AB,E07000243\nSG12AB,E07000099\n")

    with pytest.raises(CommandError, match=r"twice.csv, line 3: SG1 2AB is listed again with another district"):
        _load(twice)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        _load(tmp_path / "absent.csv.gz")


def test_the_real_hertfordshire_extract_loads_every_postcode():
    output = _load(DEFAULT_POSTCODES_FILE)

    assert "54,390 rows read, 54,390 in our districts (54,390 added" in output
    assert Postcode.objects.count() == 54_390
    per_district = {d.name: d.postcodes.count() for d in District.objects.all()}
    assert per_district["Stevenage"] == 3_027
    assert per_district["East Hertfordshire"] == 6_835
    assert {pc: Postcode.objects.get(pk=pc).district.name for pc in ["SG1 2AB", "WD17 1AA", "EN8 9XH", "HP1 1HH"]} == {
        "SG1 2AB": "Stevenage",
        "WD17 1AA": "Watford",
        "EN8 9XH": "Broxbourne",
        "HP1 1HH": "Dacorum",
    }
