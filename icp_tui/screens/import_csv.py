"""Importing a CSV file in the app: a path, a mapping preview to correct, then the import.

Reading and importing run in named thread workers, so a large file does not block the
screen. Nothing is written until the user starts the import from the preview.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Input, ProgressBar, RichLog, Static
from textual.worker import Worker, WorkerState, get_current_worker

from icp_tui.commands.import_ import plan_file
from icp_tui.domain.column_mapping import (
    IGNORE,
    ColumnMapping,
    ImportKind,
    header_label,
    parse_target,
    plan_mapping,
    valid_targets,
)
from icp_tui.domain.csv_files import CsvTable, Problem, read_table
from icp_tui.domain.errors import InvalidInput
from icp_tui.domain.import_report import counted, mapping_lines
from icp_tui.screens.base import IcpScreen
from icp_tui.store import StoreError
from icp_tui.widgets.literal import literal, printable

log = logging.getLogger(__name__)

TITLES: dict[ImportKind, str] = {
    "accounts": "Import accounts from CSV",
    "prospects": "Import prospects from CSV",
    "deals": "Import deal history from CSV",
}
PREVIEW_VALUES = 3
"""Values of the first rows shown beside each column."""
PROBLEMS_SHOWN = 200
"""Problems listed on screen; a last line counts the others."""


class ImportScreen(IcpScreen):
    """The import flow for one kind of file: accounts, prospects or deal history."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+r", "run_import", "Import", tooltip="Write the file's rows to the store"),
        Binding(
            "ctrl+t",
            "toggle_skip",
            "Skip invalid",
            tooltip="Import the valid rows even when others have problems",
        ),
    ]
    HELP = """\
Import a CSV file as your CRM or spreadsheet exports it.

1. Type the path of the file and press Enter. Nothing is written yet.
2. Check the mapping: each column of the file and what it feeds. Columns shown as
   *not imported* are never read. Press Enter on a column to change it: type an attribute
   key (`annual_revenue`), `name`, a record field, `-` to ignore the column, or add a unit
   for amounts written in thousands or millions (`annual_revenue:millions`).
3. Press `ctrl+r` to import. By default the file is imported whole or not at all, and
   every problem is listed with its row, column and value. `ctrl+t` switches to importing
   the valid rows and listing the others.

A row whose name is already in the workspace updates that record.
"""

    SCREEN_NAME = "Import from CSV"

    def __init__(self, kind: ImportKind) -> None:
        super().__init__()
        self.kind = kind
        self.table: CsvTable | None = None
        self.mapping: ColumnMapping | None = None
        self.skip_invalid = False
        self.editing: int | None = None
        self.report_lines: list[str] = []
        """The last import's report, as shown in the report panel."""

    def compose_body(self) -> ComposeResult:
        with Vertical(id="import-body"):
            yield Static(TITLES[self.kind], classes="step-title", markup=False)
            yield Input(placeholder="Path of the CSV file, then Enter", id="import-path")
            yield Static("", id="import-status", markup=False)
            mapping: DataTable[Text] = DataTable(id="import-mapping", cursor_type="row")
            mapping.border_title = "Columns: Enter changes what a column feeds"
            yield mapping
            yield Input(id="import-target", classes="hidden")
            yield ProgressBar(id="import-progress", show_eta=False, classes="hidden")
            yield RichLog(id="import-report", classes="hidden", wrap=True, markup=False)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.sub_title = TITLES[self.kind]

    def on_mount(self) -> None:
        table = self.query_one("#import-mapping", DataTable)
        table.add_columns("Column", "Imported as", "First rows")
        self.query_one("#import-path", Input).focus()

    # Reading the file

    @on(Input.Submitted, "#import-path")
    def path_submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        if not event.value.strip():
            self.show_status("Type the path of a CSV file.")
            return
        self.show_status(f"Reading {path} ...")
        self.read_file(path)

    @work(thread=True, name="read-csv", exclusive=True, exit_on_error=False)
    def read_file(self, path: Path) -> None:
        table = read_table(path)
        mapping = plan_mapping(table.headers, self.store.catalogue(), self.kind)
        self.app.call_from_thread(self.show_preview, table, mapping)

    def show_preview(self, table: CsvTable, mapping: ColumnMapping) -> None:
        self.table = table
        self.mapping = mapping
        self.refresh_mapping()
        self.query_one("#import-mapping", DataTable).focus()

    @work(thread=True, name="preview-csv", group="preview", exclusive=True, exit_on_error=False)
    def preview_import(self, table: CsvTable, mapping: ColumnMapping) -> None:
        """Plan the import without writing, so problems show before anything is saved."""
        planned = plan_file(self.kind, table, mapping, self.store)
        lines = ["Preview: nothing is written until you press ctrl+r.", *planned.lines]
        lines += _problem_lines(planned.plan.problems)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_report, lines, None)

    def refresh_mapping(self) -> None:
        table, mapping = self.table, self.mapping
        if table is None or mapping is None:
            return
        view = self.query_one("#import-mapping", DataTable)
        cursor = view.cursor_row
        view.clear()
        for index in range(len(table.headers)):
            values = [
                printable(cells[index].strip())
                for _row, cells in table.rows[:PREVIEW_VALUES]
                if index < len(cells)
            ]
            feeds = mapping.describe(index)
            style = "dim" if feeds in ("not imported", "ignored") else ""
            view.add_row(
                literal(header_label(table.headers, index)),
                Text(feeds, style=style),
                literal(" | ".join(values)),
            )
        view.move_cursor(row=min(cursor, len(table.headers) - 1))
        summary = mapping_lines(table, mapping, columns=False)
        skip = "on" if self.skip_invalid else "off"
        summary.append(f"Skip invalid rows: {skip}. Press ctrl+r to import.")
        self.show_status("\n".join(summary))
        # The worker gets its own copy, because the user may edit the mapping meanwhile.
        self.preview_import(table, copy.deepcopy(mapping))

    # Editing the mapping

    @on(DataTable.RowSelected, "#import-mapping")
    def column_selected(self, event: DataTable.RowSelected) -> None:
        if self.mapping is None:
            return
        self.editing = event.cursor_row
        editor = self.query_one("#import-target", Input)
        ignored = self.editing in self.mapping.ignored
        current = IGNORE if ignored else self.mapping.targets.get(self.editing, "")
        unit = self.mapping.units.get(self.editing)
        unit_text = {10**3: ":thousands", 10**6: ":millions", 10**9: ":billions"}.get(unit or 1)
        editor.value = current + (unit_text or "")
        targets = ", ".join(valid_targets(self.kind, self.store.catalogue()))
        editor.placeholder = f"KEY, KEY:UNIT or - ({targets})"
        editor.border_title = f"{header_label(self.mapping.headers, self.editing)} feeds"
        editor.remove_class("hidden")
        editor.focus()

    @on(Input.Submitted, "#import-target")
    def target_submitted(self, event: Input.Submitted) -> None:
        if self.mapping is None or self.editing is None:
            return
        text = event.value.strip()
        target: str | None = None
        unit: int | None = None
        try:
            if text:
                target, unit = parse_target(text, self.kind, self.store.catalogue())
        except InvalidInput as error:
            self.notify(str(error), title="Invalid target", severity="error")
            return
        self.mapping.assign(self.editing, target, unit)
        self.stop_editing()
        self.refresh_mapping()

    def stop_editing(self) -> None:
        self.editing = None
        self.query_one("#import-target", Input).add_class("hidden")
        self.query_one("#import-mapping", DataTable).focus()

    # Importing

    def action_toggle_skip(self) -> None:
        self.skip_invalid = not self.skip_invalid
        self.refresh_mapping()

    def action_run_import(self) -> None:
        if self.table is None or self.mapping is None:
            self.show_status("Read a file first: type its path and press Enter.")
            return
        # A preview still running must not cover the import's report when it ends.
        self.workers.cancel_group(self, "preview")
        progress = self.query_one("#import-progress", ProgressBar)
        progress.update(total=len(self.table.rows), progress=0)
        progress.remove_class("hidden")
        self.run_import(self.table, self.mapping, self.skip_invalid)

    @work(thread=True, name="import-csv", exclusive=True, exit_on_error=False)
    def run_import(self, table: CsvTable, mapping: ColumnMapping, skip_invalid: bool) -> None:
        def progress(done: int, _total: int) -> None:
            self.app.call_from_thread(self.show_progress, done)

        planned = plan_file(self.kind, table, mapping, self.store, progress)
        plan = planned.plan
        lines = [*planned.lines, *_problem_lines(plan.problems)]
        if plan.problems and not skip_invalid:
            lines.append(
                f"Nothing was imported: {counted(plan.invalid_rows, 'row')} "
                f"{'has' if plan.invalid_rows == 1 else 'have'} problems. Fix the file, "
                "or press ctrl+t to import the other rows."
            )
            self.app.call_from_thread(self.show_report, lines, False)
            return
        planned.save()
        lines.append(f"Imported {counted(len(plan.records), 'record')}.")
        log.info("imported %d %s from a CSV file", len(plan.records), self.kind)
        self.app.call_from_thread(self.show_report, lines, True)

    def show_progress(self, done: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=done)

    def show_report(self, lines: list[str], imported: bool | None) -> None:
        """Show report lines: of a preview (`imported` None) or of an import attempt."""
        self.report_lines = lines
        report = self.query_one("#import-report", RichLog)
        report.clear()
        for line in lines:
            report.write(literal(line))
        report.remove_class("hidden")
        if imported:
            self.notify(lines[-1], title=TITLES[self.kind])
        elif imported is not None:
            self.notify("Nothing was imported; see the problems listed.", severity="warning")

    # Errors and status

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, InvalidInput | StoreError):
            message = str(error)
        else:
            log.exception("import worker %s failed", event.worker.name, exc_info=error)
            message = f"{event.worker.name} failed: {error!r}"
        self.query_one("#import-progress", ProgressBar).add_class("hidden")
        self.show_status(message)
        self.notify(message, title="Import failed", severity="error")

    def show_status(self, text: str) -> None:
        lines = [literal(line) for line in text.split("\n")]
        self.query_one("#import-status", Static).update(Text("\n").join(lines))

    def action_back(self) -> None:
        if self.editing is not None:
            self.stop_editing()
            return
        self.app.pop_screen()


def _problem_lines(problems: Sequence[Problem]) -> list[str]:
    lines = [str(problem) for problem in problems[:PROBLEMS_SHOWN]]
    if len(problems) > PROBLEMS_SHOWN:
        lines.append(f"... and {len(problems) - PROBLEMS_SHOWN:,} more problems")
    return lines
