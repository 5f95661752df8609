"""The real content is valid and covers the seed article; broken content is reported precisely."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from bot.brain.knowledge import ContentError
from bot.cli import main
from bot.content import Content, default_root, load_content

ARTICLE = default_root().parent / "shared" / "seed" / "back-pain-article.txt"

# Everything the seed article names, as it names it, and the entry that must hold it.
ARTICLE_NAMES = {
    "latissimus dorsi": "muscle.latissimus_dorsi",
    "lats": "muscle.latissimus_dorsi",
    "trapezius": "muscle.trapezius",
    "traps": "muscle.trapezius",
    "rhomboids": "muscle.rhomboids",
    "erectorspinae": "muscle.erector_spinae",
    "teres major": "muscle.teres_major",
    "posterior deltoid": "muscle.posterior_deltoid",
    "good morning": "exercise.good_morning",
    "knee-to-chest stretch": "exercise.knee_to_chest",
    "superman": "exercise.superman",
    "lat pulldown": "exercise.lat_pulldown",
    "band pull apart": "exercise.band_pull_apart",
    "back extension": "exercise.back_extension",
    "deadlifts": "exercise.deadlift",
    "seated row": "exercise.seated_row",
    "plank": "exercise.plank",
    "bridge": "exercise.bridge",
    "hyperextensions": "exercise.hyperextension",
    "pull-ups": "exercise.pull_up",
    "shrugs": "exercise.shrug",
    "upright rows": "exercise.upright_row",
    "face pulls": "exercise.face_pull",
    "rows": "exercise.bent_over_row",
    "dumbbell rows": "exercise.dumbbell_row",
    "scapular retraction": "exercise.scapular_retraction",
    "straight-arm pulldowns": "exercise.straight_arm_pulldown",
    "leg press": "exercise.leg_press",
    "cat-cow": "exercise.cat_cow",
    "seated twist": "exercise.seated_twist",
    "standing forward bend": "exercise.standing_forward_bend",
    "seated marches": "exercise.seated_march",
    "seated leg lifts": "exercise.seated_leg_lift",
    "swimming": "activity.swimming",
    "yoga": "activity.yoga",
    "pilates": "activity.pilates",
}
ARTICLE_FAQS = {
    "What are the best exercises for upper back pain?": "faq.upper_back_pain",
    "Which gym equipment is helpful for lower back strength?": "faq.gym_equipment_lower_back",
    "How can you use cables for back exercises?": "faq.cables",
    "What exercises help with overall back pain?": "faq.overall_back_pain",
    "What are effective back exercises for seniors?": "faq.seniors",
    "What is an ideal back workout routine?": "faq.ideal_routine",
}


def test_real_content_is_valid(content: Content) -> None:
    assert len(content.knowledge.exercises) >= 29
    assert {i.name for i in content.intents} >= {
        "greeting", "help", "thanks", "exercise_howto", "exercise_muscles", "muscle_info",
        "exercises_for", "faq", "warmup", "routine", "reminder_set", "reminder_list",
        "reminder_cancel", "red_flag", "out_of_scope",
    }


def test_every_intent_has_enough_examples(content: Content) -> None:
    for intent in content.intents:
        assert len(intent.examples) >= 15, intent.name


@pytest.mark.parametrize(("name", "entry_id"), sorted(ARTICLE_NAMES.items()))
def test_article_name_resolves_to_its_entry(brain, name: str, entry_id: str) -> None:
    mentions = brain.entities.find(brain.entities.correct(name))
    assert [m.id for m in mentions][:1] == [entry_id]


def test_article_names_really_are_in_the_article() -> None:
    if not ARTICLE.exists():
        pytest.skip("seed article not beside the repository")
    article = ARTICLE.read_text(encoding="utf-8").lower()
    for name in ARTICLE_NAMES:
        assert name.lower() in article, name


@pytest.mark.parametrize(("question", "entry_id"), sorted(ARTICLE_FAQS.items()))
def test_every_article_faq_is_answered_from_its_entry(ask, content: Content, question: str, entry_id: str) -> None:
    assert entry_id in content.knowledge.topics
    reply = ask(question)
    assert reply.sources[:1] == (entry_id,)


def test_content_beyond_the_article_says_where_it_comes_from(content: Content) -> None:
    article_described = {
        "exercise.good_morning", "exercise.knee_to_chest", "exercise.superman", "exercise.lat_pulldown",
        "exercise.band_pull_apart", "exercise.back_extension", "exercise.deadlift", "exercise.seated_row",
        "exercise.plank", "exercise.bridge",
    }
    for x in content.knowledge.exercises.values():
        if x.id in article_described:
            assert x.source == "article", x.id
        else:  # the article only names it: its how-to was added, and says on what basis
            basis = x.source if x.source.startswith("added:") else x.added_source
            assert basis.startswith("added:"), x.id
            assert len(basis) > len("added: ") + 10, f"{x.id}: state the basis"


def test_general_guidance_and_warmup_are_present(content: Content) -> None:
    topics = content.knowledge.topics
    guidance = topics["topic.general_guidance"].answer.lower()
    for fact in ("3-5", "2-3", "week"):
        assert fact in guidance
    assert set(topics["topic.warmup"].exercises) == {"exercise.good_morning", "exercise.knee_to_chest"}


# -- broken content: every problem is named by file, entry and field ------------------------


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    for folder in ("knowledge", "intents"):
        shutil.copytree(default_root() / folder, tmp_path / folder)
    return tmp_path


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _errors(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return caught.value.errors


def test_unknown_muscle_is_named_with_file_entry_and_field(content_copy: Path) -> None:
    _edit(content_copy / "knowledge" / "exercises.yaml", lambda d: d["exercises"][2]["muscles"].__setitem__(0, "muscle.lat"))
    errors = _errors(content_copy)
    assert any(
        re.match(r"knowledge/exercises\.yaml: exercises\[2\] \(exercise\.\w+\)\.muscles\[0\]: unknown muscle 'muscle\.lat'", e)
        for e in errors
    ), errors


def test_every_problem_is_listed_not_just_the_first(content_copy: Path) -> None:
    def break_two(d: dict) -> None:
        del d["exercises"][0]["steps"]
        d["exercises"][1]["equipment"] = "kettlebell"

    _edit(content_copy / "knowledge" / "exercises.yaml", break_two)
    errors = _errors(content_copy)
    assert any(".steps: missing" in e for e in errors), errors
    assert any(".equipment: unknown value 'kettlebell'" in e and "none, band, dumbbells, gym" in e for e in errors), errors


def test_duplicate_id_names_both_places(content_copy: Path) -> None:
    def duplicate(d: dict) -> None:
        d["faqs"][1]["id"] = d["faqs"][0]["id"]

    _edit(content_copy / "knowledge" / "faq.yaml", duplicate)
    errors = _errors(content_copy)
    assert any("faqs[1]" in e and "duplicate id" in e and "faqs[0]" in e for e in errors), errors


def test_empty_field_and_bad_source_are_errors(content_copy: Path) -> None:
    def blank(d: dict) -> None:
        d["muscles"][0]["function"] = "  "
        d["muscles"][1]["source"] = "my blog"

    _edit(content_copy / "knowledge" / "muscles.yaml", blank)
    errors = _errors(content_copy)
    assert any("muscles[0]" in e and ".function: must be a non-empty string" in e for e in errors), errors
    assert any("muscles[1]" in e and ".source:" in e for e in errors), errors


def test_yaml_syntax_error_names_file_and_line(content_copy: Path) -> None:
    path = content_copy / "knowledge" / "areas.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [unclosed\n", encoding="utf-8")
    errors = _errors(content_copy)
    assert any(e.startswith("knowledge/areas.yaml: line ") and "invalid YAML" in e for e in errors), errors


def test_phrase_under_two_intents_is_an_error(content_copy: Path) -> None:
    greeting = yaml.safe_load((content_copy / "intents" / "greeting.yaml").read_text(encoding="utf-8"))
    _edit(content_copy / "intents" / "thanks.yaml", lambda d: d["examples"].append(greeting["examples"][0].upper() + "!"))
    errors = _errors(content_copy)
    assert any(e.startswith("intents/thanks.yaml: intent.examples[") and "also an example of 'greeting'" in e for e in errors), errors


def test_check_command_exits_1_and_lists_problems(content_copy: Path, capsys) -> None:
    _edit(content_copy / "knowledge" / "exercises.yaml", lambda d: d["exercises"][0]["substitutes"].append("exercise.nope"))
    assert main(["check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert "unknown exercise 'exercise.nope'" in err and "knowledge/exercises.yaml" in err


def test_check_command_passes_on_real_content(capsys) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("OK:")


def test_topic_pain_place_is_checked_and_owned_once(content_copy: Path) -> None:
    def two_for_upper(d: dict) -> None:
        d["faqs"][1]["pain"] = "upper"  # faqs[0] already answers upper back pain
        d["faqs"][2]["pain"] = "neck"

    _edit(content_copy / "knowledge" / "faq.yaml", two_for_upper)
    errors = _errors(content_copy)
    assert any("faqs[1]" in e and ".pain: 'upper' pain is already answered by 'faq.upper_back_pain'" in e for e in errors), errors
    assert any("faqs[2]" in e and ".pain: unknown value 'neck'" in e for e in errors), errors


def test_topic_equipment_is_from_the_equipment_list(content_copy: Path) -> None:
    _edit(content_copy / "knowledge" / "faq.yaml", lambda d: d["faqs"][0].__setitem__("equipment", "kettlebell"))
    errors = _errors(content_copy)
    assert any("faqs[0]" in e and ".equipment: unknown value 'kettlebell'" in e for e in errors), errors


def test_english_word_list_is_packaged_and_leaves_out_proper_nouns() -> None:
    from bot.content import english_words

    words = english_words()
    assert len(words) > 50_000
    assert {"later", "theres", "bride"} <= words
    assert not any(w[0].isupper() or "'" in w for w in words)


def test_exercise_positions_are_checked(content_copy: Path) -> None:
    _edit(content_copy / "knowledge" / "exercises.yaml", lambda d: d["exercises"][0].__setitem__("positions", ["upside down"]))
    errors = _errors(content_copy)
    assert any("exercises[0]" in e and ".positions[0]: unknown value 'upside down'" in e for e in errors), errors


def test_safety_examples_name_file_entry_and_field(content_copy: Path) -> None:
    path = content_copy / "knowledge" / "safety_examples" / "probe_1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[3]["tier"] = "serious"
    data[5]["text"] = ""
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    errors = _errors(content_copy)
    assert "knowledge/safety_examples/probe_1.yaml: [3].tier: unknown value 'serious'; expected one of none, emergency, urgent" in errors
    assert "knowledge/safety_examples/probe_1.yaml: [5].text: must be a non-empty string" in errors


def test_without_safety_examples_only_the_rules_raise_red_flags(content_copy: Path) -> None:
    from bot.content import build_brain

    shutil.rmtree(content_copy / "knowledge" / "safety_examples")
    brain = build_brain(load_content(content_copy))
    assert brain.red_flags is None
    assert "red_flags.features.params" not in brain.state()


def test_a_threshold_out_of_range_is_named(content_copy: Path) -> None:
    _edit(content_copy / "intents" / "thresholds.yaml", lambda d: d.__setitem__("red_flag_model_gate", 1.5))
    errors = _errors(content_copy)
    assert any("red_flag_model_gate" in e and "between 0 and 1" in e for e in errors), errors


def test_the_red_flag_model_is_asked_only_past_the_classifiers_gate(brain, monkeypatch) -> None:
    """The model costs a second vectorisation: a plain how-to is ruled out by the intent
    classifier and never reaches it, a message worded like a sign does."""
    from bot.brain.model import Turn
    from tests.conftest import TODAY

    asked: list[str] = []
    assess = brain.red_flags.assess
    monkeypatch.setattr(brain.red_flags, "assess", lambda text: asked.append(text) or assess(text))
    brain.reply(Turn("what muscles does the lat pulldown work", "t", TODAY))
    assert asked == []
    brain.reply(Turn("my back pain has not improved after 6 weeks and keeps getting worse", "t", TODAY))
    assert len(asked) == 1
