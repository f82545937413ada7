"""The immutable Report model."""

from __future__ import annotations

import decimal

import attrs
import pytest

from opengovreport import Report, load, validate
from opengovreport.errors import DocumentShapeError, EditionError


def test_cells_by_id_and_in_printed_order(pingtan_2021: dict) -> None:
    report = Report.from_dict(pingtan_2021)
    assert report.cell("applications.outcome.granted.total") == 30
    assert report.cell("proactive.fees.amount_10k_yuan") == decimal.Decimal("24252.311082")
    pairs = list(report.iter_cells())
    assert len(pairs) == 200
    assert pairs[0] == ("proactive.regulations.issued", 0)
    assert report.row("review_litigation.review") == {
        "upheld": 1, "corrected": 0, "other": 2, "pending": 0, "total": 3,
    }


def test_unknown_cell_id_is_an_error_not_a_blank(pingtan_2021: dict) -> None:
    report = Report.from_dict(pingtan_2021)
    with pytest.raises(KeyError):
        report.cell("applications.outcome.granted.totl")


def test_none_stays_none_and_zero_stays_zero(pingtan_2021: dict) -> None:
    report = Report.from_dict(pingtan_2021).with_cells(
        {"applications.carried_over.total": None}
    )
    document = report.to_dict()
    assert document["applications"]["carried_over"]["total"] is None
    assert document["applications"]["carried_over"]["natural_person"] == 0
    assert Report.from_dict(document).cell("applications.carried_over.total") is None


@pytest.mark.parametrize("bad", ["3", 3.7, True])
def test_wrong_values_are_kept_and_reported_not_coerced(pingtan_2021: dict, bad: object) -> None:
    pingtan_2021["applications"]["new_received"]["natural_person"] = bad
    report = Report.from_dict(pingtan_2021)
    assert report.cell("applications.new_received.natural_person") is bad
    codes = [f.code for f in validate(report).findings if f.severity.value == "error"]
    assert codes == ["SCHEMA-TYPE"]


def test_models_are_frozen(pingtan_2021: dict) -> None:
    report = Report.from_dict(pingtan_2021)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.year = 2020  # type: ignore[misc]
    with pytest.raises(TypeError):
        report.cells["applications.new_received.total"] = 1  # type: ignore[index]


def test_shape_problems_name_the_pointer(pingtan_2021: dict) -> None:
    pingtan_2021["applications"]["outcome"]["granted"]["everything"] = 1
    with pytest.raises(DocumentShapeError) as info:
        Report.from_dict(pingtan_2021)
    assert info.value.pointer == "/applications/outcome/granted/everything"


def test_table_that_is_not_an_object(pingtan_2021: dict) -> None:
    pingtan_2021["review_litigation"] = [1, 2, 3]
    with pytest.raises(DocumentShapeError) as info:
        Report.from_dict(pingtan_2021)
    assert info.value.pointer == "/review_litigation"


def test_explicit_null_for_optional_member_is_refused(pingtan_2021: dict) -> None:
    pingtan_2021["published"] = None
    with pytest.raises(DocumentShapeError) as info:
        Report.from_dict(pingtan_2021)
    assert info.value.pointer == "/published"


@pytest.mark.parametrize("edition", [None, "2030", 2021])
def test_edition_missing_or_unknown(pingtan_2021: dict, edition: object) -> None:
    if edition is None:
        del pingtan_2021["edition"]
    else:
        pingtan_2021["edition"] = edition
    with pytest.raises(EditionError):
        Report.from_dict(pingtan_2021)


def test_load_names_the_file_in_shape_errors(tmp_path, pingtan_2021: dict) -> None:  # type: ignore[no-untyped-def]
    from opengovreport import dump

    pingtan_2021["issuer"]["nickname"] = "岚"
    path = tmp_path / "r.json"
    dump(pingtan_2021, path)
    with pytest.raises(DocumentShapeError) as info:
        load(path)
    assert info.value.file == str(path)
    assert info.value.pointer == "/issuer/nickname"
    assert str(path) in str(info.value)
