"""Every competency question returns exactly the answer written from the text beforehand."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from gongyun.graph.competency import load_questions, run_question

QUESTIONS = load_questions()


def test_enough_questions_in_both_languages():
    assert len(QUESTIONS) >= 20
    assert all(q.question_en and q.question_zh for q in QUESTIONS)
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS)


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_competency_question(store: Store, question):
    expected, actual = run_question(store, question)
    assert actual == expected, f"{question.file}: {question.question_en}"
