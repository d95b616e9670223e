"""The unit catalog: variants and abbreviations map to one unit; cells split into lists."""
from __future__ import annotations

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.model import TaskInput


@pytest.mark.parametrize("text", ["Trung tâm phục vụ Hành chính công", "TTPVHCC", "Trung tâm Phục vụ HCC",
                                  "trung tam phuc vu hanh chinh cong xa"])
def test_spelling_variants_match_one_unit(session, text):
    assert session.units.matcher().match(text).name == "Trung tâm Phục vụ hành chính công"


@pytest.mark.parametrize("text", ["Văn phòng HĐND&UBND", "Văn phòng HĐND và UBND xã", "Văn phòng HĐND & UBND"])
def test_office_variants(session, text):
    assert session.units.matcher().match(text).abbreviation == "HĐND&UBND"


def test_cells_become_lists(session):
    matcher = session.units.matcher()
    names = [m.unit.name for m in matcher.split("- Các phòng chuyên môn; - TTPVHCC.")]
    assert names == ["Các phòng, ban chuyên môn", "Trung tâm Phục vụ hành chính công"]
    names = [m.unit.name for m in matcher.split("Phòng Kinh tế, Các cơ quan, đơn vị liên quan")]
    assert names == ["Phòng Kinh tế", "Các cơ quan, đơn vị liên quan"]
    unknown = matcher.split("Hội Nông dân xã")
    assert len(unknown) == 1 and not unknown[0].known


def test_edit_merge_and_delete(session, plan_id):
    new = session.units.add("Hội Nông dân xã", "HND", aliases=["Hội ND"])
    assert session.units.matcher().match("Hội ND").id == new
    with pytest.raises(ValidationError, match="Đã có đơn vị"):
        session.units.add("hoi nong dan xa")
    target = session.units.add("Hội Nông dân", "")
    task = session.tasks.add(TaskInput(plan_id, "PAR", "I", "Tuyên truyền", lead_ids=[new]))
    with pytest.raises(ValidationError, match="đang được giao"):
        session.units.delete(new)
    session.units.merge(new, target)
    assert [u.id for u in session.tasks.row(task).leads] == [target]
    assert session.units.matcher().match("Hội Nông dân xã").id == target  # the old name is an alias now
    assert any(e.action == "merge" for e in session.audit.for_entity("unit", new))


def test_a_commune_typed_with_its_word_xa_is_not_said_twice(session):
    from cchc_desktop.model import CommuneProfile
    session.profile.save(CommuneProfile(commune="Xã Vĩnh Lộc", province="Thanh Hóa", place="Vĩnh Lộc",
                                        officer="Lê Văn An"))
    saved = session.profile.get()
    assert saved.commune == "Vĩnh Lộc" and saved.issuer == "Ủy ban nhân dân xã Vĩnh Lộc"
