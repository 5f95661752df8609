"""An exercise described instead of named is found; ordinary messages find nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.brain import described
from bot.brain.described import DescriptionMatcher
from bot.brain.knowledge import Knowledge
from bot.brain.text import normalise
from bot.content import Content, load_content
from tests.test_content import _edit, _errors, content_copy  # noqa: F401  (fixture)

_KNOWLEDGE = load_content().knowledge
_MATCHER = DescriptionMatcher(_KNOWLEDGE)  # module level: hypothesis tests take no fixtures


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return _KNOWLEDGE


@pytest.fixture(scope="module")
def matcher() -> DescriptionMatcher:
    return _MATCHER


def _match(matcher: DescriptionMatcher, message: str) -> str | None:
    found = matcher.match(normalise(message))
    return found[0] if found else None


def test_every_exercise_is_described(knowledge: Knowledge) -> None:
    for exercise in knowledge.exercises.values():
        if exercise.kind != "activity":
            assert 2 <= len(exercise.described_as) <= 5, exercise.id


def test_every_description_finds_its_own_exercise(knowledge: Knowledge, matcher: DescriptionMatcher) -> None:
    misses = [
        (x.id, d, matcher.match(normalise(d)))
        for x in knowledge.exercises.values()
        for d in x.described_as
        if _match(matcher, d) != x.id
    ]
    assert not misses


# Written from how people describe these moves, not from the descriptions in exercises.yaml.
DESCRIBED = [
    ("that thing where you lay on ur back and lift ur bum up", "exercise.bridge"),
    ("how to do the hip lift lying on back", "exercise.bridge"),
    ("on my back lifting my hips how many reps", "exercise.bridge"),
    ("the one where your on your tummy and raise your chest but legs stay on the floor", "exercise.back_extension"),
    ("that one where you lie on your stomach with arms by ur sides and lift your upper body", "exercise.back_extension"),
    ("lying face down and lifting both arms and legs", "exercise.superman"),
    ("the one where ur on ur belly flying", "exercise.superman"),
    ("the one where u hang from a bar and pull urself up", "exercise.pull_up"),
    ("how do i do the one where you sit at the machine and pull the bar down to your chest", "exercise.lat_pulldown"),
    ("whats that one where you stand with hands behind ur head and bend forward", "exercise.good_morning"),
    ("the exercise where you hold dumbells and lift your shoulders up to your ears", "exercise.shrug"),
    ("how do i do the one on hands n knees where you arch your back like a cat", "exercise.cat_cow"),
    ("sitting on a chair lifting my knees up one at a time, how do i do it properly", "exercise.seated_march"),
    ("sitting in a chair and kicking one leg out straight", "exercise.seated_leg_lift"),
    ("the one with a band where you pull it apart in front of your chest", "exercise.band_pull_apart"),
    ("how to do the one where you put one knee on a bench and pull a dumbell up", "exercise.dumbbell_row"),
    ("stand and bend down to touch my toes", "exercise.standing_forward_bend"),
    ("how do i do that move where u pull a band tied to the door towards ur ribs", "exercise.band_row"),
    ("on a bench at the gym with feet hooked under pads and bending down and coming back up", "exercise.hyperextension"),
    ("the thing where u pick up a barbell from the floor", "exercise.deadlift"),
    ("how do i do the leg thing on the machine where you push the platform away with ur feet", "exercise.leg_press"),
    ("whats the one where you twist sitting down", "exercise.seated_twist"),
    ("sitting on the floor with a band around my feet and pulling it to my belly", "exercise.seated_row"),
    ("bent over pulling dumbbells up to my stomach", "exercise.bent_over_row"),
    ("lifting dumbbells up in front of me with elbows leading to my chest", "exercise.upright_row"),
    ("cable machine standing pulling the bar down with straight arms", "exercise.straight_arm_pulldown"),
    ("holding myself up on my elbows and toes for like 30 seconds", "exercise.plank"),
    ("planking on forearms how long do i hold", "exercise.plank"),
    ("the one where you lie on ur back and pull your knee to your chest", "exercise.knee_to_chest"),
    ("pinching shoulder blades back while sitting", "exercise.scapular_retraction"),
    ("cable with the rope, pulling it at my face", "exercise.face_pull"),
    # a second batch, measured before any tuning on it: 28/30 found (the two misses: one named
    # the exercise by its alias "roman chair", one is below as ambiguous)
    ('the exercise where ur flat on your back and squeeze ur glutes to lift your hips', "exercise.bridge"),
    ('lying down on my back raising my butt off the ground, is that right', "exercise.bridge"),
    ('whats it called when you lie on your front and raise your arms and legs', "exercise.superman"),
    ('belly down, arms and legs up like flying, how long do i hold', "exercise.superman"),
    ('the yoga one on all 4s where u round ur back up then let it dip', "exercise.cat_cow"),
    ('hands and knees, arching then rounding the spine', "exercise.cat_cow"),
    ('laying on my back and hugging my knee to my chest, how long', "exercise.knee_to_chest"),
    ('on ur back pulling one knee up to ur chest', "exercise.knee_to_chest"),
    ('that cable rope thing where u pull it towards ur face', "exercise.face_pull"),
    ('pulling the rope attachment to my face with elbows up', "exercise.face_pull"),
    ('how do i do the twist sitting in a chair', "exercise.seated_twist"),
    ('sat on a chair rotating my upper body to look behind me', "exercise.seated_twist"),
    ('the one where you hold yourself on your forearms in a push up position', "exercise.plank"),
    ('holding a push-up position on my elbows', "exercise.plank"),
    ('the one where you just squeeze your shoulder blades back', "exercise.scapular_retraction"),
    ('pinching my shoulderblades together sitting at my desk', "exercise.scapular_retraction"),
    ('hanging off a bar pulling my chin over it', "exercise.pull_up"),
    ('seated pulling the bar down from overhead on the machine', "exercise.lat_pulldown"),
    ('lifting my shoulders to my ears with dumbbells', "exercise.shrug"),
    ('hands behind my head and hinging forward at the hips', "exercise.good_morning"),
    ('standing and folding forward to reach my toes', "exercise.standing_forward_bend"),
    ('marching while sitting on a chair', "exercise.seated_march"),
    ('sitting and lifting one straight leg off the floor', "exercise.seated_leg_lift"),
    ('pulling a resistance band apart with straight arms', "exercise.band_pull_apart"),
    ('sitting in the machine pushing the weight away with my legs', "exercise.leg_press"),
    ('one knee on the bench rowing a dumbbell to my hip', "exercise.dumbbell_row"),
    ('lifting a barbell off the floor to standing', "exercise.deadlift"),
    ('lying face down with arms by my side lifting my chest off the floor', "exercise.back_extension"),
    # a third batch, measured before tuning: 19/20 found (upright row missed by a hair)
    ('sit at the cable and row the handle into my stomach', "exercise.seated_row"),
    ('the machine where you sit and pull a bar down from above ur head', "exercise.lat_pulldown"),
    ('standing rowing with a theraband tied to a post', "exercise.band_row"),
    ('rope on a high cable pulling it to my forehead', "exercise.face_pull"),
    ('stretching an elastic band apart in front of me with arms straight', "exercise.band_pull_apart"),
    ('holding weights and shrugging my shoulders', "exercise.shrug"),
    ('pulling dumbbells up to my chin with elbows high and out', "exercise.upright_row"),
    ('lifting the barbell off the ground keeping my back flat', "exercise.deadlift"),
    ('bending forward from the hips with hands on my head', "exercise.good_morning"),
    ('leaning forward and rowing dumbbells to my ribs', "exercise.bent_over_row"),
    ('holding a straight body on elbows like a pushup', "exercise.plank"),
    ('on my stomach raising both arms and both legs at once', "exercise.superman"),
    ('lying prone and lifting just my chest, arms at my sides', "exercise.back_extension"),
    ('lie on ur back knees bent push ur butt up to the ceiling', "exercise.bridge"),
    ('lying on my back, grabbing my knee and hugging it to my chest', "exercise.knee_to_chest"),
    ('in a chair lifting each knee in turn like a march', "exercise.seated_march"),
    ('seated and straightening my leg out and raising it', "exercise.seated_leg_lift"),
    ('stand and slowly fold forward letting my arms drop to the floor', "exercise.standing_forward_bend"),
    ('on all fours rounding my back up like an angry cat then letting my belly dip', "exercise.cat_cow"),
    ('twisting round in my chair to look behind me', "exercise.seated_twist"),
]


@pytest.mark.parametrize(("message", "exercise_id"), DESCRIBED, ids=[m for m, _ in DESCRIBED])
def test_described_exercise_is_found(matcher: DescriptionMatcher, message: str, exercise_id: str) -> None:
    assert _match(matcher, message) == exercise_id


# Everyday messages with the same words (lying, sitting, lifting, pulling) that describe no
# exercise: a match here would send someone an exercise they never asked about.
ORDINARY = [
    "my back hurts when i lie on it",
    "how do i sit at my desk",
    "i lift boxes at work",
    "lying in bed with back pain what helps",
    "exercises i can do sitting down",
    "pull ups or rows",
    "what muscles does the plank work",
    "it hurts to bend forward when i stand up",
    "sitting all day makes my lower back ache",
    "how should i lift heavy things without hurting my back",
    "i can't lift my legs when lying on my back",
    "my hips hurt when i sit in a chair",
    "is it ok to twist my back at the gym",
    "i pulled something in my back lifting my kid",
    "what is the best position to sleep on my back or stomach",
    "can i do exercises lying on my stomach",
    "my shoulders are tight from sitting at a computer",
    "i hurt my back picking up a heavy box from the floor",
    "is rowing good for back pain",
    "should i use the cable machine or dumbbells",
    "how long should i hold a stretch",
    "my knees hurt when i kneel on all fours",
    "how do i stand up from a chair without pain",
    "pain when i push a shopping trolley",
    "i feel it in my shoulder blades when i pull",
    "which exercises can i do with a resistance band",
    "i bend over to tie my shoes and my back twinges",
    "standing for long makes my back hurt, any tips",
    "good stretches to do at my desk chair",
    "turning my head to the left hurts since yesterday",
    "hanging from a bar good for spine decompression?",
    "i lift weights at the gym 3 times a week",
    "give me a routine with a band and dumbbells",
    # "steps" is no marching, "crawling round" is neither all fours nor a rounded back
    "i'm sitting down now, what are the next steps",
    "as an electrician i spend all day crawling round lofts lifting boxes",
    # a second batch, measured before any tuning on it (30/30 matched nothing)
    'lying on my back at night hurts, what should i do',
    'is it bad to sit in a chair all day',
    'my lower back hurts when i lift my leg',
    'lifting my arms overhead hurts my shoulder',
    'i sleep on my stomach is that bad',
    'how do i get up off the floor with back pain',
    'my kid likes me to lift him up, is that ok',
    'can i use a band instead of the cable machine',
    'turning over in bed hurts my lower back',
    'is a standing desk better than sitting',
    'what should i do before lifting weights',
    'i did pull ups yesterday and my back is sore',
    "pain in my hip when i'm on my hands and knees",
    'should i hold my breath when lifting',
    'my shoulder blades ache after a long day at work',
    'i twisted my back getting out of the car',
    'how many push ups should i do',
    'is it ok to bend forward with a herniated disc',
    'i work at a desk and sit for 8 hours',
    'can i do the bridge if my knees hurt',
    "what's the best exercise for my lats",
    'how do i warm up before the gym',
    'i stand all day as a nurse and my back aches',
    'hugging my kids hurts my back lol',
    'pulling weeds in the garden hurt my back',
    'sitting cross legged on the floor is uncomfortable',
    'can i do exercises lying in bed',
    'my doctor said to strengthen my core, where do i start',
    'what can i do with dumbbells at home',
    'i pushed a heavy couch and now my back hurts',
    # a third batch, measured before tuning: 14/15 matched nothing (neck read as head)
    'how many reps of rows should i do',
    'i feel pain in my chest when i lift weights',
    'my stomach hurts when i lie on my back',
    'can i do a plank on my knees',
    'what exercises use a cable machine',
    'is it safe to hold weights over my head',
    'my back is stiff when i get up from sitting',
    'what should i feel when doing a bridge',
    'is it normal for my knees to click when i squat',
    'can i twist while lifting weights',
    'my arms and legs feel heavy and tired',
    "what's a good stretch for tight hips",
    'i sit on an exercise ball at work instead of a chair',
    'how do i breathe while holding a plank',
    'my neck hurts after pull ups on the bar',
]


@pytest.mark.parametrize("message", ORDINARY)
def test_ordinary_message_matches_nothing(matcher: DescriptionMatcher, message: str) -> None:
    assert matcher.match(normalise(message)) is None


def test_score_is_between_0_and_1(matcher: DescriptionMatcher) -> None:
    found = matcher.match(normalise("lying on my back pushing my hips up"))
    assert found is not None and 0.0 < found[1] <= 1.0


def test_two_exercises_that_fit_equally_give_none(matcher: DescriptionMatcher) -> None:
    # lying face down and lifting: the superman and the back extension both do that
    assert matcher.match(normalise("lying on my stomach and lifting up")) is None
    # an anchored band pulled towards you: a band row, or a face pull with a band
    assert matcher.match(normalise("pulling a band attached to the door towards me")) is None


def test_content_without_descriptions_matches_nothing(knowledge: Knowledge) -> None:
    from dataclasses import replace

    bare = replace(knowledge, exercises={k: replace(x, described_as=()) for k, x in knowledge.exercises.items()})
    assert DescriptionMatcher(bare).match(normalise("lying on my back pushing my hips up")) is None


def test_empty_description_is_named_with_file_entry_and_field(content_copy: Path) -> None:  # noqa: F811
    _edit(content_copy / "knowledge" / "exercises.yaml", lambda d: d["exercises"][2].__setitem__("described_as", ["lying down", "  "]))
    errors = _errors(content_copy)
    assert any(
        e.startswith("knowledge/exercises.yaml: exercises[2] (exercise.") and ".described_as[1]: must be a non-empty string" in e
        for e in errors
    ), errors


def test_described_as_must_be_a_list(content_copy: Path) -> None:  # noqa: F811
    _edit(content_copy / "knowledge" / "exercises.yaml", lambda d: d["exercises"][0].__setitem__("described_as", "standing"))
    errors = _errors(content_copy)
    assert any("exercises[0] (exercise." in e and ".described_as: must be a list of strings" in e for e in errors), errors


def test_one_description_under_two_exercises_is_an_error(content_copy: Path) -> None:  # noqa: F811
    def share(d: dict) -> None:
        d["exercises"][1]["described_as"].append(d["exercises"][0]["described_as"][0].upper())

    _edit(content_copy / "knowledge" / "exercises.yaml", share)
    errors = _errors(content_copy)
    assert any("exercises[1] (exercise." in e and ".described_as[" in e and "also describes exercise." in e for e in errors), errors


def test_described_as_is_optional(content: Content) -> None:
    # activities carry none, and load with an empty tuple
    assert content.knowledge.exercises["activity.swimming"].described_as == ()


_WORDS = [  # words the descriptions use, to reach the scoring often
    "lying", "on", "my", "back", "lifting", "hips", "knee", "chest", "pull", "bar", "down",
    "sitting", "chair", "twist", "squeeze", "shoulder", "blades", "band", "apart", "all",
    "fours", "arch", "belly", "arms", "legs", "hold", "forearms", "push", "up", "the", "one",
    "where"
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=8), max_size=12))
def test_any_text_gives_none_or_a_known_exercise_with_a_score(words: list[str]) -> None:
    found = _MATCHER.match(normalise(" ".join(words)))
    assert found is None or (found[0] in _KNOWLEDGE.exercises and 0.0 < found[1] <= 1.0)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["lying", "on my back", "sitting", "chair", "all fours", "belly", "bar", "cable", "knee", "hips", "floor"]), max_size=6))
def test_without_a_movement_nothing_is_described(words: list[str]) -> None:
    # a position alone ("lying on my back on the floor") says how, never what
    assert _MATCHER.match(normalise(" ".join(words))) is None


def test_words_remembered_are_bounded(knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(described, "_MAX_REMEMBERED", 10)
    matcher = DescriptionMatcher(knowledge)
    matcher.match(normalise(" ".join(f"word{i}" for i in range(50)) + " lying on my back lifting my hips"))
    assert len(matcher._seen) <= 10
    # still right once the memory is full
    assert _match(matcher, "lying on my back lifting my hips up") == "exercise.bridge"
