"""The next session's draft from the previous resolution, with what the drafter must review.

What changes, and by which rule:
- session N, stage draft, symbol "A/N/L.xx" until the L-document is issued;
- the previous resolution joins the series recall (``cooperation_series``; the paragraph is
  added after the standard recalls if the previous text had none);
- the report considered is ``--report`` or "A/N/xxx";
- the mandate names session N + the organization's periodicity;
- the agenda item is ``--agenda-item``, or the previous one (and a note says to check it);
- the distribution date is ``--date``, or the previous one moved on by as many years as
  sessions, so the draft falls in the same season of session N as the previous text did.
Everything else is kept. The review notes list placeholders left, prose dates from the previous
reporting cycle (they were the latest news when the previous text was written: on or after the
opening of its session), periods "2021–2025" that ended before session N opened, and registry
facts not yet confirmed that the text prints. Dates and periods are looked for in the English
prose, which carries the same dates as the French.

The previous resolution is a YAML source, or its Word or text version read back by
``drafter.readers`` and ``drafter.importer`` (both languages with ``--pair``; one language
otherwise, whose drafts alone are then written).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from msgspec import Struct
from pydantic import ValidationError

from drafter import placeholders
from drafter.exits import EXIT_INPUT
from drafter.language import language
from drafter.layout import Layout
from drafter.organizations import registry
from drafter.pairing import UNTRANSLATED
from drafter.regexes import compiled
from drafter.resolution import AgendaItem, CooperationSeries, ObserverStatusGranted, Resolution

#: The standard recalls that the series recall follows, in the order the examples use.
_BEFORE_SERIES = ("report_considered", "charter_regional", "observer_status")
_AGENDA = compiled(r"^\s*(\d+)\s*(?:\(?\s*([a-z]{1,2})\s*\))?\s*$")
_DATE_TAG = compiled(r"\{date\|(\d{4}-\d{2}-\d{2})\}")
_PERIOD = compiled(r"(?<![\d/|-])((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?![\d/-])")
#: Registry fields that every text prints; observer_status only when its paragraph uses it.
_PRINTED = ("en.name", "fr.name")


class FollowUpError(Exception):
    """A follow-up that cannot be made; the message says what to change."""


class FollowUp(Struct, frozen=True):
    """The new source, what changed from the previous one, and what the drafter must review."""

    resolution: Resolution
    changes: list[str]
    notes: list[str]


def follow_up(previous: Resolution, session: int, report: str | None,
              agenda_item: AgendaItem | None, issued: dt.date | None = None) -> FollowUp:
    """The draft for ``session`` that continues ``previous`` (an adopted resolution)."""
    number = previous.number
    if previous.stage != "adopted" or number is None or previous.adoption is None:
        raise FollowUpError(f"{previous.symbol} is a draft; a follow-up starts from the adopted "
                            "resolution (A/RES/…), whose number and date the new text recalls")
    if session <= previous.session:
        raise FollowUpError(f"--session {session} must come after the previous resolution's "
                            f"session ({previous.session})")
    periodicity = registry()[previous.organization].periodicity
    following = session + periodicity
    if following > max(language("en").sessions):
        raise FollowUpError(f"--session {session}: the mandate would name session {following}, "
                            "beyond what drafter can write")
    date = issued or _moved(previous.distribution_date, session - previous.session)
    data = previous.model_dump(mode="python", exclude_defaults=True)
    data.update(
        session=session, stage="draft", symbol=placeholders.draft_symbol(session),
        distribution_date=date, report=report or placeholders.report_symbol(session),
        mandate={"report_session": following, "agenda_session": following},
        agenda_item=(agenda_item or previous.agenda_item).model_dump(),
        preamble=_with_series(previous, {"number": number, "date": previous.adoption.date}),
    )
    for field in ("draft_symbol", "adoption"):
        data.pop(field, None)
    try:
        resolution = Resolution.model_validate(data)
    except ValidationError as error:
        raise FollowUpError(_validation_message(error, report)) from None
    return FollowUp(resolution, _changes(previous, resolution, number),
                    [*_report_note(previous, session, report),
                     *_notes(previous, resolution, agenda_item is None)])


def followup_name(resolution: Resolution) -> str:
    """The stem of a follow-up's files: the organization key and the session, "csto-79"."""
    return f"{resolution.organization}-{resolution.session}"


def parse_agenda_item(text: str) -> AgendaItem:
    """"127 (t)", "127 t)", "127(t)" or "127" as an AgendaItem."""
    found = _AGENDA.match(text)
    if not found:
        raise FollowUpError(f"--agenda-item {text!r} is not an agenda item such as \"127 (t)\" "
                            "or \"127 t)\"")
    digits = found.group(1).lstrip("0")
    if not 0 < len(digits) <= 3:  # before int(): 5,000 digits are beyond what int() converts
        raise FollowUpError(f"--agenda-item {text!r}: agenda items are numbered 1 to 999")
    return AgendaItem(number=int(digits), sub_item=found.group(2))


def tracked_time(resolution: Resolution) -> dt.datetime:
    """When the tracked changes are dated: midnight (UTC) of the draft's distribution date, so
    that the same inputs always give the same bytes."""
    from drafter.revisions import signing_time

    return signing_time(resolution.distribution_date)


def followup_files(previous: Resolution, followup: FollowUp, languages: list[str],
                   author: str, source_text: str | None = None,
                   fmt: str = "docx", layout: Layout | None = None) -> dict[str, bytes]:
    """Every output of a follow-up by file name: the source, then per language the clean
    draft and the draft with tracked changes against the previous text. ``source_text``: the
    previous YAML source, whose comments and layout the new source keeps."""
    return followup_outputs(previous, followup, languages, author, source_text, fmt,
                            layout).files


class Outputs(Struct, frozen=True):
    """A follow-up's files by name, and per language what its tracked draft changes."""

    files: dict[str, bytes]
    tracked: dict[str, list[str]]


def followup_outputs(previous: Resolution, followup: FollowUp, languages: list[str],
                     author: str, source_text: str | None = None, fmt: str = "docx",
                     layout: Layout | None = None) -> Outputs:
    """The files of ``followup_files``; the tracked drafts come from the path `drafter compare`
    takes (``revisions.track``), with its summary of the changes. In Akoma Ntoso (``fmt``
    "akn") each language is the new text only: AKN models amendments its own way."""
    from drafter.render import compose_document
    from drafter.revisions import track
    from drafter.writers.docx import write_docx
    from drafter.yamlout import dump_resolution

    new = followup.resolution
    name = followup_name(new)
    header = [f"Follow-up of resolution {previous.number} for the "
              f"{language('en').session(new.session)} session (made by `drafter followup`).",
              "To review:", *(f"- {note}" for note in followup.notes)]
    files = {f"{name}.yaml": dump_resolution(new, header, source_text).encode("utf-8")}
    tracked_changes: dict[str, list[str]] = {}
    when = tracked_time(new)
    for lang in languages:
        draft = compose_document(new, lang)  # composed once for the clean and the tracked file
        if fmt == "akn":
            from drafter.writers.akn import write_akn

            files[f"{name}.{lang}.akn.xml"] = write_akn(draft)
            continue
        files[f"{name}.{lang}.docx"] = write_docx(draft, layout=layout)
        tracked = track(compose_document(previous, lang), draft, author, when, layout)
        files[f"{name}.{lang}.tracked.docx"] = tracked.docx
        tracked_changes[lang] = [part.describe() for part in tracked.changes]
    return Outputs(files, tracked_changes)


class Previous(Struct, frozen=True):
    """The previous resolution as read, the one language it was read in (None for both), and
    the text of its YAML source (None for a Word or text file)."""

    resolution: Resolution
    only: str | None = None
    text: str | None = None


def read_previous(path: Path, pair: Path | None = None) -> Previous:
    """The previous resolution from a YAML source, or from its Word or text version (``pair``:
    the other language's version); a single Word or text file gives one language only."""
    from drafter.source import load

    if path.suffix.lower() in (".yaml", ".yml"):
        if pair is not None:
            raise FollowUpError("--pair goes with a Word or text file; a YAML source already "
                                "holds both languages")
        resolution = load(path)  # refuses what is not a valid source before its text is kept
        return Previous(resolution, text=path.read_text(encoding="utf-8"))
    from drafter.importer import ImportFailure, import_files
    from drafter.readers import ReadFailure

    try:
        return Previous(*import_files(path, pair))
    except (ReadFailure, ImportFailure) as failure:
        raise FollowUpError(str(failure)) from None


def languages_of(previous: Previous, requested: list[str]) -> list[str]:
    """The requested languages that the previous text was read in."""
    chosen = [lang for lang in requested if previous.only in (None, lang)]
    if not chosen:
        raise FollowUpError(f"the previous text was read in {previous.only} only; ask for "
                            f"--lang {previous.only}, or give the other version with --pair")
    return chosen


def with_reading_note(result: FollowUp, previous: Previous) -> FollowUp:
    """Tell the drafter that one language was read and the other only marked for translation."""
    if previous.only is None:
        return result
    note = (f"only the {previous.only} text was read: the other language is marked "
            f"{UNTRANSLATED.strip()} in the source and its drafts are not written (--pair gives it)")
    return FollowUp(result.resolution, result.changes, [*result.notes, note])


def followup_command(previous: Path, session: int, report: str | None, agenda_item: str | None,
                     out: Path, author: str, force: bool, lang: list[str],
                     date: dt.date | None = None, pair: Path | None = None,
                     fmt: str = "docx", reference: Path | None = None) -> int:
    """`drafter followup`: write the new source, clean and tracked drafts (Word, or their PDF),
    in the page and fonts of the ``reference`` document (--reference-docx) if given; print the
    review."""
    from drafter.output import OutputFailure, write_files
    from drafter.readers.reference import ReadFailure, layout_for
    from drafter.render import RenderFailure
    from drafter.source import SourceInvalid
    from drafter.terminal import say
    from drafter.writers.pdf import PdfFailure, as_pdf, soffice

    try:
        if fmt == "pdf":
            soffice()  # before any work: without LibreOffice, say so at once
        layout = layout_for(reference, fmt)
        item = parse_agenda_item(agenda_item) if agenda_item is not None else None
        old = read_previous(previous, pair)
        languages = languages_of(old, lang)
        result = with_reading_note(follow_up(old.resolution, session, report, item, date), old)
        outputs = followup_outputs(old.resolution, result, languages, author, old.text, fmt,
                                   layout)
        if out.exists() and not out.is_dir():
            raise FollowUpError(f"--out {out} is a file, not a directory")
        files = as_pdf([outputs.files])[0] if fmt == "pdf" else outputs.files
        written = write_files({out / name: blob for name, blob in files.items()}, force,
                              keep=[previous, *([pair] if pair else [])])
    except (PdfFailure, ReadFailure) as error:
        say(f"drafter: {error}; nothing was written", err=True)
        return EXIT_INPUT
    except (FollowUpError, RenderFailure) as error:
        say(f"drafter: {named(previous, str(error))}", err=True)
        return EXIT_INPUT
    except OutputFailure as error:
        say(f"drafter: {error}; nothing was written", err=True)
        return EXIT_INPUT
    except SourceInvalid as invalid:
        say(*invalid.errors, err=True)
        return EXIT_INPUT
    say(*(f"wrote {path}" for path in written), *summary_lines(result))
    for code, changes in outputs.tracked.items():
        say(f"Tracked changes ({language(code).name}):", *(f"  - {change}" for change in changes))
    return 0


def named(path: Path, message: str) -> str:
    """A message that names its file once."""
    return message if str(path) in message else f"{path}: {message}"


def summary_lines(result: FollowUp) -> list[str]:
    """The changes and the review notes, as the terminal shows them: one line each, printed
    apart so that no value can add a line."""
    lines = ["Changed:", *(f"  - {change}" for change in result.changes)]
    return lines + ["To review:", *(f"  - {note}" for note in result.notes or ["nothing found"])]


def _moved(day: dt.date, years: int) -> dt.date:
    if not dt.MINYEAR <= day.year + years <= dt.MAXYEAR:
        raise FollowUpError(f"the previous distribution date, {day.isoformat()}, moved on by "
                            f"{years} years falls beyond the calendar; give the new one with --date")
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _with_series(previous: Resolution, citation: dict[str, object]) -> list[dict[str, object]]:
    """The preamble with the previous resolution added to the series recall."""
    preamble = [paragraph.model_dump(mode="python", exclude_defaults=True)
                for paragraph in previous.preamble]
    for paragraph, model in zip(preamble, previous.preamble):
        if isinstance(model, CooperationSeries):
            if all(item.number != citation["number"] for item in model.resolutions):
                paragraph["resolutions"] = [*paragraph["resolutions"], citation]
            return preamble
    position = max((index + 1 for index, model in enumerate(previous.preamble)
                    if getattr(model, "standard", None) in _BEFORE_SERIES), default=0)
    preamble.insert(position, {"standard": "cooperation_series", "resolutions": [citation]})
    return preamble


def _changes(previous: Resolution, new: Resolution, number: str) -> list[str]:
    words = language("en")
    changes = [
        f"session {previous.session} → {new.session}",
        f"stage adopted → draft; symbol {previous.symbol} → {new.symbol}",
        f"series recall: {number} of {_plain(previous.adoption.date)} added"  # type: ignore[union-attr]
        if number not in {item.number for paragraph in previous.preamble
                          if isinstance(paragraph, CooperationSeries) for item in paragraph.resolutions}
        else f"series recall: {number} was already recalled",
        f"report considered {previous.report} → {new.report}",
        f"mandate: {words.session(previous.mandate.report_session)} → "
        f"{words.session(new.mandate.report_session)} session",
        f"distribution date {previous.distribution_date} → {new.distribution_date}",
    ]
    if new.agenda_item != previous.agenda_item:
        changes.append(f"agenda item {_item(previous.agenda_item)} → {_item(new.agenda_item)}")
    return changes


def _report_note(previous: Resolution, session: int, report: str | None) -> list[str]:
    """A warning when --report names a report of another session than the mandate asked for
    (or than the new draft's own session, when it follows up later)."""
    found = re.match(r"A/(\d{1,4})/", report or "")
    asked = previous.mandate.report_session
    if found is None or int(found.group(1)) in (asked, session):
        return []
    return [f"warning: --report {report} is a document of session {found.group(1)}, but "
            f"{previous.symbol} asked for the report at session {asked}; check the symbol"]


def _notes(previous: Resolution, new: Resolution, agenda_kept: bool) -> list[str]:
    notes = [f"placeholder left: {where}" for where in placeholders.placeholders(new)]
    if agenda_kept:
        notes.append(f"agenda item {_item(new.agenda_item)} is the previous session's; check the "
                     f"agenda of session {new.session} (--agenda-item)")
    if not new.sponsors:
        notes.append("no sponsors yet: add the sponsoring States")
    cycle_start = dt.date(1945 + previous.session, 9, 1)
    session_year = 1945 + new.session
    for section, label in (("preamble", "preambular paragraph"), ("operative", "operative paragraph")):
        for index, paragraph in enumerate(getattr(new, section), start=1):
            where = f"{label} {index}"
            english = " ".join(text for lang, text in placeholders.texts(paragraph) if lang == "en")
            recent = sorted({day for day in _DATE_TAG.findall(english)
                             if dt.date.fromisoformat(day) >= cycle_start})
            if recent:
                notes.append(f"{where}: {', '.join(_plain(dt.date.fromisoformat(day)) for day in recent)}"
                             f" — news of the previous cycle; still the latest?")
            ended = sorted({f"{start}–{end}" for start, end in _PERIOD.findall(english)
                            if int(end) < session_year})
            if ended:
                notes.append(f"{where}: the period {', '.join(ended)} ended before session "
                             f"{new.session} opened ({session_year}); is there a newer plan?")
    printed = [*_PRINTED, *(["observer_status"] if any(
        isinstance(paragraph, ObserverStatusGranted) and paragraph.resolution is None
        for paragraph in new.preamble) else [])]
    unconfirmed = [field for field in registry()[new.organization].unconfirmed if field in printed]
    if unconfirmed:
        notes.append(f"registry facts not confirmed in a UN source: {', '.join(unconfirmed)} "
                     f"of {new.organization}; check them in the text")
    return notes


def _plain(day: dt.date) -> str:
    return language("en").format_date(day)


def _item(item: AgendaItem) -> str:
    return f"{item.number} ({item.sub_item})" if item.sub_item else str(item.number)


def _validation_message(error: ValidationError, report: str | None) -> str:
    first = error.errors()[0]
    if first["loc"][:1] == ("report",):
        return f"--report {report!r} is not a document symbol such as A/79/302"
    where = " → ".join(str(part) for part in first["loc"])
    return f"the follow-up is not a valid source ({where}: {first['msg']})"
