"""Why a programme is recommended to this firm, in one or two sentences of its own answers.

The first sentence quotes the firm's weak answers in the pillar the programme addresses:
those among its `topics`, or, for a programme without matching topics, the pillar's
weakest answers not yet quoted for another programme of the pillar. The second says what
the programme does about them, by kind, and names it, so no two reasons are the same.
Neither states the programme's dates, eligibility or format, so a reason stays true when
those need checking.
For a "tick all that apply" question the quote names what was not ticked (frozen as
`missing` since issue 15), never a ticked item as the weakness.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from assessment.frozen import FrozenQuestion
from assessment.summary import answer_text, whole
from reports.recommendations.fit import FirmGaps, PillarGap
from reports.recommendations.info import ProgrammeInfo

REASON_ANSWERS = 2  # answers quoted in one reason
MISSING_NAMED = 2  # items not ticked named for one multi-select question


def reason_answers(
    programme: ProgrammeInfo, gaps: FirmGaps, pillar: PillarGap, quoted: Iterable[str]
) -> tuple[FrozenQuestion, ...]:
    """The answers a reason quotes: the programme's topics in this pillar the firm is weak
    on, else the pillar's weakest answers, preferring those no earlier programme quoted."""
    topical = gaps.topic_gaps(programme, pillar.code)
    if topical:
        return tuple(topical[:REASON_ANSWERS])
    seen = set(quoted)
    fresh = [q for q in pillar.weakest if q["code"] not in seen]
    stale = [q for q in pillar.weakest if q["code"] in seen]
    return tuple((fresh + stale)[:REASON_ANSWERS])


def quote(question: FrozenQuestion) -> str:
    """A question with the firm's answer, or what it has not ticked yet."""
    missing = [label for label in question.get("missing") or () if label]
    if question.get("type") == "multiple" and missing:
        return _("“%(question)s” (not yet: %(missing)s)") % {
            "question": question["text"],
            "missing": "; ".join(missing[:MISSING_NAMED]),
        }
    return _("“%(question)s” (you answered “%(answer)s”)") % {
        "question": question["text"],
        "answer": answer_text(question.get("answer") or {}) or "–",
    }


def reason(programme: ProgrammeInfo, pillar: PillarGap, answers: tuple[FrozenQuestion, ...]) -> str:
    values = {"pillar": pillar.name, "score": whole(pillar.score)}
    if answers:
        # Semicolons: the quoted questions may hold commas of their own.
        values["answers"] = "; ".join(quote(q) for q in answers)
        first = _("In %(pillar)s (%(score)s of 100) it addresses your answers to %(answers)s.")
    else:
        first = _("Your %(pillar)s score is %(score)s of 100.")
    return f"{first % values} {what_it_does(programme)}"


def what_it_does(programme: ProgrammeInfo) -> str:
    name = {"name": programme.name}
    if programme.kind == "training":
        return _("%(name)s teaches you and your staff the skills these answers call for.") % name
    if programme.kind == "finance":
        return _("%(name)s helps pay for the tools, services or training this gap needs.") % name
    if programme.kind == "platform":
        return _("%(name)s offers ready-made digital tools and services to close this gap.") % name
    if programme.kind == "network":
        return (
            _("%(name)s puts you in touch with buyers, partners and peers across the region.")
            % name
        )
    if programme.kind == "advisory":
        return _("%(name)s gives you expert advice on what to do first about these answers.") % name
    return _("%(name)s works on this gap.") % name
