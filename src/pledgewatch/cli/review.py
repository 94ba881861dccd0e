"""`pledgewatch review commitments`: confirm proposed commitments one key at a time.

Interactive by default: one proposal on screen with its text, context, section, parties,
deadline, money, strength, sectors and grey zone, and a single key decides. The same decisions
are available as options for scripts and tests (--accept, --reject, --edit, --merge, --split).
Each decision is its own transaction, so quitting half-way keeps what was decided.
"""

from __future__ import annotations

import getpass
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

import typer
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from sqlalchemy import Engine

from pledgewatch.brief.deadline_rules import rule_text
from pledgewatch.brief.labels import label
from pledgewatch.capture import review
from pledgewatch.capture.proposal_views import (
    DecisionView,
    ProposalView,
    list_proposals,
    review_log,
    show_proposal,
)
from pledgewatch.cli import render
from pledgewatch.cli.app import app
from pledgewatch.cli.options import (
    AgreementOption,
    DbOption,
    DetailFormatOption,
    LangOption,
    error_markup,
    json_or_table_only,
    make_console,
    settings_from,
    user_errors,
)
from pledgewatch.cli.render import OutputFormat
from pledgewatch.errors import ConfigurationError, PledgewatchError, message_in
from pledgewatch.store.database import open_database
from pledgewatch.store.db import session_factory, unit_of_work
from pledgewatch.store.proposal_models import ProposalState
from pledgewatch.store.proposals import ProposalFilter, next_free_code

review_app = typer.Typer(
    help="Review what pledgewatch proposed: accept, reject, edit, merge, split.\n\n"
    "抽出された提案の審査（採用・不採用・編集・統合・分割）。\n\n"
    "Example: pledgewatch review commitments",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")


def _id_option(text: str) -> Any:
    return typer.Option(metavar="ID", help=text, show_default=False)


def reviewer() -> str:
    """Who decides, when --by is not given: the user logged in."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli user"


@review_app.command("commitments")
def commitments(
    agreement: AgreementOption = None,
    document: Annotated[str | None, typer.Option(help="Only this document (its key).")] = None,
    run: Annotated[int | None, typer.Option(help="Only this extraction run.")] = None,
    state: Annotated[
        str,
        typer.Option(help="Which proposals: proposed, accepted, rejected, merged, split or all."),
    ] = "proposed",
    list_: Annotated[bool, typer.Option("--list", help="List the proposals and stop.")] = False,
    show: Annotated[int | None, _id_option("Show one proposal with its context and log.")] = None,
    log: Annotated[bool, typer.Option("--log", help="Print the review log and stop.")] = False,
    accept: Annotated[int | None, _id_option("Accept this proposal as a commitment.")] = None,
    code: Annotated[
        str | None, typer.Option(help="Code for --accept (default: next free with --prefix).")
    ] = None,
    prefix: Annotated[str, typer.Option(help="Prefix of generated codes.")] = review.DEFAULT_PREFIX,
    reject: Annotated[int | None, _id_option("Reject this proposal (give --reason).")] = None,
    edit: Annotated[int | None, _id_option("Edit this proposal's fields (options below).")] = None,
    text: Annotated[str | None, typer.Option(help="New text.", show_default=False)] = None,
    translation: Annotated[
        str | None, typer.Option(help="The statement in the other language.", show_default=False)
    ] = None,
    parties: Annotated[
        str | None, typer.Option(help="Comma-separated party codes.", show_default=False)
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option(help="Deadline expression ('' removes it).", show_default=False),
    ] = None,
    deadline_event: Annotated[
        str | None,
        typer.Option(help="Event the deadline counts from ('' clears).", show_default=False),
    ] = None,
    strength: Annotated[
        str | None, typer.Option(help="binding, intent or aspiration.", show_default=False)
    ] = None,
    sectors: Annotated[
        str | None, typer.Option(help="Comma-separated thesaurus ids.", show_default=False)
    ] = None,
    section: Annotated[str | None, typer.Option(help="New section.", show_default=False)] = None,
    merge: Annotated[
        list[int] | None,
        typer.Option(
            metavar="ID", help="Merge these proposals (give two or more).", show_default=False
        ),
    ] = None,
    split: Annotated[int | None, _id_option("Split this proposal (--at or --separator).")] = None,
    at: Annotated[int | None, typer.Option(help="Split at this character of the text.")] = None,
    separator: Annotated[
        str | None, typer.Option(help="Split at this separator (removed).", show_default=False)
    ] = None,
    lead_in: Annotated[
        str | None,
        typer.Option(
            help="Lead-in the second half carries (default: detected).", show_default=False
        ),
    ] = None,
    reason: Annotated[str, typer.Option(help="Why (required with --reject).")] = "",
    by: Annotated[
        str | None, typer.Option("--by", help="Who decides (default: the user logged in).")
    ] = None,
    db: DbOption = None,
    fmt: DetailFormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """Review proposed commitments one by one, or decide on one with an option.

    保存された提案を1件ずつ審査します（a 採用・r 不採用・e 編集・m 統合・s 分割・q 終了）。

    オプションで1件ずつ決定することもできます。決定はすべて審査記録に残ります。

    Proposals come from 'pledgewatch extract FILE --agreement ID --save'. Accepting one makes a
    commitment of the agreement whose history starts as 'not started'; every decision is kept
    in the review log (--log).

    Example: pledgewatch review commitments --accept 3 --code CM-12 --by "A. Analyst"
    """
    with user_errors(lang):
        json_or_table_only(fmt)
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        console = make_console()
        decided_by = by or reviewer()
        criteria = ProposalFilter(
            agreement_id=agreement,
            document_key=document,
            run_id=run,
            state=None if state == "all" else _state(state),
        )
        out = Output(console, settings.lang, fmt)
        chosen = [
            name
            for name, given in (
                ("--accept", accept is not None),
                ("--reject", reject is not None),
                ("--edit", edit is not None),
                ("--merge", bool(merge)),
                ("--split", split is not None),
                ("--show", show is not None),
                ("--log", log),
                ("--list", list_),
            )
            if given
        ]
        if len(chosen) > 1:
            raise ConfigurationError(
                f"give one of {', '.join(chosen)} at a time",
                ja=f"{'、'.join(chosen)} は一度に一つだけ指定してください",
            )
        if accept is not None:
            with unit_of_work(engine) as session:
                made = review.accept(
                    session, accept, decided_by=decided_by, code=code, prefix=prefix, reason=reason
                )
                made_code = made.code
            out.done(accept, f"{label('accepted_as', out.lang)} {made_code}", engine)
        elif reject is not None:
            with unit_of_work(engine) as session:
                review.reject(session, reject, decided_by=decided_by, reason=reason)
            out.done(reject, label("rejected_done", out.lang), engine)
        elif edit is not None:
            change = review.ProposalEdit(
                text=text,
                translation=translation,
                parties=_items(parties),
                deadline=deadline,
                deadline_event=deadline_event,
                strength=strength,
                sectors=_items(sectors),
                section=section,
            )
            with unit_of_work(engine) as session:
                review.edit(session, edit, change, decided_by=decided_by, reason=reason)
            out.done(edit, label("edited", out.lang), engine)
        elif merge:
            with unit_of_work(engine) as session:
                merged_id = review.merge(session, merge, decided_by=decided_by, reason=reason).id
            out.done(merged_id, f"{label('merged_into', out.lang)} #{merged_id}", engine)
        elif split is not None:
            with unit_of_work(engine) as session:
                first, second = review.split(
                    session,
                    split,
                    decided_by=decided_by,
                    at=at,
                    separator=separator,
                    carry=lead_in,
                    reason=reason,
                )
                ids = [first.id, second.id]
            out.many(ids, f"{label('split_into', out.lang)} #{ids[0]}, #{ids[1]}", engine)
        elif show is not None:
            with session_factory(engine)() as session:
                out.proposal(show_proposal(session, show))
        elif log:
            with session_factory(engine)() as session:
                entries = review_log(session, agreement_id=agreement)
            out.log(entries)
        elif list_:
            with session_factory(engine)() as session:
                views = list_proposals(session, criteria)
            out.listing(views)
        else:
            _Interactive(engine, criteria, decided_by, prefix, out).run()


def _state(value: str) -> str:
    states = [s.value for s in ProposalState]
    if value not in states:
        raise ConfigurationError(
            f"--state must be one of {', '.join(states)} or all",
            ja=f"--state は {', '.join(states)}、all のいずれかで指定してください",
        )
    return value


def _items(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [item.strip() for item in value.replace("、", ",").split(",") if item.strip()]


@dataclass
class Output:
    """Prints proposals and decisions as tables or JSON, in the chosen language."""

    console: Console
    lang: str
    fmt: OutputFormat

    def done(self, proposal_id: int, message: str, engine: Engine) -> None:
        """Say what a decision did; in JSON, print the proposal as it now stands."""
        self.many([proposal_id], message, engine)

    def many(self, ids: list[int], message: str, engine: Engine) -> None:
        """Say what a decision did to several proposals."""
        if self.fmt is OutputFormat.JSON:
            with session_factory(engine)() as session:
                views = [show_proposal(session, i) for i in ids]
            self.console.out(render.to_json(views))
        else:
            self.console.print(escape(message))

    def proposal(self, view: ProposalView, position: str = "") -> None:
        """One proposal, in full."""
        if self.fmt is OutputFormat.JSON:
            self.console.out(render.to_json(view))
        else:
            self.console.print(proposal_panel(view, self.lang, position))

    def listing(self, views: list[ProposalView]) -> None:
        """Proposals as a table."""
        if self.fmt is OutputFormat.JSON:
            self.console.out(render.to_json(views))
            return
        table = Table(title=label("proposals", self.lang), expand=True)
        table.add_column(label("id", self.lang), no_wrap=True)
        table.add_column(label("state", self.lang), overflow="fold")
        table.add_column(label("text", self.lang), overflow="fold", ratio=4)
        for key in ("section", "deadline", "strength", "grey_zone", "commitment"):
            table.add_column(label(key, self.lang), overflow="fold", ratio=1)
        for v in views:
            table.add_row(
                str(v.id),
                label(f"proposal_{v.state}", self.lang),
                escape(v.text),
                escape(v.section or "—"),
                escape(_deadline(v)),
                label(v.strength, self.lang),
                escape(v.grey_zone or "—"),
                escape(v.commitment or "—"),
            )
        self.console.print(table)

    def log(self, entries: list[DecisionView]) -> None:
        """The review log."""
        if self.fmt is OutputFormat.JSON:
            self.console.out(render.to_json(entries))
            return
        table = Table(title=label("review_log", self.lang))
        for key in ("date", "proposal", "action", "recorded_by", "reason", "note"):
            table.add_column(label(key, self.lang), overflow="fold")
        for e in entries:
            table.add_row(
                e.decided_at.strftime("%Y-%m-%d %H:%M"),
                str(e.proposal),
                escape(e.action),
                escape(e.decided_by),
                escape(e.reason),
                escape(", ".join(f"{k}: {v}" for k, v in e.changes.items())),
            )
        self.console.print(table)


def _deadline(view: ProposalView) -> str:
    d = view.deadline
    if d is None:
        return "—"
    when = d.date.isoformat() if d.date else f"({d.event or '?'})"
    return f"{when} «{d.basis}»"


def proposal_panel(view: ProposalView, lang: str, position: str = "") -> Group:
    """Everything a reviewer needs to decide on one proposal."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row(label("text", lang), escape(view.text))
    if view.translation:
        facts.add_row(label("translation", lang), escape(view.translation))
    context = Text()
    context.append(_squeeze(view.context.before[-100:]), style="dim")
    context.append(_squeeze(view.context.passage), style="bold underline")
    context.append(_squeeze(view.context.after[:100]), style="dim")
    facts.add_row(label("context", lang), context)
    facts.add_row(label("span", lang), f"{view.span.start}-{view.span.end}")
    facts.add_row(label("section", lang), escape(view.section or "—"))
    facts.add_row(label("parties", lang), escape(", ".join(view.parties) or "—"))
    if view.deadline is not None:
        d = view.deadline
        facts.add_row(label("deadline", lang), escape(_deadline(view)))
        if d.precision:
            facts.add_row(label("precision", lang), label(d.precision, lang))
        if d.rule:
            facts.add_row(label("rule", lang), escape(rule_text(d.rule, lang)))
    else:
        facts.add_row(label("deadline", lang), "—")
    money = "; ".join(f"{m.text} ({m.currency} {m.amount})" for m in view.money)
    facts.add_row(label("money", lang), escape(money or "—"))
    facts.add_row(label("strength", lang), label(view.strength, lang))
    facts.add_row(label("sectors", lang), escape(", ".join(view.sectors) or "—"))
    facts.add_row(label("grey_zone", lang), escape(view.grey_zone or "—"))
    facts.add_row(label("language", lang), view.language)
    facts.add_row(label("source", lang), escape(f"{view.document} ← {view.source}"))
    if view.derived_from:
        facts.add_row(label("derived_from", lang), ", ".join(f"#{i}" for i in view.derived_from))
    if view.commitment:
        facts.add_row(label("commitment", lang), escape(view.commitment))
    title = f"{label('proposal', lang)} #{view.id} · {label(f'proposal_{view.state}', lang)}"
    if position:
        title = f"{position} · {title}"
    return Group(Panel(facts, title=escape(title), title_align="left"))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@dataclass
class _Interactive:
    """The one-key review loop over a queue of proposal ids."""

    engine: Engine
    criteria: ProposalFilter
    decided_by: str
    prefix: str
    out: Output
    queue: list[int] = field(default_factory=list)
    index: int = 0

    def run(self) -> None:
        with session_factory(self.engine)() as session:
            pending = ProposalFilter(
                agreement_id=self.criteria.agreement_id,
                document_key=self.criteria.document_key,
                run_id=self.criteria.run_id,
                state=ProposalState.PROPOSED.value,
            )
            self.queue = [v.id for v in list_proposals(session, pending)]
        console, lang = self.out.console, self.out.lang
        actions: dict[str, Callable[[int], None]] = {
            "a": self.accept,
            "r": self.reject,
            "e": self.edit,
            "m": self.merge,
            "s": self.split,
        }
        while self.queue:
            self.index = max(0, min(self.index, len(self.queue) - 1))
            current = self.queue[self.index]
            with session_factory(self.engine)() as session:
                view = show_proposal(session, current)
            console.print(proposal_panel(view, lang, f"{self.index + 1}/{len(self.queue)}"))
            key = read_key(console, label("review_keys", lang))
            if key == "q":
                return
            if key == "n":
                self.index = min(self.index + 1, len(self.queue) - 1)
            elif key == "p":
                self.index = max(self.index - 1, 0)
            elif key in actions:
                try:
                    actions[key](current)
                except PledgewatchError as exc:
                    console.print(error_markup(message_in(exc, lang), lang))
            else:
                console.print(f"{label('unknown_key', lang)}: {escape(key)}")
        console.print(label("no_proposals", lang))

    def prompt(self, key: str, default: str = "") -> str:
        return str(typer.prompt(label(key, self.out.lang), default=default, show_default=True))

    def accept(self, current: int) -> None:
        with session_factory(self.engine)() as session:
            proposal = show_proposal(session, current)
            suggested = next_free_code(session, proposal.agreement, self.prefix)
        code = self.prompt("code_prompt", suggested).strip()
        with unit_of_work(self.engine) as session:
            made = review.accept(session, current, decided_by=self.decided_by, code=code)
            made_code = made.code
        self.queue.pop(self.index)
        self.out.console.print(f"{label('accepted_as', self.out.lang)} {escape(made_code)}")

    def reject(self, current: int) -> None:
        default = (
            "この記述はコミットメントではない" if self.out.lang == "ja" else "not a commitment"
        )
        why = self.prompt("reason_prompt", default)
        with unit_of_work(self.engine) as session:
            review.reject(session, current, decided_by=self.decided_by, reason=why)
        self.queue.pop(self.index)
        self.out.console.print(label("rejected_done", self.out.lang))

    def edit(self, current: int) -> None:
        with session_factory(self.engine)() as session:
            v = show_proposal(session, current)
        remove = f" ({label('remove_hint', self.out.lang)})"
        lang = self.out.lang
        new_text = self.prompt("text", v.text)
        new_translation = typer.prompt(
            label("translation", lang) + remove, default=v.translation or "-"
        )
        new_parties = self.prompt("parties", ", ".join(v.parties))
        new_deadline = typer.prompt(
            label("deadline", lang) + remove, default=v.deadline.basis if v.deadline else "-"
        )
        new_event = typer.prompt(
            label("event", lang) + remove,
            default=(v.deadline.event if v.deadline and v.deadline.event else "-"),
        )
        new_strength = self.prompt("strength", v.strength)
        new_sectors = self.prompt("sectors", ", ".join(v.sectors))
        change = review.ProposalEdit(
            text=new_text,
            translation="" if new_translation.strip() == "-" else new_translation,
            parties=_items(new_parties),
            deadline="" if new_deadline.strip() == "-" else new_deadline,
            deadline_event="" if new_event.strip() == "-" else new_event,
            strength=new_strength.strip(),
            sectors=_items(new_sectors),
        )
        with unit_of_work(self.engine) as session:
            review.edit(session, current, change, decided_by=self.decided_by)
        self.out.console.print(label("edited", lang))

    def merge(self, current: int) -> None:
        if self.index + 1 >= len(self.queue):
            raise ConfigurationError(
                "there is no next proposal to merge with", ja="統合する次の提案がありません"
            )
        following = self.queue[self.index + 1]
        with unit_of_work(self.engine) as session:
            merged = review.merge(session, [current, following], decided_by=self.decided_by).id
        self.queue[self.index : self.index + 2] = [merged]
        self.out.console.print(f"{label('merged_into', self.out.lang)} #{merged}")

    def split(self, current: int) -> None:
        with session_factory(self.engine)() as session:
            v = show_proposal(session, current)
        answer = self.prompt("cut_prompt")
        at = int(answer) if answer.strip().isdigit() else v.text.find(answer)
        if at <= 0:
            raise ConfigurationError(
                f"{answer!r} is not a place inside the text",
                ja=f"{answer!r} は本文の中の位置として使えません",
            )
        with unit_of_work(self.engine) as session:
            first, second = review.split(session, current, decided_by=self.decided_by, at=at)
            ids = [first.id, second.id]
        self.queue[self.index : self.index + 1] = ids
        self.out.console.print(f"{label('split_into', self.out.lang)} #{ids[0]}, #{ids[1]}")


def read_key(console: Console, legend: str) -> str:
    """One key: pressed alone on a terminal, or the first letter of a line from a pipe."""
    console.print(escape(legend))
    if sys.stdin.isatty():
        key = str(typer.getchar())
        console.print(key)
        return key.lower()
    line = sys.stdin.readline()
    if not line:
        return "q"
    return line.strip()[:1].lower() or "n"
