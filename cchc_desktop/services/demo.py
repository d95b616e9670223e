"""The demo data: a real plan (Vĩnh Lộc 2026, seed 004's appendix) shipped as data."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from cchc_desktop.errors import UserError
from cchc_desktop.i18n import tr
from cchc_desktop.model import CommuneProfile, PlanInput, TaskInput
from cchc_desktop.resources import resource_path

DEMO_FILE = ("demo", "vinh_loc_2026.json")
DEMO_EVIDENCE = ("demo", "evidence")
SAMPLE_CRITERIA = ("samples", "bo-chi-so-cchc-cap-xa-mau.xlsx")
MARKER = "du-lieu-mau.txt"        # in a data folder that holds the demo, never the commune's own data
DEMO_SUFFIX = " - Dữ liệu mẫu"


def is_demo_folder(data_dir: Path) -> bool:
    return (Path(data_dir) / MARKER).is_file()


def demo_folder(data_dir: Path) -> Path:
    """The demo's own data folder, beside the officer's: "<folder> - Dữ liệu mẫu"."""
    data_dir = Path(data_dir)
    if is_demo_folder(data_dir):
        return data_dir
    return data_dir.with_name(data_dir.name + DEMO_SUFFIX)


def holds_data(session) -> bool:
    """Anything the officer entered: a plan, a value, a file, a document, the commune's profile, a changed
    calendar. The indicator catalog the program installs by itself does not count."""
    found = session.one(
        "SELECT EXISTS (SELECT 1 FROM plans) OR EXISTS (SELECT 1 FROM stat_values) "
        "OR EXISTS (SELECT 1 FROM evidence) OR EXISTS (SELECT 1 FROM issued_reports) "
        "OR EXISTS (SELECT 1 FROM report_drafts) OR EXISTS (SELECT 1 FROM assessments) OR EXISTS (SELECT 1 FROM report_periods WHERE closed_at IS NOT NULL) "
        "OR EXISTS (SELECT 1 FROM audit_log WHERE entity <> 'catalog')")[0]
    return bool(found) or session.profile.get().configured


def open_demo_folder(data_dir: Path, clock=None) -> tuple[Path, int]:
    """Fill the demo's own folder (once) beside ``data_dir``; the officer's folder is not opened.
    Returns (the demo folder, the demo plan id)."""
    from cchc_desktop.workspace import Workspace
    workspace = Workspace(demo_folder(data_dir))
    workspace.prepare()
    with workspace.session(clock) as session:
        plan_id, _created = DemoLoader(session).load()
    return workspace.data_dir, plan_id


def load_demo_data() -> dict:
    import json     # here: the window asks ``is_demo_folder`` at every start
    return json.loads(resource_path(*DEMO_FILE).read_text(encoding="utf-8"))


class DemoLoader:
    def __init__(self, session):
        self.session = session

    def existing_plan(self, data: dict) -> int | None:
        plan = data["plan"]
        row = self.session.one("SELECT id FROM plans WHERE title = ? AND year = ? AND deleted_at IS NULL",
                               (plan["title"], plan["year"]))
        return row["id"] if row else None

    def load(self, *, set_profile: bool = True) -> tuple[int, bool]:
        """Create the demo plan (once). Returns (plan id, created now).

        Raises ``UserError`` when the officer has something to do first (said in Vietnamese)."""
        data = load_demo_data()
        folder = self.session.workspace.data_dir
        found = self.existing_plan(data)
        if found and is_demo_folder(folder):
            return found, False
        if holds_data(self.session) and not is_demo_folder(folder):
            raise UserError(
                tr("Thư mục {dir} đang có dữ liệu của xã; dữ liệu mẫu không được nạp vào đó, để không ghi đè "
                   "kế hoạch, số liệu và lịch báo cáo của xã.", dir=folder),
                tr("Dữ liệu mẫu có thư mục riêng: hãy dùng một thư mục trống, ví dụ --data-dir \"{demo}\".",
                   demo=demo_folder(folder)))
        with self.session.transaction():
            if set_profile and not self.session.profile.get().configured:
                self.session.profile.save(CommuneProfile(**data["profile"]))
            plan = data["plan"]
            plan_id = self.session.plans.create(PlanInput(
                plan["title"], plan["year"], plan["kind"], plan["number"],
                date.fromisoformat(plan["issued_on"]), plan["issuer"]))
            matcher = self.session.units.matcher()
            for task in data["tasks"]:
                self._add_task(plan_id, task, matcher)
            for update in data.get("updates", []):
                self._apply_update(plan_id, update)
            self._statistics(plan["year"], data.get("statistics"))
        self._assessment(plan["year"])
        (folder / MARKER).write_text(tr("Thư mục này chứa dữ liệu mẫu để xem thử, không phải dữ liệu của xã.\n"),
                                     encoding="utf-8")
        return plan_id, True

    def _statistics(self, year: int, stats: dict | None) -> None:
        """A year of forms: the first three periods filled and closed, the annual one under way."""
        if not stats:
            return
        periods, service = self.session.periods, self.session.statistics
        periods.apply_preset(year, stats.get("preset", "bnv"))
        for kind, values in stats.get("periods", {}).items():
            period = periods.by_key(f"{year}-{kind}")
            service.set_many(period, values)
            for code, comment in stats.get("comments", {}).get(kind, {}).items():
                service.set_comment(period, code, comment)
        for kind in stats.get("closed", []):
            service.close(periods.by_key(f"{year}-{kind}"))

    def _assessment(self, year: int) -> None:
        """The sample criteria set (labelled MẪU everywhere), two items drawn from the form, a few values."""
        service = self.session.assessment
        service.load(year, resource_path(*SAMPLE_CRITERIA), sample=True)
        service.link_indicator(year, "III.2.1", "III.4.4")
        service.link_indicator(year, "VII.2", "VII.3.1")
        service.set_values(year, {"I.1.1": "ban hành kịp thời", "II.1.1": "có", "V.3": "0"})
        for suggestion in service.evidence.suggestions(year, "I.1.1")[:1]:
            service.evidence.link(year, "I.1.1", [suggestion.evidence.id])

    def _add_task(self, plan_id: int, task: dict, matcher) -> None:
        leads = self._unit_ids(task["lead"], matcher)
        coordinators = self._unit_ids(task["coordinators"], matcher)
        self.session.tasks.add(TaskInput(
            plan_id, task["framework"], task["domain"], task["name"], None, task["code"],
            task["product"], task["deadline"], leads, coordinators))

    def _unit_ids(self, cell: str, matcher) -> list[int]:
        ids = []
        for match in matcher.split(cell):
            ids.append(match.unit.id if match.unit else self.session.units.add(match.text))
        return ids

    def _apply_update(self, plan_id: int, update: dict) -> None:
        (row,) = self.session.tasks.find(plan_id, update["code"], "PAR", update["domain"])
        self.session.tasks.update_progress(
            row.id, status=update["status"], progress=update.get("progress", 0),
            result=update.get("result", ""), reason=update.get("reason", ""),
            completed_on=date.fromisoformat(update["completed_on"]) if update.get("completed_on") else None)
        files = [resource_path(*DEMO_EVIDENCE, name) for name in update.get("evidence", ())]
        if files:
            self.session.evidence.attach(row.id, files)


def demo_summary() -> str:
    data = load_demo_data()
    return tr("{title} ({n} nhiệm vụ)", title=data["plan"]["title"], n=len(data["tasks"]))
