"""The publish page's summary of what a new version changes."""

from __future__ import annotations

from assessment.authoring.changes import version_changes


def version(*questions, levels=(("Beginner", 0), ("Leading", 80)), weight=1):
    return {
        "levels": [{"name": n, "min_score": m} for n, m in levels],
        "pillars": [
            {
                "code": "talent",
                "name": "Digital talent",
                "weight": weight,
                "questions": list(questions),
            }
        ],
    }


def q(code, text="Text?", points=(0, 4), **extra):
    options = [{"code": f"o{i}", "label": str(p), "points": p} for i, p in enumerate(points)]
    return {"code": code, "type": "single", "text": text, "options": options, **extra}


def test_the_same_version_changes_nothing():
    assert version_changes(version(q("a")), version(q("a"))).nothing


def test_added_removed_reworded_and_rescored_questions_are_named():
    old = version(q("a"), q("b", "Old wording?"), q("c", points=(0, 4)))
    new = version(q("b", "New wording?"), q("c", points=(0, 2)), q("d", "Brand new?"), weight=2)
    found = version_changes(new, old)
    assert found.added == ["d: Brand new?"]
    assert found.removed == ["a: Text?"]
    assert found.reworded == ["b: “Old wording?” → “New wording?”"]
    assert found.scoring == ["c: option o1 points 4 → 2"]
    assert found.pillars and "weight 1 → “Digital talent”, weight 2" in found.pillars[0]
    assert not found.nothing


def test_a_first_version_has_only_new_questions():
    found = version_changes(version(q("a"), q("b")), None)
    assert found.added == ["a: Text?", "b: Text?"] and not found.removed


def test_changed_levels_are_named():
    found = version_changes(
        version(q("a"), levels=(("Beginner", 0), ("Leading", 75))), version(q("a"))
    )
    assert found.levels


def test_conditions_added_removed_and_changed_are_listed_in_words():
    exporters = {"profile": "exports", "in": ["yes", "planning"]}
    on_answer = {"question": "a", "in": ["o1"]}
    old = version(q("a", "Do you sell online?"), q("b"), q("c", show_if=exporters), q("d"))
    new = version(
        q("a", "Do you sell online?"),
        q("b", show_if=exporters),
        q("c"),
        q("d", show_if=on_answer),
    )
    new["pillars"][0]["show_if"] = {"profile": "women_led", "in": [True]}
    changes = version_changes(new, old)
    assert not changes.nothing
    assert changes.conditions == [
        "pillar talent: condition added: Asked only if the business is women-led.",
        "b: condition added: Asked only if the business exports or plans to.",
        "c: condition removed (was: Asked only if the business exports or plans to.)",
        "d: condition added: Asked only if you answered “4” to “Do you sell online?”.",
    ]
    changed = version_changes(old, version(q("a"), q("b"), q("c", show_if=on_answer), q("d")))
    assert changed.conditions == [
        "c: condition changed: “Asked only if you answered “4” to “Text?”.” → "
        "“Asked only if the business exports or plans to.”"
    ]


def test_an_unchanged_condition_is_not_listed():
    cond = {"question": "a", "not_in": ["o0"]}
    assert version_changes(
        version(q("a"), q("b", show_if=cond)), version(q("a"), q("b", show_if=cond))
    ).nothing


def test_a_renamed_question_is_compared_with_the_one_it_continues():
    found = version_changes(
        version(q("new", text="Reworded?", previous_code="old"), q("b")),
        version(q("old"), q("b")),
    )
    assert found.renamed == ["new: continues old"]
    assert (found.added, found.removed) == ([], [])
    assert found.reworded == ["new: “Text?” → “Reworded?”"]
    assert not found.nothing


def with_variants(question, *variants):
    """The question with these advice variants on its option o1."""
    question["options"][1]["advice_variants"] = [
        {"sizes": list(sizes), "sectors": list(sectors), "advice": advice}
        for sizes, sectors, advice in variants
    ]
    return question


BIG = (["medium", "large"], [], "Hire a data analyst.")
MAKER = ([], ["manufacturing"], "Sensors on the line.")


def test_unchanged_advice_variants_change_nothing():
    # The same firms listed in another order are the same variant.
    reordered = (["large", "medium"], [], "Hire a data analyst.")
    assert version_changes(
        version(with_variants(q("a"), reordered, MAKER)), version(with_variants(q("a"), BIG, MAKER))
    ).nothing


def test_advice_variants_added_and_removed_are_listed():
    found = version_changes(
        version(with_variants(q("a"), MAKER)), version(with_variants(q("a"), BIG))
    )
    assert found.advice_variants == [
        "a: option o1: variant for any size; manufacturing added: “Sensors on the line.”",
        "a: option o1: variant for medium, large; any sector removed (was: “Hire a data analyst.”)",
    ]
    assert not found.nothing


def test_advice_variants_reworded_or_for_other_firms_are_changed():
    reworded = (["medium", "large"], [], "Hire or train a data analyst.")
    found = version_changes(
        version(with_variants(q("a"), MAKER, reworded)), version(with_variants(q("a"), BIG, MAKER))
    )
    # Matched by the firms it is for, wherever it now stands in the list.
    assert found.advice_variants == [
        "a: option o1: variant for medium, large; any sector: "
        "advice “Hire a data analyst.” → “Hire or train a data analyst.”"
    ]
    retargeted = (["large"], ["trade"], "Sensors on the line.")
    found = version_changes(
        version(with_variants(q("a"), BIG, retargeted)), version(with_variants(q("a"), BIG, MAKER))
    )
    assert found.advice_variants == [
        "a: option o1: variant for any size; manufacturing: sizes any → large; "
        "sectors manufacturing → trade"
    ]


def test_advice_variants_follow_a_renamed_question_and_skip_new_options():
    found = version_changes(
        version(with_variants(q("new", previous_code="old", points=(0, 4, 6)), MAKER)),
        version(with_variants(q("old"), BIG)),
    )
    assert found.advice_variants == [
        "new: option o1: variant for any size; manufacturing added: “Sensors on the line.”",
        "new: option o1: variant for medium, large; any sector removed "
        "(was: “Hire a data analyst.”)",
    ]
    new_option = q("a", points=(0, 4, 6))
    new_option["options"][2]["advice_variants"] = [{"sizes": ["large"], "advice": "x"}]
    assert version_changes(version(new_option), version(q("a"))).advice_variants == []
