"""The self-check's decision logic, tested without HTTP: every path through the questions."""

import itertools
from urllib.parse import parse_qsl

import pytest

from guidance import selfcheck as sc


def all_paths():
    """Every sequence of answers a reader can give, each ending in an outcome."""
    finished = []
    stack = [{}]
    while stack:
        answers = stack.pop()
        key = sc.next_step(answers)
        if key in sc.OUTCOME_KEYS:
            finished.append((answers, key))
            continue
        for value in sc.QUESTIONS[key].choices:
            stack.append({**answers, key: value})
    return finished


PATHS = all_paths()
PATH_IDS = ["-".join(answers.values()) for answers, _outcome in PATHS]


def expected_outcome(answers: dict) -> str:
    """§ 196 in plain words, stated independently of the loop in selfcheck.next_step."""
    ruled_out = (
        answers.get("offence") == "no"
        or answers.get("under16") == "no"
        or answers.get("likely") == "no"
        or answers.get("avertable") == "no"
    )
    if ruled_out:
        return sc.NOT_APPLY
    clear = (
        answers.get("offence") in ("listed", "close")
        and answers.get("under16", "yes") == "yes"
        and answers.get("likely") == "yes"
        and answers.get("avertable") == "yes"
        and answers.get("risk") == "no"
    )
    return sc.DUTY if clear else sc.MAY


def test_there_are_62_distinct_paths_and_every_outcome_is_reachable():
    # offence "no" (1) + listed/unsure (2 x 15) + §§ 312/314 with under16 no (1) or yes/unsure
    # (2 x 15): a change to the questions shows up here first.
    assert len(PATHS) == 62
    assert {outcome for _answers, outcome in PATHS} == set(sc.OUTCOME_KEYS)


@pytest.mark.parametrize(("answers", "outcome"), PATHS, ids=PATH_IDS)
def test_every_path_ends_in_the_outcome_the_law_gives(answers, outcome):
    assert outcome == expected_outcome(answers)


@pytest.mark.parametrize(("answers", "outcome"), PATHS, ids=PATH_IDS)
def test_every_path_reads_back_from_its_query_string(answers, outcome):
    step = sc.step_from_query(dict(answers, asked=list(answers)[-1]))
    assert (step.kind, step.key, step.answers, step.error) == (sc.OUTCOME, outcome, answers, None)


@pytest.mark.parametrize(("answers", "outcome"), PATHS, ids=PATH_IDS)
def test_every_question_after_a_valid_answer_is_asked_without_an_error(answers, outcome):
    # What the form of each question sends: the answers so far and ``asked`` naming the
    # question just answered. The next question is a fresh one, never "could not read".
    keys = list(answers)
    for position in range(1, len(keys)):
        given = {key: answers[key] for key in keys[:position]}
        step = sc.step_from_query(dict(given, asked=keys[position - 1]))
        assert (step.kind, step.key, step.error) == (sc.QUESTION, keys[position], None), given


def test_a_clear_yes_to_everything_except_danger_means_a_duty():
    answers = {"offence": "listed", "likely": "yes", "avertable": "yes", "risk": "no"}
    assert sc.next_step(answers) == sc.DUTY


def test_the_under_16_question_is_asked_only_for_sections_312_and_314():
    for answers, _outcome in PATHS:
        assert ("under16" in answers) == (answers["offence"] == "close")
    assert sc.next_step({"offence": "close"}) == "under16"
    assert sc.next_step({"offence": "listed"}) == "likely"


def test_incest_with_a_victim_of_16_or_over_is_outside_the_duty():
    assert sc.next_step({"offence": "close", "under16": "no"}) == sc.NOT_APPLY


def test_a_no_ends_the_check_at_once():
    assert sc.next_step({"offence": "no"}) == sc.NOT_APPLY
    assert sc.next_step({"offence": "listed", "likely": "no"}) == sc.NOT_APPLY
    assert sc.next_step({"offence": "listed", "likely": "yes", "avertable": "no"}) == sc.NOT_APPLY


def test_danger_to_you_or_your_closest_leads_to_advice_not_to_no_duty():
    answers = {"offence": "listed", "likely": "yes", "avertable": "yes", "risk": "yes"}
    assert sc.next_step(answers) == sc.MAY


def test_no_path_asks_more_than_five_questions_or_any_question_twice():
    for answers, _outcome in PATHS:
        assert len(answers) <= 5
        assert list(answers) == [k for k in sc.QUESTION_KEYS if k in answers]


# --- Reading the query string: fresh visits, missing, invalid and tampered answers --------


def test_no_query_is_the_start_page():
    assert sc.step_from_query({}).kind == sc.START


def test_the_start_link_shows_the_first_question_without_an_error():
    step = sc.step_from_query({"start": ""})
    assert (step.kind, step.key, step.error) == (sc.QUESTION, "offence", None)


def test_sending_a_question_without_an_answer_asks_it_again_with_an_error():
    step = sc.step_from_query({"offence": "listed", "asked": "likely"})
    assert (step.kind, step.key, step.error) == (sc.QUESTION, "likely", sc.MISSING)
    assert step.answers == {"offence": "listed"}
    assert step.error_message


@pytest.mark.parametrize(
    "value", ["maybe", "YES", "<script>alert(1)</script>", "yes ", "1", "x" * 5000, "nei"]
)
def test_an_answer_that_is_not_a_choice_asks_the_question_again(value):
    step = sc.step_from_query({"offence": "listed", "likely": value, "asked": "likely"})
    assert (step.kind, step.key, step.error) == (sc.QUESTION, "likely", sc.INVALID)
    assert step.answers == {"offence": "listed"}


def test_a_tampered_earlier_answer_sends_the_reader_back_to_that_question():
    query = {"offence": "hacked", "likely": "yes", "avertable": "yes", "asked": "avertable"}
    step = sc.step_from_query(query)
    assert (step.kind, step.key, step.error) == (sc.QUESTION, "offence", sc.INVALID)
    assert step.answers == {}


def test_a_missing_earlier_answer_is_treated_as_tampering():
    step = sc.step_from_query({"likely": "yes", "avertable": "yes", "asked": "risk"})
    assert (step.kind, step.key, step.error) == (sc.QUESTION, "offence", sc.INVALID)


def test_answers_to_questions_not_on_the_path_are_dropped():
    query = {"offence": "listed", "under16": "no", "asked": "offence"}
    step = sc.step_from_query(query)
    assert (step.kind, step.key) == (sc.QUESTION, "likely")
    assert step.answers == {"offence": "listed"}
    assert sc.hidden_fields(step.answers) == [("offence", "listed")]


def test_unknown_parameters_change_nothing():
    plain = sc.step_from_query({"offence": "listed", "asked": "offence"})
    noisy = sc.step_from_query({"offence": "listed", "asked": "offence", "utm": "x", "a": "b"})
    assert plain == noisy


@pytest.mark.parametrize("asked", ["", "offence", "risk", "nonsense"])
@pytest.mark.parametrize("offence", ["", "listed", "no", "bogus"])
def test_any_combination_of_parameters_gives_a_step_never_an_exception(asked, offence):
    for likely, risk in itertools.product(["", "yes", "bogus"], repeat=2):
        query = {"offence": offence, "likely": likely, "risk": risk, "asked": asked}
        step = sc.step_from_query({k: v for k, v in query.items() if v})
        assert step.kind in (sc.START, sc.QUESTION, sc.OUTCOME)


# --- Back links -------------------------------------------------------------------------


def test_back_from_the_first_question_is_the_start_page():
    assert sc.back_query(sc.step_from_query({"start": ""})) == ""


def read_back(query: str) -> sc.Step:
    """The step a Back link's query string leads to."""
    return sc.step_from_query(dict(parse_qsl(query.removeprefix("?"), keep_blank_values=True)))


def test_back_from_the_second_question_is_the_first_with_its_answer_chosen():
    step = sc.step_from_query({"offence": "listed", "asked": "offence"})
    back = sc.back_query(step)
    assert back == "?offence=listed&change=offence"
    previous = read_back(back)
    assert (previous.kind, previous.key, previous.chosen) == (sc.QUESTION, "offence", "listed")
    assert previous.answers == {}
    assert sc.back_query(previous) == ""  # and from there, the start page


def test_back_from_an_outcome_asks_the_last_question_again_with_the_answer_chosen():
    answers = {"offence": "listed", "likely": "yes", "avertable": "yes", "risk": "no"}
    outcome = sc.step_from_query(answers)
    back = sc.back_query(outcome)
    assert back == "?offence=listed&likely=yes&avertable=yes&risk=no&change=risk"
    previous = read_back(back)
    assert (previous.kind, previous.key, previous.error) == (sc.QUESTION, "risk", None)
    assert previous.chosen == "no"
    assert previous.answers == {"offence": "listed", "likely": "yes", "avertable": "yes"}


@pytest.mark.parametrize(("answers", "outcome"), PATHS, ids=PATH_IDS)
def test_back_step_by_step_visits_every_question_asked_with_its_answer(answers, outcome):
    step = sc.step_from_query(answers)
    seen = []
    while (query := sc.back_query(step)) != "":
        step = read_back(query)
        assert step.kind == sc.QUESTION and step.error is None
        seen.append((step.key, step.chosen))
        # The answers before it are kept, exactly as given.
        earlier = list(answers)[: list(answers).index(step.key)]
        assert step.answers == {key: answers[key] for key in earlier}
    assert seen == list(reversed(answers.items()))


def test_changing_an_answer_after_going_back_forgets_the_later_ones():
    back = read_back("?offence=listed&likely=yes&avertable=no&change=likely")
    assert (back.key, back.chosen, back.answers) == ("likely", "yes", {"offence": "listed"})
    # The form sends the earlier answers, the new choice and "asked"; never "change".
    resent = {**dict(sc.hidden_fields(back.answers)), "likely": "unsure", "asked": "likely"}
    assert sc.step_from_query(resent).key == "avertable"


@pytest.mark.parametrize(
    "query",
    [
        {"offence": "listed", "change": "likely"},  # nothing to change: ask it, nothing chosen
        {"offence": "listed", "change": "<b>"},
        {"offence": "listed", "likely": "yes", "change": "offence", "asked": "likely"},
    ],
)
def test_odd_change_values_never_raise(query):
    step = sc.step_from_query(query)
    assert step.kind == sc.QUESTION
    assert step.chosen in ("", *sc.QUESTIONS[step.key].choices)
