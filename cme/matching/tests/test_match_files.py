import csv

import pytest
from django.core.management import CommandError, call_command

HEADER = "id,forename,surname,dob,sex,postcode,address,upn\n"


def _write(path, rows):
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_match_files_end_to_end(tmp_path):
    left = _write(
        tmp_path / "left.csv",
        [
            "L1,Robert,Okafor,2014-03-07,M,AL1 3AB,12 Victoria Road St Albans,A123456789012",
            "L2,Amelia,Nowak,2010-12-01,F,WD17 1AA,3 Oak Close Watford,",
            "L3,Grace,Patel,2012-05-09,F,SG1 2CD,8 Mill Lane Stevenage,",
            "L4,Jack,Brown,,M,,,",
        ],
    )
    right = _write(
        tmp_path / "right.csv",
        [
            "R1,Bob,Okafor,07/03/2014,m,al13ab,12 Victoria Rd,A123456789012",  # nickname, other formats
            "R2,Amelia,Nowak,2010-01-12,F,WD17 1AA,3 Oak Close,",  # day and month swapped
            "R3,Oscar,Patel,2012-05-09,M,SG1 2CD,8 Mill Lane Stevenage,",  # Grace's twin brother
            "R4,Zed,Quinn,2001-01-01,,,,",
        ],
    )
    out = tmp_path / "out.csv"
    call_command("match_files", str(left), str(right), "--out", str(out))
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["left_id", "right_id", "probability", "band"]
    found = {(row["left_id"], row["right_id"]): row for row in rows}
    assert found[("L1", "R1")]["band"] == "match"
    assert found[("L2", "R2")]["band"] == "match"
    assert found[("L3", "R3")]["band"] == "possible"  # twins: never an automatic match
    assert set(found) == {("L1", "R1"), ("L2", "R2"), ("L3", "R3")}
    assert all(0.8 <= float(row["probability"]) <= 1 for row in rows)


def test_match_files_thresholds_and_one_to_one(tmp_path):
    left = _write(tmp_path / "left.csv", ["1,Amy,Khan,2014-03-07,F,AL1 3AB,1 Oak Rd,"])
    right = _write(
        tmp_path / "right.csv",
        ["a,Amy,Khan,2014-03-07,F,AL1 3AB,1 Oak Rd,", "b,Amy,Khan,2014-03-07,F,AL1 3AB,,"],
    )
    out = tmp_path / "out.csv"
    call_command("match_files", str(left), str(right), "--out", str(out), "--possible", "0.5", "--one-to-one")
    assert out.read_text().splitlines()[1].startswith("1,a,")
    assert len(out.read_text().splitlines()) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,forename\n1,Amy\n", "missing column"),
        (HEADER + ",Amy,Khan,,,,,\n", "the id is blank"),
        (HEADER + "1,Amy,,,,,,\n1,Ann,,,,,,\n", "appears twice"),
    ],
)
def test_match_files_refuses_bad_input(tmp_path, content, message):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    good = _write(tmp_path / "good.csv", [])
    with pytest.raises(CommandError, match=message):
        call_command("match_files", str(bad), str(good), "--out", str(tmp_path / "out.csv"))


def test_match_files_refuses_inverted_thresholds(tmp_path):
    good = _write(tmp_path / "good.csv", [])
    with pytest.raises(CommandError, match="Bands need"):
        call_command("match_files", str(good), str(good), "--out", str(tmp_path / "o.csv"), "--match", "0.5")
