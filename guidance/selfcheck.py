"""The decision logic of the self-check "Do I have a duty to avert?" (straffeloven § 196).

Plain functions, no HTTP and no database, so every path can be tested directly. The page
(``guidance.models.SelfCheckPage``) holds the texts editors write and translate; this module
decides which question comes next and which outcome applies.

The questions, in the order asked:

1. ``offence``   Is it one of the offences § 196 lists? (§§ 312/314 are a separate answer)
2. ``under16``   Only for §§ 312 and 314: is the person under 16?
3. ``likely``    Is it certain or most likely that it has happened or will happen?
4. ``avertable`` Can the act or its consequences still be averted?
5. ``risk``      Would averting expose you, your closest or an innocent person to a charge
                 or to danger?

A "no" that rules the duty out ends the check at once with ``not_apply``. Otherwise, any
"I don't know", or a "yes" to the risk question (the exemption may apply, but a safe way such
as calling the police often remains), leads to ``may``; five clear answers lead to ``duty``.

Answers travel in the query string only: ``?offence=listed&likely=yes&asked=likely``, where
``asked`` names the question whose form was sent (so that an empty answer can be told apart
from a fresh visit). The "Back" link keeps every answer and adds ``change=likely``: that
question is asked again with the reader's answer already chosen, and the answers before it
stay as they were. Unknown or tampered values never raise: they send the reader back to the
question with an error.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from plikt.i18n import ui

START = "start"
QUESTION = "question"
OUTCOME = "outcome"

DUTY = "duty"
MAY = "may"
NOT_APPLY = "not_apply"
OUTCOME_KEYS = (DUTY, MAY, NOT_APPLY)

YES, NO, UNSURE = "yes", "no", "unsure"
LISTED, CLOSE = "listed", "close"  # answers to "offence": another listed section / §§ 312, 314

MISSING = "missing"  # the form was sent without an answer
INVALID = "invalid"  # the answer is not one of the choices, or an earlier one is missing

ASKED_PARAM = "asked"
CHANGE_PARAM = "change"  # ask this answered question again, its answer chosen (the Back link)
START_QUERY = "?start"

LABELS = {
    YES: _("Yes"),
    LISTED: _("Yes"),
    CLOSE: None,  # the page's editable "offence_close_label"
    NO: _("No"),
    UNSURE: _("I don't know"),
}

ERRORS = {
    MISSING: _("Choose an answer to continue."),
    INVALID: _("We could not read that answer. Choose an answer again."),
}


@dataclass(frozen=True)
class Question:
    key: str
    choices: tuple[str, ...]
    rules_out: frozenset = frozenset({NO})  # answers that mean the duty does not apply
    doubtful: frozenset = frozenset({UNSURE})  # answers that leave it uncertain
    only_if: tuple[str, str] | None = None  # (question, answer) this question depends on

    def applies(self, answers: Mapping[str, str]) -> bool:
        if self.only_if is None:
            return True
        key, value = self.only_if
        return answers.get(key) == value


QUESTIONS = {
    q.key: q
    for q in (
        Question("offence", (LISTED, CLOSE, NO, UNSURE)),
        Question("under16", (YES, NO, UNSURE), only_if=("offence", CLOSE)),
        Question("likely", (YES, NO, UNSURE)),
        Question("avertable", (YES, NO, UNSURE)),
        # A "yes" here may bring in the exemption, but a safe way to avert often remains.
        Question(
            "risk", (YES, NO, UNSURE), rules_out=frozenset(), doubtful=frozenset({YES, UNSURE})
        ),
    )
}
QUESTION_KEYS = tuple(QUESTIONS)


@dataclass(frozen=True)
class Step:
    """What to show: the start page, a question (maybe with an error) or an outcome."""

    kind: str
    key: str = ""
    answers: dict = field(default_factory=dict)  # valid answers given before this step
    error: str | None = None
    chosen: str = ""  # the answer to show as chosen when going back to a question

    @property
    def error_message(self):
        return ui.text(ERRORS.get(self.error, ""))


def next_step(answers: Mapping[str, str]) -> str:
    """The key of the next question to ask, or of the outcome, from valid answers so far."""
    doubtful = False
    for key, question in QUESTIONS.items():
        if not question.applies(answers):
            continue
        if key not in answers:
            return key
        value = answers[key]
        if value in question.rules_out:
            return NOT_APPLY
        if value in question.doubtful:
            doubtful = True
    return MAY if doubtful else DUTY


def step_from_query(query: Mapping[str, str]) -> Step:
    """Read the answers in a query string and decide what to show. Never raises."""
    if not query:
        return Step(START)
    asked = query.get(ASKED_PARAM) or ""
    answers: dict[str, str] = {}
    while True:
        key = next_step(answers)
        if key in OUTCOME_KEYS:
            return Step(OUTCOME, key, answers)
        value = query.get(key) or ""
        if not value:
            return Step(QUESTION, key, answers, _unanswered_error(key, asked, answers))
        if value not in QUESTIONS[key].choices:
            return Step(QUESTION, key, answers, INVALID)
        if key == query.get(CHANGE_PARAM):
            return Step(QUESTION, key, answers, chosen=value)
        answers[key] = value


def _unanswered_error(key: str, asked: str, answers: Mapping[str, str]) -> str | None:
    """Why question ``key`` has no answer, given the question whose form was sent.

    The form of the question just answered sends ``asked=<that question>``, so the next
    question arrives with ``asked`` naming an answered one: a fresh question, no error. Only
    this question's own form sent empty is a missing answer; an ``asked`` that is neither
    (a later question while an earlier answer is gone, or no question at all) was tampered.
    """
    if not asked or asked in answers:
        return None
    return MISSING if asked == key else INVALID


def choices_for(key: str) -> list[dict]:
    return [
        {
            "value": value,
            "label": ui.text(LABELS[value]),  # a Text: the template marks its language
            "field": "offence_close_label" if value == CLOSE else "",
            "id": f"answer-{key}-{value}",
        }
        for value in QUESTIONS[key].choices
    ]


def hidden_fields(answers: Mapping[str, str]) -> list[tuple[str, str]]:
    """Earlier answers, carried by the next form as hidden inputs."""
    return list(answers.items())


def back_query(step: Step) -> str:
    """The query string of the previous step: the last question answered, asked again with
    that answer chosen and every answer before it kept."""
    if not step.answers:
        return ""  # the first question: back to the start page
    last = list(step.answers)[-1]
    return "?" + urlencode([*step.answers.items(), (CHANGE_PARAM, last)])


def query_for(answers: Mapping[str, str], asked: str = "") -> str:
    """The query string that shows the step after ``answers`` (used by tests and links)."""
    pairs = list(answers.items())
    if asked:
        pairs.append((ASKED_PARAM, asked))
    return "?" + urlencode(pairs) if pairs else START_QUERY
