"""Commands of linking and assessment: link, review, evidence, compliance, ledger.

`pledgewatch review evidence` is interactive by default (one proposal on screen, one key
decides); the same decisions are options for scripts and tests. Each decision is its own
transaction, so quitting half-way keeps what was decided.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy import Engine

from pledgewatch.assess import review as evidence_review
from pledgewatch.assess.curation import apply_review, read_review_file, sample_review_path
from pledgewatch.assess.linking import link_stories, tied_evidence
from pledgewatch.assess.risk import deadline_flags, mark_missed
from pledgewatch.assess.scales import Scale
from pledgewatch.brief.compliance import build_compliance
from pledgewatch.brief.evidence import flag_view, list_evidence, review_card, review_queue
from pledgewatch.brief.labels import label
from pledgewatch.brief.views import EvidenceView
from pledgewatch.capture.default import DEFAULT_AGREEMENT_ID
from pledgewatch.cli import assess_render, render
from pledgewatch.cli.app import app
from pledgewatch.cli.options import (
    AgreementOption,
    AsOfOption,
    DbOption,
    DetailFormatOption,
    FormatOption,
    LangOption,
    error_markup,
    json_or_table_only,
    make_console,
    settings_from,
    today,
    user_errors,
)
from pledgewatch.cli.render import OutputFormat
from pledgewatch.cli.review import read_key, review_app, reviewer
from pledgewatch.errors import ConfigurationError, PledgewatchError, in_language, message_in
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store.database import open_database
from pledgewatch.store.db import session_factory, unit_of_work

ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who decides (default: the user logged in).", show_default=False),
]
NoteOption = Annotated[
    str | None,
    typer.Option(help="Why, in your words (kept with the decision).", show_default=False),
]


@app.command()
def link(
    agreement: AgreementOption = None,
    relink: Annotated[
        bool, typer.Option(help="Link every story again (reviewed proposals are kept).")
    ] = False,
    threshold: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Least score to propose (default: PLEDGEWATCH_LINK_THRESHOLD, else calibrated).",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=10,
            help="Most commitments proposed per story (default: PLEDGEWATCH_LINK_TOP, else 3).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    fmt: DetailFormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """Propose evidence: rank the commitments each new story is evidence for.

    新しいストーリーごとに、根拠となりうるコミットメントを順位付けして提案します。

    Proposals wait for review ('pledgewatch review evidence'); only confirmed evidence moves a
    status.

    Example: pledgewatch link
    """
    with user_errors(lang):
        json_or_table_only(fmt)
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        with unit_of_work(engine) as session:
            chosen = agreement_store.get_agreement(session, agreement).id if agreement else None
            run = link_stories(
                session,
                agreement_id=chosen,
                relink=relink,
                threshold=threshold if threshold is not None else settings.link_threshold,
                top=top if top is not None else settings.link_top,
            )
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(json.dumps(asdict(run), ensure_ascii=False, indent=2))
            return
        if settings.lang == "ja":
            summary = (
                f"ストーリー{run.stories}件のうち{run.linked}件を処理し、"
                f"提案{run.proposals}件を作成（既存{run.already_held}件）"
            )
        else:
            summary = (
                f"{run.linked} of {run.stories} stories linked, {run.proposals} proposals "
                f"made ({run.already_held} already held)"
            )
        console.print(f"{label('link_run', settings.lang)}: {summary}")
        if run.problems:
            console.print(f"[bold red]{label('link_problems', settings.lang)}:[/]")
            for problem in run.problems:
                message = in_language(problem.message, problem.message_ja, settings.lang)
                console.print(f"  #{problem.story_id} {escape(problem.title)}: {escape(message)}")


@review_app.command("evidence")
def review_evidence(
    commitment: Annotated[
        str | None,
        typer.Option(help="Only proposals for this commitment (CM-04).", show_default=False),
    ] = None,
    agreement: AgreementOption = None,
    list_: Annotated[bool, typer.Option("--list", help="List the proposals and stop.")] = False,
    confirm: Annotated[
        int | None, typer.Option(metavar="ID", help="Confirm this proposal.", show_default=False)
    ] = None,
    reject: Annotated[
        int | None, typer.Option(metavar="ID", help="Reject this proposal.", show_default=False)
    ] = None,
    judge: Annotated[
        int | None,
        typer.Option(
            metavar="ID",
            help="Change this proposal's judgement (give --judgement).",
            show_default=False,
        ),
    ] = None,
    judgement: Annotated[
        str | None,
        typer.Option(
            help="achieved, progress, setback or mention (with --confirm or --judge).",
            show_default=False,
        ),
    ] = None,
    party: Annotated[
        str | None,
        typer.Option(
            help=(
                "With --confirm: the evidence concerns this party only; 'all' for every party "
                "the commitment binds (a proposal made for one party's own part)."
            ),
            show_default=False,
        ),
    ] = None,
    note: NoteOption = None,
    by: ByOption = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Review evidence proposals one at a time: confirm, reject or change the judgement.

    根拠の提案を1件ずつ審査します（確認・却下・判定の変更）。

    Keys: c confirm, r reject, j change the judgement, n next, p previous, q quit; s gives the
    other-language report of the event just decided the same decision. A confirmed
    judgement moves the commitment's status (achieved, in progress, setback) for each party it
    binds, with a snapshot of the evidence in the history.

    Example: pledgewatch review evidence --confirm 12 --judgement achieved
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        console = make_console()
        who = by or reviewer()
        actions = [a for a in (confirm, reject, judge) if a is not None]
        if len(actions) > 1:
            raise ConfigurationError(
                "give one of --confirm, --reject or --judge at a time",
                ja="--confirm、--reject、--judge は一度に一つだけ指定してください",
            )
        if judge is not None and judgement is None:
            raise ConfigurationError(
                "--judge needs --judgement", ja="--judge には --judgement も指定してください"
            )
        if confirm is not None:
            _decide(engine, console, settings.lang, "confirm", confirm, who, judgement, party, note)
        elif reject is not None:
            _decide(engine, console, settings.lang, "reject", reject, who, None, None, note)
        elif judge is not None:
            _decide(engine, console, settings.lang, "judge", judge, who, judgement, None, note)
        elif list_:
            with session_factory(engine)() as session:
                chosen = agreement_store.get_agreement(session, agreement).id if agreement else None
                views = list_evidence(
                    session, state="proposed", commitment=commitment, agreement_id=chosen
                )
            title = f"{label('evidence', settings.lang)}: {label('waiting_review', settings.lang)}"
            console.print(render.evidence_table(views, settings.lang, title=title))
        else:
            _interactive(engine, console, settings.lang, who, commitment, agreement)


def _decide(
    engine: Engine,
    console: Console,
    lang: str,
    action: str,
    evidence_id: int,
    who: str,
    judgement: str | None,
    party: str | None,
    note: str | None,
) -> str:
    """Confirm, reject or re-judge one proposal and print what changed; its judgement now."""
    with unit_of_work(engine) as session:
        if action == "confirm":
            outcome = evidence_review.confirm(
                session,
                evidence_id,
                reviewer=who,
                judgement=judgement,
                party=party.upper() if party else None,
                note=note,
            )
            done = label("evidence_confirmed", lang)
        elif action == "reject":
            outcome = evidence_review.reject(session, evidence_id, reviewer=who, note=note)
            done = label("evidence_rejected", lang)
        else:
            outcome = evidence_review.change_judgement(
                session, evidence_id, judgement or "", reviewer=who, note=note
            )
            done = label("judgement_changed", lang)
        e = outcome.evidence
        decided = e.effective_judgement
        lines = [f"{done} #{e.id}: {e.commitment_code} — {label(decided, lang)}"]
        for change in outcome.changes:
            who_for = change.party or label("whole_commitment", lang)
            lines.append(f"  {label('status_now', lang)} ({who_for}): {label(change.status, lang)}")
    console.print(assess_render.review_result([escape(line) for line in lines]))
    return decided


def _interactive(
    engine: Engine,
    console: Console,
    lang: str,
    who: str,
    commitment: str | None,
    agreement: str | None,
) -> None:
    with session_factory(engine)() as session:
        chosen = agreement_store.get_agreement(session, agreement).id if agreement else None
        queue = review_queue(session, commitment=commitment, agreement_id=chosen)
    index = 0
    # The last decision (proposal, action, judgement): the other-language report of the same
    # event may take it with one key.
    last: tuple[int, str, str] | None = None
    while queue:
        index = max(0, min(index, len(queue) - 1))
        current = queue[index]
        with session_factory(engine)() as session:
            card = review_card(session, current)
        console.print(
            assess_render.evidence_card(
                card.evidence, card.commitment, lang, f"{index + 1}/{len(queue)}", card.concepts
            )
        )
        twin_of_last = last is not None and last[0] in _twins(card.evidence)
        legend = label("evidence_keys", lang)
        if last is not None and twin_of_last:
            legend += "  " + label("same_decision_key", lang).format(id=last[0])
        key = read_key(console, legend)
        try:
            if key == "q":
                return
            if key == "n":
                index = min(index + 1, len(queue) - 1)
            elif key == "p":
                index = max(index - 1, 0)
            elif key in ("c", "r") or (key == "s" and last is not None and twin_of_last):
                if key == "s" and last is not None:
                    action, judged = last[1], last[2] if last[1] == "confirm" else None
                else:
                    action, judged = ("confirm" if key == "c" else "reject"), None
                decided = _decide(engine, console, lang, action, current, who, judged, None, None)
                last = (current, action, decided)
                queue.pop(index)
                _same_event_next(console, lang, card.evidence, queue, index)
            elif key == "j":
                chosen_key = read_key(console, label("judgement_prompt", lang))
                _decide(engine, console, lang, "judge", current, who, chosen_key, None, None)
            else:
                console.print(f"{label('unknown_key', lang)}: {escape(key)}")
        except PledgewatchError as exc:
            console.print(error_markup(message_in(exc, lang), lang))
    console.print(label("no_evidence_to_review", lang))


def _twins(evidence: EvidenceView) -> list[int]:
    """The evidence a proposal is tied to as reports of the same event."""
    ties = (tied_evidence(reason.kind, reason.detail) for reason in evidence.reasons)
    return [tie[0] for tie in ties if tie is not None]


def _same_event_next(
    console: Console, lang: str, decided: EvidenceView, queue: list[int], index: int
) -> None:
    """Bring the other-language report of the event just decided to the front of the queue.

    The reviewer then decides both reports of one event one after the other; nothing is
    decided for them.
    """
    for twin in _twins(decided):
        if twin not in queue:
            continue
        queue.remove(twin)
        queue.insert(min(index, len(queue)), twin)
        console.print(f"{label('same_event_next', lang)}: #{twin}")


@review_app.command("apply")
def review_apply(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="A review file (format pledgewatch-review/1). Default: the curated review "
            "shipped with the sample source of the agreement (--agreement, else the default).",
            show_default=False,
        ),
    ] = None,
    agreement: AgreementOption = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Apply a curated review: its confirmations, rejections and project milestones.

    監修済みの審査ファイル（根拠の確認・却下、案件の進捗）を適用します。

    The curator is recorded as the reviewer, with evidence snapshots, as for any person.
    Applying the same file again changes nothing; proposals someone already reviewed are kept.

    Example: pledgewatch review apply
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        with unit_of_work(engine) as session:
            chosen = agreement_store.get_agreement(session, agreement).id if agreement else None
            path = file or sample_review_path(chosen or DEFAULT_AGREEMENT_ID)
            result = apply_review(session, read_review_file(path))
        console = make_console()
        lang_ = settings.lang
        r = result
        if lang_ == "ja":
            summary = (
                f"確認{r.confirmed}件（うち監修者が追加した関連付け{r.added}件）、却下{r.rejected}件、"
                f"案件の進捗記録{r.milestones}件、状況の変更{r.status_changes}件、"
                f"変更なし{r.unchanged}件"
            )
        else:
            summary = (
                f"{r.confirmed} confirmed ({r.added} of them links the curator added), "
                f"{r.rejected} rejected, {r.milestones} project milestones, "
                f"{r.status_changes} status changes, {r.unchanged} unchanged"
            )
        console.print(f"{label('review_applied', lang_)}: {escape(str(path))}")
        console.print(f"  {summary}")
        for problem in r.problems_in(lang_):
            console.print(f"  [yellow]{label('problems', lang_)}:[/] {escape(problem)}")


@review_app.command("deadlines")
def review_deadlines(
    agreement: AgreementOption = None,
    as_of: AsOfOption = None,
    mark_missed_: Annotated[
        str | None,
        typer.Option(
            "--mark-missed",
            metavar="ID",
            help="Record that this commitment missed its deadline (give --note).",
            show_default=False,
        ),
    ] = None,
    note: NoteOption = None,
    by: ByOption = None,
    db: DbOption = None,
    fmt: DetailFormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """Deadlines to review: at risk before their date, missed? after it, without achieved evidence.

    達成の根拠がないまま期限が迫る（期限迫る）、または過ぎた（未達の疑い）期限の一覧。

    The warning window is PLEDGEWATCH_AT_RISK_DAYS. --mark-missed records the verdict in the
    history, with the deadline as its basis.

    Example: pledgewatch review deadlines --as-of 2026-04-30
    """
    with user_errors(lang):
        json_or_table_only(fmt)
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        day = today(settings, as_of)
        console = make_console()
        if mark_missed_ is not None:
            if not note:
                raise ConfigurationError(
                    "--mark-missed needs --note saying what was checked",
                    ja="--mark-missed には、何を確認したかを書いた --note が必要です",
                )
            with unit_of_work(engine) as session:
                change = mark_missed(
                    session,
                    mark_missed_,
                    as_of=day,
                    reviewer=by or reviewer(),
                    reason=note,
                    at_risk_days=settings.at_risk_days,
                )
                console.print(
                    f"{escape(change.commitment_code)}: {label(change.status, settings.lang)}"
                )
            return
        with session_factory(engine)() as session:
            flags = [
                flag_view(f)
                for f in deadline_flags(
                    session,
                    agreement_id=agreement,
                    as_of=day,
                    at_risk_days=settings.at_risk_days,
                )
            ]
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(flags))
        elif flags:
            console.print(render.flags_table(flags, settings.lang))
        else:
            console.print(label("none", settings.lang))


@app.command()
def evidence(
    state: Annotated[
        str | None,
        typer.Option(help="Only this state: proposed, confirmed or rejected.", show_default=False),
    ] = None,
    commitment: Annotated[
        str | None, typer.Option(help="Only this commitment (CM-04).", show_default=False)
    ] = None,
    agreement: AgreementOption = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """List evidence: items linked to commitments, with score, judgement, state and reasons.

    根拠の一覧（記事とコミットメントの関連付け、関連度、判定、状態、理由）。

    Example: pledgewatch evidence --state confirmed --commitment CM-04 --format json
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        with session_factory(engine)() as session:
            chosen = agreement_store.get_agreement(session, agreement).id if agreement else None
            views = list_evidence(session, state=state, commitment=commitment, agreement_id=chosen)
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(views))
        elif fmt is OutputFormat.CSV:
            console.out(assess_render.evidence_csv(views), end="")
        else:
            console.print(
                render.evidence_table(views, settings.lang, title=label("evidence", settings.lang))
            )


@app.command()
def compliance(
    agreement: AgreementOption = None,
    scale: Annotated[
        Scale, typer.Option(help="Rate on this scale: g7, politifact, polimeter, ogp or japan.")
    ] = Scale.G7,
    as_of: AsOfOption = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """Compliance per the G7 Research Group: -1/0/+1 per party and commitment, and averages.

    G7リサーチ・グループの方式による遵守状況（当事国・コミットメントごとの-1/0/+1と平均）。

    Averages per party, sector and agreement are given as scores and percentages
    ((score + 1) / 2 x 100) with their denominators. --scale maps the statuses to another
    tracker's ratings for export and says what that mapping loses.

    Example: pledgewatch compliance --scale politifact --format csv
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        with session_factory(engine)() as session:
            report = build_compliance(
                session, agreement_id=agreement, scale=scale, as_of=today(settings, as_of)
            )
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(report))
        elif fmt is OutputFormat.CSV:
            console.out(assess_render.compliance_csv(report, settings.lang), end="")
        else:
            render.print_all(console, assess_render.compliance_renderables(report, settings.lang))
