"""Brain.reply behaviour: answers from knowledge, caveat once, safety first, honest when unsure."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from bot.brain.entities import delexicalise
from bot.brain.model import SetReminder, Turn
from bot.brain.text import normalise
from tests.conftest import TODAY

EXERCISE_WORDS = ("superman", "plank", "bridge", "pulldown", "deadlift", "row", "stretch", "extension")


def _caveat(brain) -> str:
    return brain.knowledge.texts["caveat"]


def test_typo_in_exercise_name_still_finds_the_superman(ask, brain) -> None:
    reply = ask("how do i do a supermn?")
    assert reply.intent == "exercise_howto"
    assert reply.sources[0] == "exercise.superman"
    assert "Superman" in reply.text
    assert reply.text.count(_caveat(brain)) == 1 and reply.text.endswith(_caveat(brain))


@pytest.mark.parametrize(
    ("message", "intent", "source"),
    [
        ("what helps upper back pain?", "faq", ("faq.upper_back_pain", "area.upper_back")),
        ("what helps lower back pain?", "faq", ("topic.lower_back_pain", "area.lower_back")),
        ("exercises for my traps, I only have a band", "exercises_for", ("muscle.trapezius",)),
        ("what muscles does the lat pulldown work", "exercise_muscles", ("exercise.lat_pulldown",)),
        ("where are the rhomboids", "muscle_info", ("muscle.rhomboids",)),
        ("how should i warm up before back exercises", "warmup", ("topic.warmup",)),
        ("glute bridge", "exercise_howto", ("exercise.bridge",)),
    ],
    ids=["faq-upper-back", "faq-lower-back", "traps-band", "pulldown-muscles", "rhomboids", "warmup", "fragment"],
)
def test_knowledge_questions_are_answered_from_the_right_entry(ask, message, intent, source) -> None:
    reply = ask(message)
    assert reply.intent == intent
    assert reply.sources[0] in source
    assert 0.0 < reply.confidence <= 1.0


def test_band_only_user_gets_no_machine_exercises(ask, brain) -> None:
    reply = ask("exercises for my traps, I only have a band")
    for entry_id in reply.sources[1:]:
        assert brain.knowledge.exercises[entry_id].equipment in ("none", "band"), entry_id


def test_emergency_red_flag_gets_urgent_care_and_no_exercise(ask, brain) -> None:
    reply = ask("my back hurts and i cant feel my groin and cant pee since this morning, is the superman ok?")
    assert reply.intent == "red_flag" and reply.tier == "emergency"
    assert not any(s.startswith(("exercise.", "activity.")) for s in reply.sources)
    lowered = reply.text.lower()
    assert "emergency" in lowered
    assert not any(name.lower() in lowered for name in (x.name for x in brain.knowledge.exercises.values()))


def test_negated_symptoms_are_not_a_red_flag(ask) -> None:
    reply = ask("no numbness, no fever, just stiff lower back after sitting all day")
    assert reply.intent != "red_flag"


def test_medication_dose_is_refused_without_a_dose(ask) -> None:
    reply = ask("how many mg of ibuprofen can i take for my back")
    assert reply.intent == "out_of_scope"
    assert "mg" not in reply.text.lower().replace("how many mg", "")
    assert not any(ch.isdigit() for ch in reply.text)


@pytest.mark.parametrize("message", ["whats the weather in paris tomorrow", "write me a python script", "best lasagne recipe"])
def test_out_of_scope_gets_no_exercise_content(ask, message) -> None:
    reply = ask(message)
    assert reply.intent in ("out_of_scope", "unknown")
    assert not any(s.startswith(("exercise.", "activity.")) for s in reply.sources)


def test_unsure_answer_offers_at_most_three_topics(ask, brain) -> None:
    reply = ask("back thing with the band maybe")
    if reply.intent == "clarify":
        assert 1 <= len(reply.suggestions) <= 3
        assert all(s in brain.knowledge for s in reply.suggestions)


def test_gibberish_is_not_answered_with_a_passage(ask) -> None:
    reply = ask("qwzx vbnm plorft")
    # no English word in it: read as another language, which says so and gives no passage
    assert reply.intent in ("unknown", "out_of_scope", "clarify", "foreign")
    assert reply.sources == ()


@pytest.mark.parametrize(
    "message",
    ["", "   ", "😀😀😀", "\x00\x07\x1b[31m", "x" * 10_000, "how do i do a plank " * 600, "Как делать планку?", "\ud800 broken surrogate"],
    ids=["empty", "spaces", "emoji", "control", "10k-x", "10k-words", "russian", "surrogate"],
)
def test_odd_input_never_crashes(ask, message) -> None:
    reply = ask(message)
    assert reply.text.strip()
    assert reply.intent


def test_every_health_reply_carries_the_caveat_exactly_once(ask, brain) -> None:
    caveat = _caveat(brain)
    for message in ("how do i do a plank", "routine for today", "what are the lats", "back exercises for seniors"):
        assert ask(message).text.count(caveat) == 1, message


def test_routine_request_by_message_uses_stated_settings(ask, brain) -> None:
    reply = ask("give me a 10 minute routine with a band for my upper back")
    assert reply.intent == "routine"
    assert reply.sources
    for entry_id in reply.sources:
        assert brain.knowledge.exercises[entry_id].equipment in ("none", "band")


def test_reminder_request_becomes_an_action(ask) -> None:
    reply = ask("remind me every day at 7am")
    assert reply.intent == "reminder_set"
    assert reply.actions and isinstance(reply.actions[0], SetReminder)
    assert reply.actions[0].at.hour == 7
    assert "07:00" in reply.text


def test_describe_answers_a_pressed_suggestion(brain) -> None:
    from bot.brain.model import Turn

    reply = brain.describe("faq.cables", Turn("", "u", TODAY))
    assert reply.sources[0] == "faq.cables"
    assert "cable" in reply.text.lower()


@pytest.mark.parametrize("message", ["give me a 500 minute routine", "0 minute workout please"])
def test_routine_minutes_out_of_range_get_the_allowed_range(ask, message) -> None:
    reply = ask(message)
    assert reply.intent == "routine"
    assert "5 to 90" in reply.text
    assert reply.sources == ()


def test_a_new_line_ends_a_negation(ask) -> None:
    reply = ask("no fever\nsince this morning i cant pee and my groin feels numb")
    assert reply.intent == "red_flag" and reply.tier == "emergency"


def test_at_home_means_no_gym_machines(ask, brain) -> None:
    reply = ask("what can i do for my lats at home")
    assert reply.intent == "exercises_for" and reply.sources[0] == "muscle.latissimus_dorsi"
    assert all(brain.knowledge.exercises[s].equipment != "gym" for s in reply.sources[1:])
    assert "at home" in reply.text.splitlines()[0]


def test_the_article_faq_answers_when_its_wording_matches(ask) -> None:
    assert ask("exercises for seniors").sources[0] == "faq.seniors"


def test_symptom_words_without_a_red_flag_get_an_answer_led_by_the_safety_net(ask, brain) -> None:
    reply = ask("i fell asleep on the sofa and woke up with a stiff back")
    assert reply.intent != "red_flag" and reply.tier is None
    assert reply.text.startswith(brain.knowledge.texts["safety_net"])


def _with_model_net(brain, net: float):
    """A copy of the brain whose red-flag model nets answers from `net` up."""
    netted = copy.copy(brain)
    netted.thresholds = dataclasses.replace(brain.thresholds, red_flag_model_net=net)
    return netted


def test_an_answer_the_red_flag_model_half_suspects_opens_with_the_safety_net(brain) -> None:
    text = "my lower back has been killing me since we moved house, what can i do"
    turn = Turn(text, "test-user", TODAY)
    p = brain.red_flags.assess(normalise(text)).probability
    assert 0.05 < p < brain.thresholds.red_flag_model  # a half-suspicion, not an alarm
    above, below = _with_model_net(brain, p - 0.01).reply(turn), _with_model_net(brain, p + 0.01).reply(turn)
    assert above.intent == below.intent == "faq" and above.sources == below.sources
    assert above.text.startswith(brain.knowledge.texts["safety_net"])
    assert brain.knowledge.texts["safety_net"] not in below.text


def test_the_red_flag_models_half_suspicion_nets_only_exercise_advice(brain) -> None:
    reply = _with_model_net(brain, 0.0).reply(Turn("nba scores last night", "test-user", TODAY))
    assert reply.intent == "out_of_scope" and brain.knowledge.texts["safety_net"] not in reply.text


def test_a_red_flag_in_a_mostly_foreign_message_is_still_triaged_first(ask) -> None:
    reply = ask("Здравствуйте, у меня болит спина. I can't pee and my groin is numb")
    assert reply.intent == "red_flag" and reply.tier == "emergency"


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("my lowerback hurts when i stand for long, what can i do about it", "topic.lower_back_pain"),
        ("small of my back is sore after football, what helps", "topic.lower_back_pain"),
        ("top of my back aches from the laptop, any ideas", "faq.upper_back_pain"),
        ("my whole back aches, what helps", "faq.overall_back_pain"),
    ],
)
def test_a_pain_complaint_gets_that_pains_faq_answer(ask, message, topic) -> None:
    # "what helps my sore X" is the article's pain FAQ, whose answer starts gently, not a
    # bare list of exercises for the area
    reply = ask(message)
    assert (reply.intent, reply.sources[0]) == ("faq", topic)


def test_strengthening_without_pain_gets_the_list_for_the_area(ask) -> None:
    reply = ask("no pain at all, i just want a stronger lower back, which exercises")
    assert reply.intent == "exercises_for"
    assert reply.sources[0] == "area.lower_back"


def test_a_senior_with_a_bad_back_gets_the_seniors_faq(ask) -> None:
    reply = ask("my dad is 80 and has a bad back, what exercises are safe for him")
    assert (reply.intent, reply.sources[0]) == ("faq", "faq.seniors")


def test_hours_of_sitting_are_not_a_routine_length(ask) -> None:
    reply = ask("been sat at my desk 10hrs a day and now my lower back aches, what should i be doing")
    assert reply.intent == "faq"


@pytest.mark.parametrize(
    "message",
    ["whats the best mattress for a bad back", "are back braces any good", "do posture correctors work"],
)
def test_product_advice_is_declined_with_who_to_ask(ask, message) -> None:
    reply = ask(message)
    assert reply.intent == "out_of_scope"
    assert "physiotherapist" in reply.text
    assert not reply.sources


def test_a_muscle_named_any_way_asks_the_same_question(ask) -> None:
    # the classifier sees muscles as one placeholder: a long or rare name does not drag
    # "what works the X" towards "what is the X"
    for muscle in ("latissimus dorsi", "rear delts", "spinal erectors", "trapezius"):
        assert ask(f"what works the {muscle}").intent == "exercises_for", muscle


def test_delexicalise_replaces_only_the_asked_kinds_and_whole_names(brain) -> None:
    words = brain.entities.correct(normalise("what works the latissimus dorsi and the lower back with a superman"))
    framed = delexicalise(words, brain.entities.find(words), frozenset({"muscle"}))
    assert framed == "what works the xxmuscle and the lower back with a superman"


def test_pain_elsewhere_in_the_body_is_declined_by_name(ask) -> None:
    reply = ask("my knee hurts when i run, what exercises help")
    assert reply.intent == "out_of_scope"
    assert "knee" in reply.text and "physiotherapist" in reply.text
    assert not reply.sources


def test_the_pain_faq_wording_without_pain_gets_the_exercise_list(ask) -> None:
    reply = ask("want to build a stronger upper back, what should i do")
    assert reply.intent == "exercises_for"
    assert reply.sources[0] == "area.upper_back"


def test_a_question_about_gym_kit_is_answered_only_for_gym_users(ask) -> None:
    # the gym-equipment FAQ shares words with any lower-back strength question
    assert ask("which gym equipment is helpful for lower back strength").sources[0] == "faq.gym_equipment_lower_back"
    assert ask("is the leg press good for lower back strength").sources[0] == "faq.gym_equipment_lower_back"
    reply = ask("lower back strengthening for beginners")
    assert "faq.gym_equipment_lower_back" not in reply.sources
    assert reply.intent == "exercises_for"


def test_a_kit_faq_answers_the_kind_of_kit_it_is_about(ask) -> None:
    # a cable machine is a machine too, but "gym machines" is not a question about cables
    reply = ask("gym machines for the upper back")
    assert (reply.intent, reply.sources[0]) == ("exercises_for", "area.upper_back")
    assert ask("what machines at the gym help my lower back").sources[0] == "faq.gym_equipment_lower_back"
    assert ask("back exercises with cables").sources[0] == "faq.cables"


@pytest.mark.parametrize("text", ["what muscles are in the back called", "which muscles do back workouts hit"])
def test_which_muscles_the_back_has_is_the_back_muscles_topic(ask, text: str) -> None:
    reply = ask(text)
    assert (reply.intent, reply.sources[0]) == ("faq", "topic.back_muscles")


def test_a_muscles_question_naming_an_exercise_stays_about_that_exercise(ask) -> None:
    reply = ask("which muscles does the superman work")
    assert (reply.intent, reply.sources[0]) == ("exercise_muscles", "exercise.superman")


def test_exercise_or_rest_is_the_why_strengthen_answer_not_the_pain_faq(ask) -> None:
    # "back pain" here is the subject of a question about exercise, not the asker's complaint
    reply = ask("is it better to rest a sore back or keep exercising, does exercise really help or should i rest")
    assert (reply.intent, reply.sources[0]) == ("faq", "topic.why_strengthen")


def test_a_faq_question_naming_cables_gets_the_cables_faq(ask) -> None:
    assert ask("i want to use cables to train my back, how?").sources[0] == "faq.cables"


@pytest.mark.parametrize(
    ("text", "exercise"),
    [
        ("deadlifts are for the lower back right?", "exercise.deadlift"),
        ("is the plank an abs exercise or a back exercise", "exercise.plank"),
        ("face pulls good for traps?", "exercise.face_pull"),
        ("is the good morning for the lower back or the hamstrings", "exercise.good_morning"),
    ],
)
def test_is_this_exercise_for_that_part_asks_what_it_works(ask, text: str, exercise: str) -> None:
    reply = ask(text)
    assert (reply.intent, reply.sources[0]) == ("exercise_muscles", exercise)


def test_which_exercise_helps_a_pain_is_the_pain_faq_not_what_it_works(ask) -> None:
    reply = ask("plank or superman for lower back pain")
    assert (reply.intent, reply.sources[0]) == ("faq", "topic.lower_back_pain")


def test_whether_an_exercise_suits_my_back_stays_the_faq(ask) -> None:
    # "ok for my lower back" asks whether it suits them, which the gym-equipment FAQ answers
    for text in ("is the leg press safe for lower back strength", "is the leg press good for building lower back strength"):
        assert ask(text).sources[0] == "faq.gym_equipment_lower_back", text


def test_a_list_request_naming_an_example_exercise_stays_a_list(ask) -> None:
    assert ask("exercises for my lower back like the superman").intent == "exercises_for"


@pytest.mark.parametrize("text", ["is it ok to exercise with back pain or should i rest", "why bother strengthening my back, will it stop the pain"])
def test_a_question_about_exercise_and_pain_is_the_why_strengthen_faq(ask, text: str) -> None:
    # "back pain" is the subject here, not a complaint: the pain FAQ gets no boost
    reply = ask(text)
    assert (reply.intent, reply.sources[:1]) == ("faq", ("topic.why_strengthen",))


def test_a_time_zone_said_the_learners_way_sets_it(ask) -> None:
    reply = ask("change my zone of hour to Lisbon")
    assert reply.intent == "set_timezone" and "Lisbon" in reply.text


def test_a_pain_complaint_with_no_word_of_a_session_is_not_a_routine_request(ask) -> None:
    reply = ask("ugh my lower back is killing me again today, what do i do")
    assert (reply.intent, reply.sources[0]) == ("faq", "topic.lower_back_pain")
    assert ask("my lower back is sore, give me a 10 minute routine").intent == "routine"


@pytest.mark.parametrize(
    ("text", "intent", "source"),
    [
        ("upright rows", "exercise_howto", "exercise.upright_row"),
        ("the plank pls", "exercise_howto", "exercise.plank"),
        ("rhomboids?", "muscle_info", "muscle.rhomboids"),
        ("upper back", "exercises_for", "area.upper_back"),
    ],
)
def test_a_bare_name_gets_the_answer_for_its_kind(ask, text: str, intent: str, source: str) -> None:
    reply = ask(text)
    assert (reply.intent, reply.sources[0]) == (intent, source)


def test_good_morning_alone_is_a_greeting_though_it_names_an_exercise(ask) -> None:
    assert ask("good morning!").intent == "greeting"


@pytest.mark.parametrize("text", ["👍", "🙏", "👌"])
def test_a_thanks_emoji_alone_is_thanks(ask, text: str) -> None:
    assert ask(text).intent == "thanks"


def test_a_question_on_a_named_exercise_is_ours_though_it_mentions_another_body_part(ask) -> None:
    # unsure it is about backs, but it names the stretch: the knowledge reading stands
    assert ask("knee to chest bothers my knee when i hold my shin, what else can i grab").intent != "out_of_scope"


def test_a_move_told_beside_a_back_question_changes_no_time_zone(ask) -> None:
    reply = ask("i moved to london and my back hurts, what helps")
    assert reply.intent == "faq" and not reply.actions
    assert ask("relocated to tokyo last week").intent == "set_timezone"


def test_the_plainest_request_for_an_area_gets_its_exercises(ask) -> None:
    for text, area in (("what exercises are good for my lower back", "area.lower_back"), ("good exercises for my upper back?", "area.upper_back")):
        reply = ask(text)
        assert (reply.intent, reply.sources[0]) == ("exercises_for", area), text


def test_what_is_a_part_of_the_back_is_described(ask, brain) -> None:
    reply = ask("what counts as the core")
    assert (reply.intent, reply.sources) == ("muscle_info", ("area.core",))
    assert brain.knowledge.areas["area.core"].summary in reply.text


def test_a_subjectless_muscles_question_falls_to_the_reading_that_can_answer_it(ask) -> None:
    # worded like "what muscles does X work", with no X: the back-muscles topic answers it
    reply = ask("what muscles are in the back")
    assert (reply.intent, reply.sources[0]) == ("faq", "topic.back_muscles")


def test_real_words_are_not_corrected_into_exercise_words(brain) -> None:
    # "later" is one letter from "water", "then" from "the", "late" from "lat": an English
    # word is what the user meant, a non-word is a typo
    for word in ("later", "then", "late", "needs", "scores", "plus"):
        assert brain.entities.correct_token(word) == word
    for typo, meant in (("strech", "stretch"), ("dedlift", "deadlift"), ("trpas", "traps")):
        assert brain.entities.correct_token(typo) == meant


@pytest.mark.parametrize(
    ("heard", "meant"),
    [
        ("how do i do a face pool", "exercise.face_pull"),
        ("pool ups with a band", "exercise.pull_up"),
        ("seated roe at the gym", "exercise.seated_row"),
        ("stretches for the lower bag", "area.lower_back"),
    ],
)
def test_what_dictation_mishears_is_an_alias(brain, heard: str, meant: str) -> None:
    # speech-to-text writes real words, which spelling correction rightly leaves alone
    words = brain.entities.correct(normalise(heard))
    assert meant in [m.id for m in brain.entities.find(words)]


@pytest.mark.parametrize(
    "text",
    ["my knee hurts on the stairs", "a 15 min back routine", "what are the main back muscles", "my mum's back hurts"],
)
def test_ordinary_words_are_never_turned_into_names(brain, text: str) -> None:
    # a fuzzy two-word mender once read "knee hurts" as "knee hugs" and "15 min back" as
    # "15 mid back": real words stay what they are
    assert " ".join(brain.entities.correct(normalise(text))).replace("'s", "") == normalise(text).replace("'s", "")


def test_an_older_person_asking_for_back_exercises_gets_the_seniors_faq(ask) -> None:
    reply = ask("exercises for older folks with a bad back?")
    assert (reply.intent, reply.sources[0]) == ("faq", "faq.seniors")


def test_an_off_topic_message_that_brushes_a_knowledge_word_is_out_of_scope(ask) -> None:
    # "scores" shares letters with "cores": not a reason to offer core topics
    reply = ask("nba scores last night")
    assert reply.intent == "out_of_scope"
    assert not reply.suggestions


def test_a_routine_for_a_muscle_works_the_part_of_the_back_it_is_in(brain) -> None:
    from bot.brain.model import Turn

    reply = brain.reply(Turn("15 minutes, something for my traps", "u", TODAY))
    assert reply.intent == "routine"
    assert "upper back" in reply.text.split("Settings:")[1].split(".")[0]


def test_a_general_question_naming_only_kit_lists_exercises_for_that_kit(ask, brain) -> None:
    reply = ask("i go to the gym 4 times a week, what machines and cable stuff should i be doing for a bigger back")
    assert reply.intent in ("exercises_for", "faq")  # a list, or the article's FAQ on cables
    assert any(brain.knowledge.exercises[x].equipment == "gym" for x in reply.sources if x in brain.knowledge.exercises)


@pytest.mark.parametrize("message", ["whats good for the midsection", "ab exercises that are kind to the back"])
def test_a_message_naming_a_part_of_the_back_is_not_declined_as_off_topic(ask, message) -> None:
    reply = ask(message)
    assert reply.intent == "exercises_for"
    assert reply.sources[0] == "area.core"


def test_a_general_request_lists_every_part_of_the_back_and_says_how_to_narrow_it(ask, brain) -> None:
    reply = ask("best back exercises")
    assert reply.intent == "exercises_for"
    listed = [brain.knowledge.exercises[x] for x in reply.sources]
    assert {x.areas[0] for x in listed} == {"upper", "lower", "core"}
    assert brain.knowledge.texts["narrow_list"] in reply.text


def test_a_request_for_stretches_lists_stretches(ask, brain) -> None:
    reply = ask("stretches for my lower back")
    assert reply.intent == "exercises_for"
    kinds = {brain.knowledge.exercises[x].kind for x in reply.sources if x in brain.knowledge.exercises}
    assert kinds <= {"stretch", "mobility", "warmup"}


def test_a_possessive_does_not_hide_a_name(ask) -> None:
    reply = ask("lower back's been sore for a week since we moved house, any exercises that help")
    assert (reply.intent, reply.sources[0]) == ("faq", "topic.lower_back_pain")


def test_an_faq_about_one_part_of_the_back_does_not_answer_another(ask) -> None:
    reply = ask("upper back strengthening at the gym")
    assert "faq.gym_equipment_lower_back" not in reply.sources
    assert reply.intent == "exercises_for" and reply.sources[0] == "area.upper_back"


@pytest.mark.parametrize(("message", "position"), [("exercises i can do at my desk", "seated"), ("back exercises i can do in bed", "floor")])
def test_where_the_user_is_picks_exercises_done_in_that_position(ask, brain, message, position) -> None:
    reply = ask(message)
    listed = [brain.knowledge.exercises[x] for x in reply.sources if x in brain.knowledge.exercises]
    assert listed and all(position in x.positions for x in listed)
    assert all(x.equipment != "gym" for x in listed)  # a desk or a bed is not a gym


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("face pulls targets?", "exercise_muscles"),
        ("is the lat pulldown a back or arm exercise", "exercise_muscles"),
        ("how do i work the face pull properly", "exercise_howto"),
    ],
)
def test_what_an_exercise_works_versus_how_to_do_it(ask, message, intent) -> None:
    assert ask(message).intent == intent


def test_a_question_about_kit_gets_the_faq_about_that_kit(ask) -> None:
    assert ask("what back exercises can you do with cables").sources[0] == "faq.cables"
    assert ask("what equipment at the gym should i use to strengthen my lower back").sources[0] == "faq.gym_equipment_lower_back"
    # being at the gym is not a question about kit
    assert ask("im at the gym, what upper back exercises should i do").intent == "exercises_for"


@pytest.mark.parametrize(
    ("message", "intent", "source"),
    [
        ("whats a good warm up, only hv 2 mins", "warmup", "topic.warmup"),
        ("Mobility work for the thoracic spine, no equipment?", "exercises_for", "area.upper_back"),
        ("just mechanical LBP after lifting, what helps", "faq", "topic.lower_back_pain"),
        ("cable machine back exercises?", "faq", "faq.cables"),
    ],
)
def test_everyday_and_clinical_wordings(ask, message, intent, source) -> None:
    reply = ask(message)
    assert (reply.intent, reply.sources[0]) == (intent, source)


def test_pain_in_the_achilles_is_not_ours(ask) -> None:
    assert ask("my achilles is sore after intervals, any stretches?").intent == "out_of_scope"


def test_a_why_question_gets_the_guides_answer_not_a_list(ask) -> None:
    assert ask("whats the point of back exercises if nothing hurts").sources[0] == "topic.why_strengthen"
    assert ask("back exercises for women").intent == "exercises_for"  # a request, not a why


@pytest.mark.parametrize(("message", "intent"), [("?", "empty"), ("...", "empty"), ("ok", "thanks"), ("got it", "thanks")])
def test_punctuation_gets_the_prompt_and_an_acknowledgement_gets_thanks(ask, message, intent) -> None:
    assert ask(message).intent == intent


def test_an_outright_ask_for_a_reminder_is_one_whatever_else_the_words_look_like(ask) -> None:
    assert ask("could you send me a reminder, my memory is bad").intent == "reminder_set"
    # "remind me what ..." asks for an answer, not a reminder
    assert ask("remind me what the warm up is again").intent != "reminder_set"


@pytest.mark.parametrize(
    "text",
    [
        "before the bridge and superman, what warming i must do?",
        "what should i do before my workout so i dont pull something",
        "best warm up when my back is a bit tight? not painful",
    ],
)
def test_a_warm_up_question_gets_the_warm_up_whatever_else_it_names(ask, text: str) -> None:
    reply = ask(text)
    assert (reply.intent, reply.sources[0]) == ("warmup", "topic.warmup")


def test_asking_the_gp_before_exercising_is_not_a_warm_up_question(ask) -> None:
    assert ask("should i check with my gp before i start exercising my back").intent != "warmup"


@pytest.mark.parametrize(
    ("text", "intent"),
    [("is my 7am reminder still on", "reminder_list"), ("when are you going to remind me again?", "reminder_list"), ("kill all alarms", "reminder_cancel")],
)
def test_questions_about_reminders_set_and_silencing_them_are_read(ask, text: str, intent: str) -> None:
    assert ask(text).intent == intent


def test_pain_in_another_part_of_the_body_is_no_possible_red_flag(ask) -> None:
    # the red-flag model reads "down the stairs" like a fall; a knee's pain is not the back's
    reply = ask("my knee hurts going down the stairs")
    assert reply.intent == "out_of_scope" and reply.tier is None


@pytest.mark.parametrize(
    ("text", "source"),
    [("latissimus dorsi workout ideas", "muscle.latissimus_dorsi"), ("teres major, what trains it", "muscle.teres_major")],
)
def test_asking_what_trains_a_named_muscle_lists_exercises(ask, text: str, source: str) -> None:
    reply = ask(text)
    assert (reply.intent, reply.sources[0]) == ("exercises_for", source)


def test_the_part_a_muscle_plays_in_a_workout_is_about_the_muscle(ask) -> None:
    assert ask("what is the biceps doing in a back workout").intent == "muscle_info"


def test_make_it_harder_gives_the_routine_one_level_up(ask) -> None:
    reply = ask("make it harder")
    assert reply.intent == "routine" and "intermediate" in reply.text


def test_reminders_at_the_wrong_hour_set_the_time_zone_without_a_safety_net(ask) -> None:
    reply = ask("nurse on a contract in dubai now and my reminders keep arriving at 3am")
    assert reply.intent == "set_timezone" and reply.text == "Got it: your time zone is Asia/Dubai."


def test_a_sure_faq_whose_two_best_answers_are_close_gets_the_better_not_a_menu(ask) -> None:
    reply = ask("what is the ideal training for the back, how many exercises")
    assert reply.intent == "faq" and reply.sources[0] in ("faq.ideal_routine", "topic.general_guidance")


def test_a_diagnosis_question_gets_the_refusal_not_a_possible_red_flag(ask) -> None:
    # the rules run first and found no sign; the red-flag model read "down my bum" as one
    reply = ask("is it sciatica or a disc? pain goes down my bum")
    assert reply.intent == "out_of_scope" and reply.tier is None and "diagnose" in reply.text


@pytest.mark.parametrize(
    ("text", "intent", "source"),
    [
        ("the one where you lie on your back and push your hips up, how do i do it", "exercise_howto", "exercise.bridge"),
        ("how do i squeeze my shoulder blades together properly", "exercise_howto", "exercise.scapular_retraction"),
        ("that exercise where u sit and lift ur knees one at a time, what does it work", "exercise_muscles", "exercise.seated_march"),
    ],
)
def test_an_exercise_described_instead_of_named_is_answered_as_if_named(ask, text: str, intent: str, source: str) -> None:
    reply = ask(text)
    assert (reply.intent, reply.sources[0]) == (intent, source)


@pytest.mark.parametrize(
    "text", ["twisting in my chair hurts, how do i stop that", "remind me to squeeze my shoulder blades at 3pm"]
)
def test_a_described_movement_that_hurts_or_is_a_reminder_is_no_how_to(ask, text: str) -> None:
    assert ask(text).intent != "exercise_howto"


def test_an_alias_of_five_words_is_found(brain) -> None:
    # "upper part of my back" was never matched while phrases were capped at four words
    words = brain.entities.correct(normalise("stretches for the upper part of my back please"))
    assert [m.id for m in brain.entities.find(words)] == ["area.upper_back"]


def test_making_a_muscle_named_by_where_it_is_stronger_lists_its_exercises(ask) -> None:
    reply = ask("the long muscles running down either side of my spine, how do i make them stronger")
    assert (reply.intent, reply.sources[0]) == ("exercises_for", "muscle.erector_spinae")


@pytest.mark.parametrize(
    "text", ["im lost, what am i supposed to ask", "can you set reminders or no", "can you make me a workout or just answer questions"]
)
def test_asking_what_the_bot_can_do_gets_help(ask, text: str) -> None:
    assert ask(text).intent == "help"


def test_a_request_asked_as_can_you_or_not_is_still_the_request(ask) -> None:
    assert ask("can you remind me at 7am or not").intent == "reminder_set"


@pytest.mark.parametrize(
    "text",
    [
        "give me a leg day workout",
        "chest and arms routine for tonight?",
        "can you make me a running plan for a 10k",
        "diet plan to lose 10kg before summer",
        "how much is a plank of wood at b&q",
        "how much is the toll on the dartford bridge",
        "superman film times tonight",
        "how do you say good morning in french",
        "deadlift world record?",
    ],
)
def test_other_training_and_the_wider_world_are_out_of_scope(ask, text: str) -> None:
    # a back routine or an exercise's how-to is not what any of these asked
    assert ask(text).intent == "out_of_scope"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("how do i do a band row, i have a door anchor", "exercise_howto"),
        ("leg press how to", "exercise_howto"),
        ("how much weight should i start with on the deadlift", "faq"),
        ("10 min routine for my back before my run", "routine"),
    ],
)
def test_back_training_near_those_words_is_still_answered(ask, text: str, intent: str) -> None:
    assert ask(text).intent == intent


@pytest.mark.parametrize("text", ["are you a doctor?", "are u a real person"])
def test_asking_what_the_bot_is_gets_help(ask, text: str) -> None:
    assert ask(text).intent == "help"


@pytest.mark.parametrize("text", ["band", "advanced moves?", "abs"])
def test_a_kit_level_or_part_alone_asks_for_the_exercises_that_fit(ask, text: str) -> None:
    assert ask(text).intent == "exercises_for"


def test_harder_exercises_asked_for_as_a_list_are_a_list_not_a_routine(ask) -> None:
    reply = ask("advanced stuff pls, the beginner ones are too easy now")
    assert reply.intent == "exercises_for"


@pytest.mark.parametrize("text", ["any news today", "my trap door in the loft is stuck, how do i get it open"])
def test_the_news_and_a_trap_door_are_not_a_routine_or_a_muscle(ask, text: str) -> None:
    assert ask(text).intent == "out_of_scope"


@pytest.mark.parametrize(
    "text", ["can i get a session for my lower back with a band", "please prepare me an exercise session for the upper back"]
)
def test_a_session_asked_for_is_a_routine(ask, text: str) -> None:
    assert ask(text).intent == "routine"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what is the ideal back workout routine", "faq"),
        ("i need a knee rehab programme after my acl surgery", "out_of_scope"),
        ("I have 20 minutes before the kids wake up. What should I do?", "routine"),
    ],
)
def test_sessions_asked_about_or_for_another_part_are_not_routine_requests(ask, text: str, intent: str) -> None:
    assert ask(text).intent == intent


def test_what_else_works_a_part_lists_other_exercises_than_the_one_named(ask) -> None:
    reply = ask("what else hits the lower back besides deadlifts")
    assert (reply.intent, reply.sources[0]) == ("exercises_for", "area.lower_back")
    assert "exercise.deadlift" not in reply.sources


def test_which_other_muscles_an_exercise_trains_is_still_what_it_works(ask) -> None:
    reply = ask("using the lat pulldown this week, what muscles is that training apart from the lats")
    assert reply.intent == "exercise_muscles"


@pytest.mark.parametrize(
    "text", ["where am i supposed to feel the bridge?", "what does the knee to chest stretch actually stretch"]
)
def test_where_to_feel_an_exercise_and_what_it_stretches_ask_what_it_works(ask, text: str) -> None:
    assert ask(text).intent == "exercise_muscles"


@pytest.mark.parametrize(
    ("text", "source"),
    [("what muscle sits between the shoulder blades", "muscle.rhomboids"), ("what muscle runs along the spine", "muscle.erector_spinae")],
)
def test_a_muscle_asked_for_by_where_it_is_gets_its_description(ask, text: str, source: str) -> None:
    reply = ask(text)
    assert (reply.intent, reply.sources[0]) == ("muscle_info", source)


@pytest.mark.parametrize(
    "text", ["I'm on naproxen from my GP, which exercises are safe", "i take ibuprofen, 10 min routine please"]
)
def test_a_medicine_mentioned_beside_an_exercise_question_gets_the_exercises_and_an_aside(ask, brain, text: str) -> None:
    reply = ask(text)
    assert reply.intent in ("exercises_for", "routine")
    assert reply.text.startswith(brain.knowledge.texts["medication_aside"].strip())


@pytest.mark.parametrize(
    "text", ["how much naproxen can i take before the gym", "can i take ibuprofen and paracetamol together before exercise"]
)
def test_a_question_about_the_medicine_itself_is_still_refused(ask, text: str) -> None:
    assert ask(text).intent == "out_of_scope"


@pytest.mark.parametrize(("typo", "source"), [("plnak how", "exercise.plank"), ("how to do a supermann", "exercise.superman")])
def test_a_slip_that_also_appears_in_an_intent_example_is_still_corrected(ask, typo: str, source: str) -> None:
    # words of the examples are protected from correction, but not the examples' own typos
    assert ask(typo).sources[:1] == (source,)


@pytest.mark.parametrize("text", ["dumbbells only", "i only have a band"])
def test_a_kit_said_alone_with_filler_lists_exercises_for_it(ask, text: str) -> None:
    assert ask(text).intent == "exercises_for"


def test_pain_in_another_part_during_an_exercise_is_that_parts_matter(ask) -> None:
    reply = ask("my wrist hurts when i do planks, it's been sore for a year. what should i do about the wrist")
    assert reply.intent == "out_of_scope" and "wrist" in reply.text


@pytest.mark.parametrize(
    "text", ["je ne sens plus mes jambes et j'ai mal au dos", "ich habe rückenschmerzen und fieber", "dor nas costas e febre"]
)
def test_a_message_in_another_latin_script_language_says_so_and_gives_the_warning_signs(ask, brain, text: str) -> None:
    reply = ask(text)
    assert reply.intent in ("foreign", "red_flag")
    if reply.intent == "foreign":
        assert brain.knowledge.texts["safety_net"] in reply.text


@pytest.mark.parametrize("text", ["у меня болит спина и онемела промежность", "腰痛，两腿发麻", "ظهري يؤلمني"])
def test_a_message_in_another_script_gets_the_warning_signs_too(ask, brain, text: str) -> None:
    reply = ask(text)
    assert reply.intent == "foreign" and brain.knowledge.texts["safety_net"] in reply.text


def test_english_with_typos_and_slang_is_not_read_as_another_language(ask) -> None:
    assert ask("yo hook me up w a 20 min ab routine no equipmnt").intent == "routine"


@pytest.mark.parametrize(
    "text",
    [
        "what are the warning signs with back pain?",
        "red flags?",
        "any red flags i should know about",
        "what is cauda equina",
        "my physio mentioned cauda equina as something to watch for, what is it?",
        "when should i go to a&e with my back",
        "when is lower back pain an emergency",
    ],
)
def test_a_question_about_the_warning_signs_gets_them_listed(ask, text: str) -> None:
    reply = ask(text)
    assert (reply.intent, reply.sources) == ("faq", ("topic.warning_signs",))
    assert "emergency" in reply.text and "fever" in reply.text


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what are the warning signs? my groin has gone numb", "red_flag"),  # a sign of their own is triaged first
        ("my gp checked for red flags and said its muscular, routine please", "routine"),
        ("no red flags, just stiff, 10 min routine", "routine"),
    ],
)
def test_warning_sign_words_beside_a_sign_or_a_cleared_check_are_not_the_question(ask, text: str, intent: str) -> None:
    assert ask(text).intent == intent


@pytest.mark.parametrize(
    "text", ["ma bak iz killin me wat shud i do", "wat r gud xercises 4 ma bak", "hw do i do da plank"]
)
def test_texting_shorthand_is_english_not_another_language(ask, text: str) -> None:
    assert ask(text).intent not in ("foreign", "red_flag")
