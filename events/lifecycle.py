"""The festival lifecycle (DESIGN.md §3) as one table: which action moves a festival from which
states to which, who may take it, whether a reason is required, what must be true first, what
happens after and who is told (notifications).

    draft ──submit──▶ submitted ──approve──▶ scheduled ──(date passes)──▶ held
      ▲                  │ return(reason), withdraw                         │ submit_report
      └──────────────────┘                                                  ▼
                         published ◀──publish── report_submitted ──return_report(reason)──▶ held
                             └──unpublish(reason)──▶ report_submitted
    any state before held ──cancel/postpone(reason)──▶ cancelled / postponed

`events.rules` turns the table into permissions; `events.services.lifecycle.festival_transition`
is the one service that takes a step (plan and report alike) and writes the history.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.enums import FestivalStatus, TransitionAction
from events.models import FestivalReport
from events.states import BEFORE_HELD, EDITABLE

S = FestivalStatus
A = TransitionAction

# Who takes a step: the officials of the host commune, or the staff supervising it.
PLANNER = "planner"
SUPERVISOR = "supervisor"


def plan_problems(festival):
    """What still keeps `festival` from being submitted, as messages (empty when ready)."""
    problems = []
    if not festival.starts_at or not festival.ends_at:
        problems.append(_("Give the date and time the festival starts and ends."))
    if not festival.venue:
        problems.append(_("Give the venue."))
    if not festival.programme_items.exists():
        problems.append(_("Add at least one programme item."))
    return problems


def report_problems(festival):
    """What keeps the report of `festival` from being submitted or published (empty when ready)."""
    problems = []
    report = FestivalReport.objects.filter(festival=festival).first()
    if report is None or not report.summary.strip():
        problems.append(_("Write the summary of the festival."))
    if report is None or report.attendance is None:
        problems.append(_("Give the number of people who attended."))
    missing = festival.photos.filter(is_public=True, alt_text="").count()
    if missing:
        problems.append(
            _("Describe every public photo (alternative text): %(count)s still missing.")
            % {"count": missing}
        )
    return problems


def _report_submitted(festival, reason):
    FestivalReport.objects.filter(festival=festival).update(submitted_at=timezone.now())


def _report_returned(festival, reason):
    FestivalReport.objects.filter(festival=festival).update(review_notes=reason)


def _report_published(festival, reason):
    FestivalReport.objects.filter(festival=festival).update(published_at=timezone.now())


def _report_unpublished(festival, reason):
    FestivalReport.objects.filter(festival=festival).update(published_at=None, review_notes=reason)


@dataclass(frozen=True)
class Transition:
    """One step of the lifecycle."""

    action: TransitionAction
    sources: frozenset  # the effective states it starts from
    target: FestivalStatus
    actors: frozenset  # PLANNER and/or SUPERVISOR
    perm: str
    refusal: Promise  # why it is refused to someone who may not take it
    done: Promise  # what the user is told after it
    needs_reason: bool = False
    check: Callable | None = None  # festival → messages of what is missing (empty: ready)
    after: Callable | None = None  # (festival, reason) → the side effect, in the same transaction
    notify: frozenset = frozenset()  # who is told (PLANNER and/or SUPERVISOR), in-app and by mail


TRANSITIONS = {
    t.action: t
    for t in (
        Transition(
            action=A.SUBMIT,
            sources=EDITABLE,
            target=S.SUBMITTED,
            actors=frozenset({PLANNER}),
            perm="events.submit",
            refusal=gettext_lazy("Only the host commune can submit a draft or postponed festival."),
            notify=frozenset({SUPERVISOR}),
            done=gettext_lazy("The festival was submitted for approval."),
            check=plan_problems,
        ),
        Transition(
            action=A.APPROVE,
            sources=frozenset({S.SUBMITTED}),
            target=S.SCHEDULED,
            actors=frozenset({SUPERVISOR}),
            perm="events.approve",
            refusal=gettext_lazy("Only supervising staff can approve a submitted festival."),
            notify=frozenset({PLANNER}),
            done=gettext_lazy("The festival is approved and announced publicly."),
        ),
        Transition(
            action=A.RETURN,
            sources=frozenset({S.SUBMITTED}),
            target=S.DRAFT,
            actors=frozenset({SUPERVISOR}),
            perm="events.return",
            refusal=gettext_lazy("Only supervising staff can return a submitted festival."),
            notify=frozenset({PLANNER}),
            done=gettext_lazy("The festival was returned to the commune."),
            needs_reason=True,
        ),
        Transition(
            action=A.CANCEL,
            sources=BEFORE_HELD | {S.POSTPONED},
            target=S.CANCELLED,
            actors=frozenset({PLANNER, SUPERVISOR}),
            perm="events.cancel",
            refusal=gettext_lazy("This festival cannot be cancelled now."),
            notify=frozenset({PLANNER, SUPERVISOR}),
            done=gettext_lazy("The festival was cancelled."),
            needs_reason=True,
        ),
        Transition(
            action=A.POSTPONE,
            sources=BEFORE_HELD,
            target=S.POSTPONED,
            actors=frozenset({PLANNER, SUPERVISOR}),
            perm="events.postpone",
            refusal=gettext_lazy("This festival cannot be postponed now."),
            notify=frozenset({PLANNER, SUPERVISOR}),
            done=gettext_lazy("The festival was postponed."),
            needs_reason=True,
        ),
        Transition(
            action=A.SUBMIT_REPORT,
            sources=frozenset({S.HELD}),
            target=S.REPORT_SUBMITTED,
            actors=frozenset({PLANNER}),
            perm="events.write_report",
            refusal=gettext_lazy("Only the host commune submits the report of a held festival."),
            notify=frozenset({SUPERVISOR}),
            done=gettext_lazy("The report was submitted for review."),
            check=report_problems,
            after=_report_submitted,
        ),
        Transition(
            action=A.RETURN_REPORT,
            sources=frozenset({S.REPORT_SUBMITTED}),
            target=S.HELD,
            actors=frozenset({SUPERVISOR}),
            perm="events.publish_report",
            refusal=gettext_lazy("Only supervising staff can return a submitted report."),
            notify=frozenset({PLANNER}),
            done=gettext_lazy("The report was returned to the commune."),
            needs_reason=True,
            after=_report_returned,
        ),
        Transition(
            action=A.PUBLISH,
            sources=frozenset({S.REPORT_SUBMITTED}),
            target=S.PUBLISHED,
            actors=frozenset({SUPERVISOR}),
            perm="events.publish_report",
            refusal=gettext_lazy("Only supervising staff can publish a submitted report."),
            notify=frozenset({PLANNER}),
            done=gettext_lazy("The report is published on the public site."),
            check=report_problems,
            after=_report_published,
        ),
        Transition(
            action=A.WITHDRAW,
            sources=frozenset({S.SUBMITTED}),
            target=S.DRAFT,
            actors=frozenset({PLANNER}),
            perm="events.withdraw",
            refusal=gettext_lazy(
                "Only the host commune can withdraw a submitted plan, before it is reviewed."
            ),
            notify=frozenset({SUPERVISOR}),
            done=gettext_lazy("The plan was withdrawn; it is a draft again."),
        ),
        Transition(
            action=A.UNPUBLISH,
            sources=frozenset({S.PUBLISHED}),
            target=S.REPORT_SUBMITTED,
            actors=frozenset({SUPERVISOR}),
            perm="events.unpublish",
            refusal=gettext_lazy("Only supervising staff can withdraw a published report."),
            notify=frozenset({PLANNER}),
            done=gettext_lazy(
                "The report was taken off the public site; it waits for review again."
            ),
            needs_reason=True,
            after=_report_unpublished,
        ),
    )
}

# The steps offered on the plan and on the report, by the name their buttons post.
PLAN_ACTIONS = {
    "submit": A.SUBMIT,
    "approve": A.APPROVE,
    "return": A.RETURN,
    "cancel": A.CANCEL,
    "postpone": A.POSTPONE,
    "withdraw": A.WITHDRAW,
}
REPORT_ACTIONS = {
    "submit": A.SUBMIT_REPORT,
    "return": A.RETURN_REPORT,
    "publish": A.PUBLISH,
    "unpublish": A.UNPUBLISH,
}
# The steps that change what the public sees: confirmed on a page of their own first.
CONFIRMED_ACTIONS = frozenset({A.APPROVE, A.PUBLISH, A.UNPUBLISH})
