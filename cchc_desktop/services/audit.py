"""Who changed what, when: one row per changed field, written in the same transaction."""
from __future__ import annotations

from datetime import date

from cchc_desktop.model import AuditEntry

CREATE, UPDATE, DELETE, RESTORE = "create", "update", "delete", "restore"

ACTION_LABELS = {CREATE: "Tạo mới", UPDATE: "Sửa", DELETE: "Xóa", RESTORE: "Khôi phục",
                 "merge": "Gộp", "close": "Chốt số liệu", "reopen": "Mở lại", "copy": "Chép từ kỳ trước",
                 "import": "Nhập từ Excel"}
FIELD_LABELS = {
    "title": "Tên kế hoạch", "number": "Số, ký hiệu", "issued_on": "Ngày ban hành", "year": "Năm",
    "kind": "Loại kế hoạch", "issuer": "Cơ quan ban hành",
    "name": "Tên", "code": "STT", "product": "Sản phẩm", "deadline_text": "Thời gian", "start_text": "Bắt đầu",
    "framework": "Bộ chỉ số", "domain_code": "Lĩnh vực", "parent_id": "Nhiệm vụ cha",
    "status": "Trạng thái", "status_reason": "Lý do", "progress": "Tiến độ (%)",
    "result": "Kết quả thực hiện", "completed_on": "Ngày hoàn thành", "note": "Ghi chú",
    "leads": "Chủ trì", "coordinators": "Phối hợp", "abbreviation": "Viết tắt",
    "aliases": "Tên gọi khác", "file_name": "Tệp", "doc_number": "Số, ký hiệu văn bản",
    "doc_date": "Ngày văn bản", "summary": "Trích yếu", "position": "Thứ tự",
    "start_on": "Bắt đầu chốt số liệu", "end_on": "Kết thúc chốt số liệu", "due_on": "Hạn gửi báo cáo",
    "value": "Số liệu", "comment": "Ghi chú", "follow_up": "Cần theo dõi", "override_note": "Lý do sửa số tự tính",
    "closed": "Chốt số liệu", "reason": "Lý do",
    "draft": "Dự thảo", "previous_id": "Nhiệm vụ năm trước", "previous_plan_id": "Kế hoạch năm trước",
}


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


class AuditLog:
    def __init__(self, session):
        self.session = session

    def record(self, entity: str, entity_id: int | None, action: str,
               changes: dict[str, tuple] | None = None, *, task_id: int | None = None,
               plan_id: int | None = None, period_id: int | None = None) -> None:
        """Must be called inside the transaction that made the change."""
        assert self.session.conn.in_transaction, "audit rows belong to the change's transaction"
        at = self.session.clock.now()
        officer = self.session.profile.officer_name()
        rows = [(name, _text(old), _text(new)) for name, (old, new) in (changes or {}).items()]
        if not rows:
            rows = [(None, None, None)]
        self.session.conn.executemany(
            "INSERT INTO audit_log (at, officer, entity, entity_id, task_id, plan_id, period_id, action, field,"
            " old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(at, officer, entity, entity_id, task_id, plan_id, period_id, action, f, o, n) for f, o, n in rows])

    def last_id(self) -> int:
        return self.session.one("SELECT coalesce(max(id), 0) FROM audit_log")[0]

    def kinds_since(self, audit_id: int) -> tuple[frozenset[str], int]:
        """The kinds of data written since audit row ``audit_id`` ("task", "stat", "period"…), and the
        newest row id: every write records its audit rows, so this is what a write changed."""
        rows = self.session.rows("SELECT entity, max(id) FROM audit_log WHERE id > ? GROUP BY entity", (audit_id,))
        return frozenset(r[0] for r in rows), max((r[1] for r in rows), default=audit_id)

    def for_task(self, task_id: int) -> list[AuditEntry]:
        return self._entries("WHERE task_id = ? ORDER BY id DESC", (task_id,))

    def for_value(self, period_id: int, indicator_id: int) -> list[AuditEntry]:
        return self._entries("WHERE period_id = ? AND entity = 'stat' AND entity_id = ? ORDER BY id DESC",
                             (period_id, indicator_id))

    def for_period(self, period_id: int) -> list[AuditEntry]:
        return self._entries("WHERE period_id = ? AND entity = 'period' ORDER BY id DESC", (period_id,))

    def for_entity(self, entity: str, entity_id: int) -> list[AuditEntry]:
        return self._entries("WHERE entity = ? AND entity_id = ? ORDER BY id DESC", (entity, entity_id))

    def _entries(self, where: str, params) -> list[AuditEntry]:
        rows = self.session.rows(
            "SELECT at, officer, entity, entity_id, action, field, old_value, new_value FROM audit_log "
            + where, params)
        return [AuditEntry(*row) for row in rows]


def diff(old: dict, new: dict) -> dict[str, tuple]:
    """Fields whose value changed, as {field: (old, new)}."""
    return {k: (old.get(k), v) for k, v in new.items() if _text(old.get(k)) != _text(v)}
