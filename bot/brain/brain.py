"""The brain: one message in, one reply out. Safety first, then intent, then the answer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import zip_longest
from typing import cast

import numpy as np

from bot.brain import compose
from bot.brain.complaint import (
    mentions_back,
    mentions_pain,
    pain_area,
    pain_elsewhere,
    says_more_than_back_pain,
)
from bot.brain.described import DescriptionMatcher
from bot.brain.entities import EntityMatcher, Mention, delexicalise
from bot.brain.features import TextFeatures, Vector, sub_state
from bot.brain.index import Hit, KnowledgeIndex, entry_views
from bot.brain.intents import IntentClassifier, IntentDef, Thresholds
from bot.brain.knowledge import Knowledge
from bot.brain.model import (
    AREAS,
    Action,
    CancelReminders,
    Exercise,
    Focus,
    ListReminders,
    Reply,
    RoutineOptions,
    SetReminder,
    SetTimezone,
    Turn,
    equipment_rank,
)
from bot.brain.red_flag_model import NONE, Assessment, RedFlagModel
from bot.brain.reminder_text import (
    ReminderProblem,
    asks_for_reminder,
    asks_what_is_set,
    cancels_reminders,
    describe_days,
    describe_zone,
    names_timezone,
    parse_reminder,
    parse_timezone,
    reports_clock_mismatch,
)
from bot.brain.routine import (
    build_routine,
    level_allows,
    options_problems,
    render_routine,
)
from bot.brain.routine_request import adjusts_routine, parse_routine_request
from bot.brain.safety import medical_request, triage
from bot.brain.text import mostly_foreign, normalise, tokens
from bot.brain.wording import (
    ABOUT_SESSIONS,
    ABOUT_THE_BOT,
    ALTERNATIVE,
    AT_HOME,
    BARE_FILLERS,
    BODY_PART,
    DESCRIBED_ASK,
    EXERCISE_ASK,
    HELP_ASK,
    HOW_QUESTION,
    IS_IT_FOR,
    KIND_WORDS,
    KIT_ALONE_WORDS,
    KIT_KINDS,
    KIT_OR_LEVEL_LIST,
    KIT_QUESTION,
    LIST_WORDS,
    MEDICINE_ASK,
    MUSCLE_QUESTION,
    MUSCLE_ROLE,
    OTHER_TRAINING,
    REST_OR_EXERCISE,
    ROUTINE_WORDS,
    SESSION_ASK,
    SUITS_ME,
    THANKS_EMOJI,
    TRAINS_IT,
    WARM_UP,
    WARNING_SIGN_WORDS,
    WARNING_SIGNS_ASK,
    WHICH_MUSCLE_IS,
    WHICH_MUSCLES,
    WHICH_OF_THEM,
    WHY_QUESTION,
    WIDER_WORLD,
)

KNOWLEDGE_INTENTS = ("exercise_howto", "exercise_muscles", "muscle_info", "exercises_for", "faq", "warmup")
EXERCISE_PREFIXES = ("exercise.", "activity.")
ADVICE_INTENTS = frozenset({*KNOWLEDGE_INTENTS, "routine", "clarify"})  # replies that lead to exercising
# Social replies hold no health content: a wrong guess costs little, so they need only
# the `clarify` level of confidence, where health answers need `answer`.
LOW_RISK = frozenset({"greeting", "help", "thanks"})
# What a knowledge intent is about: the entity kind it needs to answer.
SUBJECT_OF = {
    "exercise_howto": frozenset({"exercise"}),
    "exercise_muscles": frozenset({"exercise"}),
    "muscle_info": frozenset({"muscle"}),
}
UNSURE = frozenset({"clarify", "unknown"})  # replies that ask or admit instead of answering
# Two readings that often tie and that one handler can settle between (see _decide).
TIED_LISTS = frozenset({"faq", "exercises_for"})
REMINDER_INTENTS = ("reminder_set", "reminder_list", "reminder_cancel", "set_timezone")
TOPIC_PREFIXES = ("faq.", "topic.")
MAX_SUGGESTIONS = 3
MAX_CACHED_ROUTINES = 2048  # bounded: a day of every settings combination is 1,400-odd
# The intent classifier reads muscle names as one placeholder word: "what works the latissimus
# dorsi" is then the same question as "what works the rear delts", and the intent comes from
# how it is asked, not from which of nine muscles (each with its own phrasings) it names.
# Measured on tune + dev: muscles alone 394/414 right, with areas too 392, with exercises
# too 390, none 385; exercise and area names carry intent ("lower back" pain questions).
INTENT_PLACEHOLDERS = frozenset({"muscle"})
POSITION_HEADINGS = {"seated": "sitting down", "floor": "on the floor", "standing": "standing up"}
# A chair or desk is not a gym: machines that happen to be seated are not what they mean.
NO_MACHINES = frozenset({"seated", "floor"})
# A FAQ matching this well is the article's own answer to the question, even when the
# classifier read it as a request for a list of exercises.
STRONG_TOPIC = 0.6
# An intent reading this sure stands against the evidence rules' softer readings.
CONFIDENT = 0.6

# A message of this many words or more, under this share of them English, is read as another
# language: 0 of the 4,034 case messages are, and French, German, Spanish, Portuguese and Italian
# sentences about back pain all are.
FOREIGN_MIN_WORDS = 3
FOREIGN_SHARE = 0.4
# The guidance topic the warm-up intent answers with.
WARMUP_TOPIC = "topic.warmup"
WARNING_SIGNS_TOPIC = "topic.warning_signs"  # what the warning signs are, when asked
# Replies that are bookkeeping, not health advice, carry no caveat.
NO_CAVEAT = frozenset(
    {"thanks", "reminder_set", "reminder_list", "reminder_cancel", "set_timezone", "empty", "foreign"}
)


@dataclass(frozen=True, slots=True)
class Message:
    """One message, analysed once: what every decision and handler reads."""

    turn: Turn
    text: str  # normalised
    mentions: tuple[Mention, ...]  # entities named, in message order
    vector: Vector
    options: RoutineOptions  # routine settings it states, the user's saved ones otherwise
    stated: frozenset[str]  # which of those settings it states
    pain: str | None  # where it reports back pain ("lower", "upper", "core", "back")
    elsewhere: str | None  # the part of the body it reports pain in when not the back ("knee")
    described: str | None = None  # the exercise it describes without naming it (also a mention)


class Brain:
    """Turns a Turn into a Reply using only the curated knowledge; build once, reuse."""

    def __init__(
        self,
        knowledge: Knowledge,
        intents: Sequence[IntentDef],
        thresholds: Thresholds,
        state: Mapping[str, np.ndarray] | None = None,
        english: frozenset[str] = frozenset(),
        safety_examples: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Fit the feature space, intent classifier and index, or restore them from ``state``.

        ``english`` are real words that typo correction must leave alone ("later", "then").
        ``safety_examples`` are labelled phrasings (tier or "none") for the red-flag model; with
        none, only the rules raise red flags.
        """
        self.knowledge = knowledge
        self.thresholds = thresholds
        examples = [(i.name, normalise(e)) for i in intents for e in i.examples]
        views = entry_views(knowledge)
        self.entities = EntityMatcher().fit(knowledge, [t for _, t in examples] + [t for _, t in views], english)
        if state is None:
            framed = [self._frame(self.entities.correct(t)) for _, t in examples]
            self.features = TextFeatures().fit([t for _, t in examples] + framed + [t for _, t in views])
            self.classifier = IntentClassifier().fit(
                self.features.transform(framed), [n for n, _ in examples]
            )
            self.index = KnowledgeIndex().fit(views, self.features)
            # every ordinary intent phrase is a "none" example: the model learns what is not a sign
            ordinary = [(e, NONE) for i in intents if i.name != "red_flag" for e in i.examples]
            self.red_flags = RedFlagModel().fit([*safety_examples, *ordinary]) if safety_examples else None
        else:
            self.features = TextFeatures.from_state(sub_state(state, "features."))
            self.classifier = IntentClassifier.from_state(sub_state(state, "intents."))
            self.index = KnowledgeIndex.from_state(sub_state(state, "index."))
            red_flag_state = sub_state(state, "red_flags.")
            self.red_flags = RedFlagModel.from_state(red_flag_state) if red_flag_state else None
        self.described = DescriptionMatcher(knowledge)
        self.caveat = knowledge.texts["caveat"]
        self._topic_areas = {t.id: _main_areas(knowledge, t.exercises) for t in knowledge.topics.values()}
        self._routines: dict[tuple[RoutineOptions, date, frozenset[str] | None, int], Reply] = {}
        self._pain_topics = {t.pain: t.id for t in knowledge.topics.values() if t.pain is not None}
        self._senior_topics = frozenset(
            t.id for t in knowledge.topics.values() if _senior_track(knowledge, t.exercises)
        )
        # for each kind of kit (KIT_KINDS), the kit FAQs whose title names it: read once
        self._kit_faqs = tuple(
            frozenset(t.id for t in knowledge.topics.values() if t.equipment and kind.search(t.title.lower()))
            for kind in KIT_KINDS
        )

    def _frame(self, words: list[str]) -> str:
        """A training phrase as the intent classifier sees messages (muscles as a placeholder)."""
        return delexicalise(words, self.entities.find(words), INTENT_PLACEHOLDERS)

    def state(self) -> dict[str, np.ndarray]:
        """Everything fitting learned, as named arrays: a cache can restore it without refitting."""
        parts = {"features.": self.features.state(), "intents.": self.classifier.state(), "index.": self.index.state()}
        if self.red_flags is not None:
            parts["red_flags."] = self.red_flags.state()
        return {prefix + name: array for prefix, arrays in parts.items() for name, array in arrays.items()}

    # -- entry points ------------------------------------------------------------------

    def reply(self, turn: Turn) -> Reply:
        """Answer one message.

        Args:
            turn: the message, the user's saved settings and today's date.
        Returns:
            The Reply: text with the caveat where it is health advice, the intent, the
            knowledge ids used, a confidence in 0..1, suggestions and actions.
        """
        # Safety runs before anything else, always. It reads the raw text: line breaks and ";"
        # end a negation's clause there, and normalise() folds them away.
        flags = triage(turn.text, self.knowledge.safety)
        if flags.tier is not None:
            return self._finish(
                Reply(flags.advice, "red_flag", sources=flags.flags, confidence=1.0, tier=flags.tier)
            )
        text = self._expand_shorthand(normalise(turn.text))
        medical = medical_request(turn.text, self.knowledge.safety)
        aside = medical == "medication" and EXERCISE_ASK.search(text) and not MEDICINE_ASK.search(text)
        if medical is not None and not aside:
            refusal = self.knowledge.safety.medical_reply(medical)
            return self._finish(Reply(refusal, "out_of_scope", confidence=1.0))
        blank = not any(ch.isalnum() for ch in text)  # "", "?", "...", "👍"
        other_script = mostly_foreign(turn.text)
        if blank or other_script or self._reads_as_foreign(text):
            # no English to classify: the red-flag model is asked without the classifier's say
            possible = self._possible_red_flag(text)
            if possible is not None:
                return self._finish(possible)
            if blank and not other_script:
                if THANKS_EMOJI.search(turn.text):
                    return self._finish(Reply(self.knowledge.texts["thanks"], "thanks", confidence=1.0))
                return self._finish(Reply(self.knowledge.texts["empty"], "empty", confidence=1.0))
            # "je ne sens plus mes jambes", "у меня онемела промежность": the rules read ten
            # other languages besides English, the rest of the brain English only; say so, with
            # the warning signs in case the message tells one
            body = f"{self.knowledge.texts['foreign']}\n\n{self.knowledge.texts['safety_net']}"
            return self._finish(Reply(body, "foreign", confidence=1.0))

        msg, ranked = self._analyse(turn, text)
        # The model costs a second vectorisation; the intent classifier, already run, scores
        # every sign the model catches well above the gate (intents/thresholds.yaml)
        assessment = None
        if next(p for name, p in ranked if name == "red_flag") >= self.thresholds.red_flag_model_gate:
            assessment = self._model_assessment(text)
            if assessment is not None and assessment.probability >= self.thresholds.red_flag_model:
                return self._finish(self._possible_red_flag_reply(assessment))
        if aside:
            reply = self._with_medicine_aside(msg, ranked)
        else:
            reply = self._decide(msg, [r for r in ranked if r[0] != "red_flag"])
        worded_like_a_sign = ranked[0][0] == "red_flag" and ranked[0][1] >= self.thresholds.red_flag
        model_unsure = (
            assessment is not None
            and assessment.probability >= self.thresholds.red_flag_model_net
            and reply.intent in ADVICE_INTENTS
        )
        if (worded_like_a_sign and reply.intent not in NO_CAVEAT) or model_unsure:
            # Worded like a warning sign, or the model half-suspects one, yet the negation-aware
            # rules found none ("no numbness, just stiff", "fell asleep on the sofa"): answer, but
            # lead with the safety net a clinician would give, instead of an alarm that is wrong
            # for most such messages. Bookkeeping replies ("your time zone is Asia/Dubai") give
            # no health advice to net; the model's half-suspicion nets only exercise advice (its
            # middle range holds "nba scores" and reminder requests too).
            reply = replace(reply, text=f"{self.knowledge.texts['safety_net']}\n\n{reply.text}")
        return self._finish(reply)

    def _expand_shorthand(self, text: str) -> str:
        """Normalised text with texting shorthand written out ("ma bak iz killin me" -> "my back
        is killing me"), the same reading the red-flag rules give it."""
        shorthand = self.knowledge.safety.shorthand
        words = text.split(" ")
        if not any(w in shorthand for w in words):
            return text
        return " ".join(shorthand.get(w, w) for w in words)

    def _reads_as_foreign(self, text: str) -> bool:
        """Whether a message in the Latin alphabet is mostly not English (French, German...):
        three or more words, under two in five of them English, words the bot knows or texting
        shorthand ("cnt feel ma legz n ma bak iz killin me" is English)."""
        words = [w for w in tokens(text) if w.isalpha() and len(w) > 1]
        if len(words) < FOREIGN_MIN_WORDS:
            return False
        english, known, shorthand = self.entities.english_, self.entities.known_, self.knowledge.safety.shorthand
        return sum(w in english or w in known or w in shorthand for w in words) < FOREIGN_SHARE * len(words)

    def _with_medicine_aside(self, msg: Message, ranked: list[tuple[str, float]]) -> Reply:
        """The answer to an exercise question that names a medicine in passing.

        "i'm on naproxen from my gp, which exercises are safe": the medicine is what reads as
        out of scope, so the question is the likeliest of the other readings (probabilities
        renormalised without it); it gets its answer after a line leaving the medicine to those
        who prescribed it. If it is no exercise question after all, the refusal stands.
        """
        kept = [r for r in ranked if r[0] not in ("red_flag", "out_of_scope")]
        total = sum(p for _, p in kept) or 1.0
        reply = self._decide(msg, [(name, p / total) for name, p in kept])
        if reply.intent not in (*KNOWLEDGE_INTENTS, "routine", "clarify"):
            return Reply(self.knowledge.safety.medical_reply("medication"), "out_of_scope", confidence=1.0)
        return replace(reply, text=f"{self.knowledge.texts['medication_aside']}\n\n{reply.text}")

    def _analyse(self, turn: Turn, text: str) -> tuple[Message, list[tuple[str, float]]]:
        """Read a normalised message once: names, settings, pain, features and intent ranking."""
        words = self.entities.correct(text)
        options, stated = parse_routine_request(text, _defaults(turn))
        mentions = tuple(self.entities.find(words))
        areas = [self.knowledge.areas[m.id].area for m in mentions if m.kind == "area"]
        worked = {a for m in mentions if m.kind == "muscle" for a in self.knowledge.muscles[m.id].areas}
        if "focus" not in stated and len(worked) == 1:
            # "15 minutes for my traps": the part of the back that muscle is in
            options, stated = replace(options, focus=cast(Focus, worked.pop())), stated | {"focus"}
        joined = " ".join(words)
        vector = self.features.vector(joined)
        framed = delexicalise(words, mentions, INTENT_PLACEHOLDERS)
        # most messages name no muscle: then the intent classifier reads the same text as retrieval
        ranked = self.classifier.rank(vector if framed == joined else self.features.vector(framed))
        pain = pain_area(text, areas)
        described = self._described(text, mentions, ranked)
        if described is not None:
            # "the one where you lie on your back and push your hips up": that exercise, as if named
            mentions = (*mentions, Mention(described, "exercise", position=len(words), length=0))
        msg = Message(turn, text, mentions, vector, options, stated, pain, pain_elsewhere(text), described)
        return msg, ranked

    def _described(self, text: str, mentions: tuple[Mention, ...], ranked: list[tuple[str, float]]) -> str | None:
        """The exercise a message describes instead of naming, when it asks about one.

        Only a question about an exercise ("how do i...", "the one where...", "what does it
        work") with none named, and no pain reported: "twisting in my chair hurts" describes
        the seated twist's movement but asks nothing about it.
        """
        if any(m.kind == "exercise" for m in mentions) or ranked[0][0] in REMINDER_INTENTS or mentions_pain(text):
            return None
        if not (HOW_QUESTION.search(text) or DESCRIBED_ASK.search(text) or MUSCLE_QUESTION.search(text)):
            return None
        found = self.described.match(text)
        return None if found is None else found[0]

    def _asks_for_warning_signs(self, text: str) -> bool:
        """The (normalised) message asks what the warning signs are, and the content can say."""
        return (
            any(word in text for word in WARNING_SIGN_WORDS)  # a few substring tests spare most messages the regex
            and WARNING_SIGNS_TOPIC in self.knowledge.topics
            and WARNING_SIGNS_ASK.search(text) is not None
        )

    def _possible_red_flag(self, text: str) -> Reply | None:
        """A red flag the rules did not raise but the red-flag model is confident of (text normalised)."""
        assessment = self._model_assessment(text)
        if assessment is None or assessment.probability < self.thresholds.red_flag_model:
            return None
        return self._possible_red_flag_reply(assessment)

    def _model_assessment(self, text: str) -> Assessment | None:
        """The red-flag model's reading of a message (normalised), or None where it has no say."""
        if self.red_flags is None or not says_more_than_back_pain(text):
            return None  # back pain and nothing more is what BackCoach is for, never a red flag
        if pain_elsewhere(text) is not None:
            return None  # "my knee hurts going down the stairs": a pain that is not the back's
        if self._asks_for_warning_signs(text):
            return None  # "when is back pain an emergency": its answer lists every sign and what to do
        return self.red_flags.assess(text)

    def _possible_red_flag_reply(self, assessment: Assessment) -> Reply:
        """The reply to a possible red flag: the tier's advice and no exercise, saying it may have
        misread (the model cannot name the sign, and an ordinary message it mistakes costs one
        rephrasing, where a missed warning sign could cost far more)."""
        advice = self.knowledge.safety.advice[assessment.tier]
        texts = self.knowledge.texts
        body = f"{texts['possible_red_flag']}\n\n{advice}\n\n{texts['possible_red_flag_misread']}"
        return Reply(body, "red_flag", confidence=assessment.probability, tier=assessment.tier)

    def routine(
        self, options: RoutineOptions, day: date, stated: frozenset[str] | None = None, variant: int = 0
    ) -> Reply:
        """Today's routine for explicit settings, rendered with the caveat.

        Settings that cannot be built (e.g. "a 500 minute routine") get a reply naming the
        allowed values instead of a routine. ``variant`` > 0 is "another one" for that day.
        """
        problems = options_problems(options)
        if problems:
            text = "I can't build that routine: " + "; ".join(problems) + '. For example: "15 minute routine".'
            return self._finish(Reply(text, "routine", confidence=1.0))
        key = (options, day, stated, variant)
        cached = self._routines.get(key)
        if cached is not None:
            return cached
        routine = build_routine(options, day, self.knowledge, variant)
        text = render_routine(routine, self.knowledge, stated=stated)
        ids = tuple(dict.fromkeys(item.exercise_id for item in routine.items))
        reply = self._finish(Reply(text, "routine", sources=ids, confidence=1.0))
        # the same settings on the same day always give the same routine: most users keep the
        # defaults, so a day's few hundred distinct routines are built once each
        if len(self._routines) >= MAX_CACHED_ROUTINES:
            self._routines.clear()
        self._routines[key] = reply
        return reply

    def describe(self, knowledge_id: str, turn: Turn) -> Reply:
        """The answer for one knowledge id (a pressed "Did you mean" button)."""
        k = self.knowledge
        if knowledge_id in k.exercises:
            text = compose.exercise_howto(k, k.exercises[knowledge_id])
            intent = "exercise_howto"
        elif knowledge_id in k.muscles:
            text, intent = compose.muscle_info(k, k.muscles[knowledge_id]), "muscle_info"
        elif knowledge_id in k.topics:
            text, intent = compose.topic_answer(k, k.topics[knowledge_id]), "faq"
        elif knowledge_id in k.areas:
            return self._finish(self._area_list(knowledge_id, 1.0))
        else:
            return self._finish(Reply(k.texts["fallback"], "unknown"))
        return self._finish(Reply(text, intent, sources=(knowledge_id,), confidence=1.0))

    # -- decisions -----------------------------------------------------------------------

    def _decide(self, msg: Message, ranked: list[tuple[str, float]]) -> Reply:
        """Pick the intent (or ask, or fall back) and run its handler."""
        t = self.thresholds
        intent, p1 = ranked[0]
        p2 = ranked[1][1] if len(ranked) > 1 else 0.0
        evidence = self._evidence(msg, ranked)
        if evidence is not None:
            # what the message states settles the intent: no runner-up to be unsure about
            intent, p1, p2 = evidence, max(dict(ranked)[evidence], t.answer), 0.0
        if p1 < t.clarify:
            return self._unsure(msg, p1, lead=self.knowledge.texts["fallback"], intent="unknown", guess=intent)
        if p1 >= t.answer and p1 - p2 < t.min_gap and {intent, ranked[1][0]} == TIED_LISTS:
            # "cable machine back exercises?": as much an FAQ as a request for a list; the FAQ
            # handler gives the FAQ that clearly fits, else the list for what they name
            intent, p2 = "faq", 0.0
        unsure = p1 < t.answer or p1 - p2 < t.min_gap
        if unsure and intent not in LOW_RISK and (intent not in KNOWLEDGE_INTENTS or not msg.mentions):
            return self._unsure(msg, p1, lead=self.knowledge.texts["not_sure"], intent="clarify", guess=intent)
        intent = self._consistent(intent, ranked, msg)
        reply: Reply = getattr(self, f"_on_{intent}")(msg, p1)
        if reply.intent in UNSURE and intent in SUBJECT_OF and not SUBJECT_OF[intent] & {m.kind for m in msg.mentions}:
            return self._runner_up(msg, ranked) or reply
        return reply

    def _runner_up(self, msg: Message, ranked: list[tuple[str, float]]) -> Reply | None:
        """The answer of the next reading that needs no named subject, if it has one.

        "what muscles are in the back" reads like "what muscles does X work", but names no
        exercise and none could be found: the back-muscles topic answers it.
        """
        for other, p in ranked[1:3]:
            if other in KNOWLEDGE_INTENTS and other not in SUBJECT_OF and p >= self.thresholds.clarify:
                alternative: Reply = getattr(self, f"_on_{other}")(msg, p)
                if alternative.intent not in UNSURE:
                    return alternative
        return None

    def _evidence(self, msg: Message, ranked: list[tuple[str, float]]) -> str | None:
        """An intent that what the message states settles, whatever its wording ranks first.

        Three kinds of evidence, in order: bookkeeping (a session's length, a reminder, a time
        zone), scope (about the bot, another part of the body, the wider world), then what a
        knowledge question asks. Each rule is a word list in wording.py, pinned by tests.
        """
        return self._bookkeeping(msg, ranked) or self._scope(msg) or self._knowledge_question(msg, ranked)

    def _bookkeeping(self, msg: Message, ranked: list[tuple[str, float]]) -> str | None:
        """Routine, reminder and time-zone requests that the words settle."""
        top, text, named = ranked[0][0], msg.text, bool(msg.mentions)
        if top not in REMINDER_INTENTS and not (top == "warmup" and WARM_UP.search(text)) and "minutes" in msg.stated:
            # "10 min", "quarter of an hour": a duration is what people give when asking for
            # a session, whatever else the sentence looks like
            return "routine"
        if not named and msg.pain is None and top not in REMINDER_INTENTS and adjusts_routine(text):
            # "make it harder", "same as yesterday but shorter"; but "harder exercises pls, the
            # beginner ones are too easy" asks for a list at the next level
            return "exercises_for" if KIT_OR_LEVEL_LIST.search(text) and not ROUTINE_WORDS.search(text) else "routine"
        if not named and asks_what_is_set(text):
            return "reminder_list"  # "is my 7am reminder still on", "when will you ping me"
        if not named and msg.pain is None and cancels_reminders(text):
            return "reminder_cancel"  # "kill all alarms", "no more pings pls"
        if not named and reports_clock_mismatch(text):
            return "set_timezone"  # "your reminder came at 4am lol i'm in california", "it's 3pm here"
        if "reminder_set" in (name for name, _ in ranked[:3]) and isinstance(parse_reminder(text), SetReminder):
            # a clock time with a plausible reminder reading ("weekdays at 18:30") settles it
            return "reminder_set"
        if not named and asks_for_reminder(text):
            return "reminder_set"  # "could you send me a reminder, my memory is bad"
        if names_timezone(text, moves=not named and msg.pain is None):
            return "set_timezone"  # "change my zone of hour to warsaw", "relocated to tokyo"
        return None

    def _scope(self, msg: Message) -> str | None:
        """Questions about the bot, and messages that are not about backs."""
        text, named = msg.text, bool(msg.mentions)
        if not named and msg.pain is None and ABOUT_THE_BOT.search(text):
            return "help"  # "are you a doctor?"
        if not named and msg.elsewhere is not None:
            return "out_of_scope"  # "my wrist is sore from typing": not the back
        if not mentions_back(text) and (WIDER_WORLD.search(text) or (not named and OTHER_TRAINING.search(text))):
            return "out_of_scope"  # "a plank of wood at b&q", "give me a leg day workout"
        if not named and msg.pain is None and HELP_ASK.search(text):
            return "help"  # "can you set reminders or no", "im lost, what do i type"
        return None

    def _knowledge_question(self, msg: Message, ranked: list[tuple[str, float]]) -> str | None:
        """What a question about sessions, exercises, muscles or the FAQs asks."""
        top, p = ranked[0]
        text = msg.text
        kinds = {m.kind for m in msg.mentions}
        if "exercise" not in kinds and top not in REMINDER_INTENTS and SESSION_ASK.search(text) and not ABOUT_SESSIONS.search(text):
            return "routine"  # "can i get a session for my lower back with a band"
        if WARM_UP.search(text) and (top in (*KNOWLEDGE_INTENTS, "routine") or p < self.thresholds.answer):
            return "warmup"  # a session with a duration was settled above ("10 min warm up routine")
        if self._asks_for_warning_signs(text):
            return "faq"  # "what are the red flags for back pain": the warning signs topic
        if self._pain_question(msg, ranked) or self._senior_question(msg, ranked) or self._why_question(msg, ranked):
            return "faq"
        exercises = sum(m.kind == "exercise" for m in msg.mentions)
        if msg.pain in self._pain_topics and exercises >= 2 and WHICH_OF_THEM.search(text):
            return "faq"  # "plank or superman for lower back pain": which helps that pain
        if not kinds & {"muscle", "exercise"} and WHICH_MUSCLE_IS.search(text) and self._clear_muscle(msg) is not None:
            return "muscle_info"  # "what muscle sits between the shoulder blades": its name
        if not kinds and WHICH_MUSCLES.search(text) and top in KNOWLEDGE_INTENTS:
            return "faq"  # the article's "which back muscles are we targeting"
        if top == "exercise_howto" and MUSCLE_QUESTION.search(text) and not HOW_QUESTION.search(text) and "exercise" in kinds:
            # "face pull targets?", "is the lat pulldown a back or arm exercise": what it
            # works, not how to do it
            return "exercise_muscles"
        if (
            "exercise" in kinds
            and kinds & {"muscle", "area"}
            and ALTERNATIVE.search(text)
            and msg.pain is None
            and not WHICH_MUSCLES.search(text)
        ):
            return "exercises_for"  # "what else hits the lower back besides deadlifts"
        if self._asks_what_it_works(msg, ranked):
            return "exercise_muscles"
        if msg.described is not None:
            # nothing else in the message names it: the question is about the exercise itself
            asks_muscles = MUSCLE_QUESTION.search(text) and not HOW_QUESTION.search(text)
            return "exercise_muscles" if asks_muscles else "exercise_howto"
        if (
            (top == "muscle_info" or p < self.thresholds.answer)
            and "muscle" in kinds
            and "exercise" not in kinds
            and TRAINS_IT.search(text)
            and not MUSCLE_ROLE.search(text)
        ):
            return "exercises_for"  # "lats workout ideas", "teres major, what trains it"
        if (
            top == "out_of_scope"
            and kinds
            and msg.elsewhere is None  # "my wrist hurts when i do planks, what about the wrist": the wrist's
            and (p < self.thresholds.answer or ("exercise" in kinds and p < CONFIDENT))
        ):
            # "whats good for the midsection": unsure it is about backs, yet it names a part,
            # muscle or exercise of the guide; the best reading that can answer that stands
            # ("knee to chest bothers my knee, what else can i grab": a question on the stretch)
            reading = next((name for name, _ in ranked[1:4] if name in KNOWLEDGE_INTENTS), None)
            if reading is not None:
                return reading
        if top in KNOWLEDGE_INTENTS or p < self.thresholds.answer:  # "good morning!" stays a greeting
            return self._bare_name(msg)
        return None

    def _clear_muscle(self, msg: Message) -> Hit | None:
        """The muscle whose description clearly fits the message best, if one does."""
        hits = self.index.search(msg.vector, only=("muscle.",), k=2)
        if not hits or hits[0].score < self.thresholds.retrieval:
            return None
        if len(hits) > 1 and hits[0].score - hits[1].score < self.thresholds.min_gap:
            return None
        return hits[0]

    def _bare_name(self, msg: Message) -> str | None:
        """The intent of a message that is one name and nothing more ("upright rows", "traps?",
        "lower back"): how to do the exercise, what the muscle is, exercises for the part.
        A kit or level alone ("band", "advanced moves?") asks for the exercises that fit it."""
        words = [w for w in tokens(msg.text) if w not in BARE_FILLERS]
        if not msg.mentions and msg.stated and msg.stated <= {"equipment", "level"}:
            rest = [w for w in words if w not in KIT_ALONE_WORDS]
            return "exercises_for" if len(rest) <= len(msg.stated) else None
        if len(msg.mentions) != 1:
            return None
        mention = msg.mentions[0]
        if len(words) != mention.length:
            return None
        return {"exercise": "exercise_howto", "muscle": "muscle_info", "area": "exercises_for"}.get(mention.kind)

    def _asks_what_it_works(self, msg: Message, ranked: list[tuple[str, float]]) -> bool:
        """Whether the message asks if a named exercise is for a part of the body.

        "shrugs are for traps right?", "is the bridge a back exercise or a butt exercise",
        "superman good for lower back or abs": an exercise and a part of the body, asked as a
        yes/no or either/or question, is a question about what the exercise works, however its
        words rank between a list, a muscle and a how-to.
        """
        kinds = {m.kind for m in msg.mentions}
        top = ranked[0][0]
        if "exercise" not in kinds or top not in ("exercises_for", "muscle_info", "exercise_howto", "faq"):
            return False
        if msg.pain is not None:
            return False  # "plank or superman for lower back pain": which helps the pain, an FAQ
        parts = sum(m.kind in ("muscle", "area") for m in msg.mentions) + len(BODY_PART.findall(msg.text))
        if not parts or HOW_QUESTION.search(msg.text) or LIST_WORDS.search(msg.text):
            return False
        if top == "faq":
            # "is the leg press ok for my lower back" asks whether it suits them (an FAQ);
            # "superman good for lower back or abs" and "is X for the lower back" ask what it works
            either_or = parts >= 2 and " or " in msg.text
            return either_or or (bool(IS_IT_FOR.search(msg.text)) and not SUITS_ME.search(msg.text))
        return bool(IS_IT_FOR.search(msg.text))

    def _why_question(self, msg: Message, ranked: list[tuple[str, float]]) -> bool:
        """Whether the message asks why back exercises are worth doing, naming nothing more.

        "what's the point of back exercises if nothing hurts" ranks close between a list and
        an FAQ; the question is the article's "why strengthen your back", not a request.
        """
        top2 = {name for name, _ in ranked[:2]}
        return not msg.mentions and top2 <= {"faq", "exercises_for"} and bool(WHY_QUESTION.search(msg.text))

    def _senior_question(self, msg: Message, ranked: list[tuple[str, float]]) -> bool:
        """Whether an older person asks for back exercises in general, naming nothing more.

        "exercises for older folks with a bad back" is the article's seniors FAQ, however the
        words rank between that FAQ and a list of exercises.
        """
        senior = "level" in msg.stated and msg.options.level == "senior"
        top, p = ranked[0]
        asks = top in ("faq", "exercises_for") or p < self.thresholds.answer  # or an unsure reading
        return senior and not msg.mentions and asks and bool(self._senior_topics)

    def _pain_question(self, msg: Message, ranked: list[tuple[str, float]]) -> bool:
        """Whether the message reports back pain and asks what helps, nothing more specific.

        "my lower back is killing me, which exercises help?" is the article's question
        "what helps lower back pain": its FAQ answer starts gently and says when to stop, which
        a bare list of exercises for the area does not.
        """
        if msg.pain not in self._pain_topics or any(m.kind in ("exercise", "muscle") for m in msg.mentions):
            return False
        if "level" in msg.stated and msg.options.level == "senior":
            return False  # "my mum is 80 and has a bad back": the seniors FAQ is hers
        top, p = ranked[0]
        if top == "routine" and not ROUTINE_WORDS.search(msg.text):
            return True  # no word of a session: the routine reading is a guess
        # a confident reading as something else stands ("warm up a stiff back", "10 min routine
        # for my sore back", "remind me"); a knowledge question or an unsure reading does not
        return top in ("faq", "exercises_for", "muscle_info") or p < self.thresholds.answer

    def _consistent(self, intent: str, ranked: list[tuple[str, float]], msg: Message) -> str:
        """The best-ranked intent whose subject matches what the message names.

        "scapula retractions what are they" may rank muscle_info first, but it names an
        exercise and no muscle: the exercise intents are what can actually answer it.
        """
        kinds = {m.kind for m in msg.mentions}
        needs = SUBJECT_OF.get(intent)
        if needs is None or not kinds or needs & kinds:
            return intent
        for other, _ in ranked[1:4]:
            if SUBJECT_OF.get(other, frozenset()) & kinds:
                return other
        return intent

    def _unsure(self, msg: Message, p: float, lead: str, intent: str, guess: str) -> Reply:
        """Offer the closest topics; with none close, say what BackCoach helps with."""
        named = [m.id for m in msg.mentions]
        found = self.index.search(msg.vector, named=named, k=MAX_SUGGESTIONS)
        hits = [h.id for h in found if h.score >= self.thresholds.retrieval / 2]
        ids = tuple(dict.fromkeys([*named, *hits]))[:MAX_SUGGESTIONS]
        if guess == "out_of_scope" and not named and not any(h.score >= self.thresholds.retrieval for h in found):
            # the best reading is "not about backs" and nothing in the guide matches well
            # ("nba scores" only brushes "cores"): say so plainly, offer no far-fetched topics
            return self._on_out_of_scope(msg, p)
        if not ids:
            return Reply(self.knowledge.texts["fallback"], "unknown", confidence=p)
        return Reply(compose.suggestions_text(self.knowledge, lead, ids), intent, confidence=p, suggestions=ids)

    def _first(self, msg: Message, kind: str) -> str | None:
        return next((m.id for m in msg.mentions if m.kind == kind), None)

    def _target(
        self, msg: Message, kind: str, prefixes: tuple[str, ...]
    ) -> tuple[str | None, float, list[Hit]]:
        """The entry a knowledge question is about: a named one, else the best retrieval hit."""
        named = self._first(msg, kind)
        hits = self.index.search(msg.vector, named=[m.id for m in msg.mentions], only=prefixes, k=MAX_SUGGESTIONS)
        if named is not None:
            return named, 1.0, hits
        if hits and hits[0].score >= self.thresholds.retrieval:
            close = len(hits) > 1 and hits[0].score - hits[1].score < self.thresholds.min_gap / 2
            return (None if close else hits[0].id), hits[0].score, hits
        return None, hits[0].score if hits else 0.0, hits

    def _answer_or_ask(self, hits: list[Hit], p: float) -> Reply:
        ids = tuple(h.id for h in hits if h.score >= self.thresholds.retrieval / 2)
        if not ids:
            return Reply(self.knowledge.texts["fallback"], "unknown", confidence=p)
        return Reply(
            compose.suggestions_text(self.knowledge, self.knowledge.texts["not_sure"], ids),
            "clarify",
            confidence=p,
            suggestions=ids,
        )

    # -- handlers, one per intent ----------------------------------------------------------

    def _on_greeting(self, msg: Message, p: float) -> Reply:
        return Reply(self.knowledge.texts["greeting"], "greeting", confidence=p)

    def _on_help(self, msg: Message, p: float) -> Reply:
        return Reply(self.knowledge.texts["help"], "help", confidence=p)

    def _on_thanks(self, msg: Message, p: float) -> Reply:
        return Reply(self.knowledge.texts["thanks"], "thanks", confidence=p)

    def _on_out_of_scope(self, msg: Message, p: float) -> Reply:
        if msg.elsewhere is not None:
            text = self.knowledge.texts["other_body_part"].replace("{part}", msg.elsewhere)
            return Reply(text, "out_of_scope", confidence=p)
        return Reply(self.knowledge.texts["out_of_scope"], "out_of_scope", confidence=p)

    def _on_exercise_howto(self, msg: Message, p: float) -> Reply:
        target, score, hits = self._target(msg, "exercise", EXERCISE_PREFIXES)
        if target is None:
            return self._answer_or_ask(hits, p * score)
        x = self.knowledge.exercises[target]
        return Reply(compose.exercise_howto(self.knowledge, x), "exercise_howto", (target,), p * score)

    def _on_exercise_muscles(self, msg: Message, p: float) -> Reply:
        target, score, hits = self._target(msg, "exercise", EXERCISE_PREFIXES)
        if target is None:
            return self._answer_or_ask(hits, p * score)
        x = self.knowledge.exercises[target]
        return Reply(compose.exercise_muscles(self.knowledge, x), "exercise_muscles", (target,), p * score)

    def _on_muscle_info(self, msg: Message, p: float) -> Reply:
        target, score, hits = self._target(msg, "muscle", ("muscle.",))
        area = self._first(msg, "area")
        if target is None and area is not None and WHICH_MUSCLE_IS.search(msg.text):
            clear = self._clear_muscle(msg)  # the muscle of that part it describes, if one fits clearly
            if clear is not None:
                target, score = clear.id, clear.score
        if target is None and area is not None:
            # "what counts as the core": the part of the back it names, described
            a = self.knowledge.areas[area]
            return Reply(f"{a.name}\n{a.summary}", "muscle_info", (area,), p)
        if target is None:
            return self._answer_or_ask(hits, p * score)
        m = self.knowledge.muscles[target]
        return Reply(compose.muscle_info(self.knowledge, m), "muscle_info", (target,), p * score)

    def _kit_topics(self, msg: Message) -> frozenset[str]:
        """The kit FAQs about the kind of kit the message names ("cables": the cables FAQ)."""
        return frozenset().union(*(faqs for kind, faqs in zip(KIT_KINDS, self._kit_faqs) if kind.search(msg.text)))

    @staticmethod
    def _reports_pain(msg: Message) -> bool:
        """Whether the message reports pain, rather than asking about exercise itself ("does
        exercise help back pain or should i rest", "why bother strengthening my back, will it
        stop the pain": the why-strengthen FAQ)."""
        text = msg.text
        return not REST_OR_EXERCISE.search(text) and not WHY_QUESTION.search(text)

    def _topic_hits(self, msg: Message) -> list[Hit]:
        """FAQ and guidance entries for a message, best first."""
        named = {m.id for m in msg.mentions}
        areas = {self.knowledge.areas[m.id].area for m in msg.mentions if m.kind == "area"}
        senior = msg.options.level == "senior"
        topics = self.knowledge.topics.values()
        # an FAQ that names the exercise or activity the user mentions is a likelier answer;
        # so, less strongly, is one whose exercises mostly work the part of the back they
        # name, or that is about older people when the message is
        naming = [t.id for t in topics if named.intersection(t.exercises)]
        naming += self._kit_topics(msg)  # "using cables to train my back": the cables FAQ
        if msg.pain in self._pain_topics and not senior and self._reports_pain(msg):
            # "my upper back aches": that pain's own answer
            naming.append(self._pain_topics[msg.pain])
        related = [
            t.id
            for t in topics
            if (areas and self._topic_areas[t.id] & areas) or (senior and t.id in self._senior_topics)
        ]
        hits = self.index.search(msg.vector, named=naming, related=related, only=TOPIC_PREFIXES, k=MAX_SUGGESTIONS + 2)
        if areas:
            # "upper back strengthening at the gym" is not answered by the lower back's FAQ
            hits = [h for h in hits if not self._topic_areas[h.id] or self._topic_areas[h.id] & areas]
        # the kit it names: said outright ("at the gym") or implied by a named exercise ("leg press")
        kits = [self.knowledge.exercises[m.id].equipment for m in msg.mentions if m.kind == "exercise"]
        if "equipment" in msg.stated:
            kits.append(msg.options.equipment)
        stated = max(kits, key=equipment_rank) if kits else None
        # "lower back strengthening for beginners" shares words with "which gym equipment
        # helps lower back strength", but says nothing of a gym: that answer is not theirs
        hits = [h for h in hits if _kit_fits(self.knowledge.topics[h.id].equipment, stated)]
        return hits[:MAX_SUGGESTIONS]

    def _topic_reply(self, hit: Hit, p: float) -> Reply:
        topic = self.knowledge.topics[hit.id]
        sources = (topic.id, *topic.exercises)
        # the warm-up topic is the warm-up intent's answer, however the question reached it
        # ("what should i do before my back exercises to get loose")
        intent = "warmup" if topic.id == WARMUP_TOPIC else "faq"
        return Reply(compose.topic_answer(self.knowledge, topic), intent, sources, p * hit.score**0.5)

    def _clear_topic(self, hits: list[Hit]) -> Hit | None:
        """The best topic when it matches well, or fairly well and clearly better than the next."""
        if not hits:
            return None
        best, runner_up = hits[0].score, hits[1].score if len(hits) > 1 else 0.0
        t = self.thresholds
        if best >= t.retrieval or (best >= t.retrieval * 2 / 3 and best - runner_up >= t.min_gap):
            return hits[0]
        return None

    def _on_faq(self, msg: Message, p: float) -> Reply:
        if self._asks_for_warning_signs(msg.text):
            topic = self.knowledge.topics[WARNING_SIGNS_TOPIC]
            return Reply(compose.topic_answer(self.knowledge, topic), "faq", (topic.id,), max(p, CONFIDENT))
        hits = self._topic_hits(msg)
        hit = self._clear_topic(hits)
        if hit is not None and msg.pain is None and self.knowledge.topics[hit.id].pain is not None and any(
            m.kind == "area" for m in msg.mentions
        ):
            # "want a stronger upper back": the words of the upper-back-pain FAQ, but no pain
            # reported; the exercises for that part of the back are what was asked for
            return self._on_exercises_for(msg, p)
        if hit is None and p >= CONFIDENT and hits and hits[0].score >= self.thresholds.retrieval * 2 / 3:
            # surely a question the guide answers ("what is the ideal training for the back, how
            # many exercises"), and two of its answers fit about as well: the better one, not a menu
            hit = hits[0]
        if hit is not None:
            return self._topic_reply(hit, p)
        if any(m.kind in ("muscle", "area") for m in msg.mentions) or "equipment" in msg.stated:
            # no FAQ fits, but the message names a part of the back or the kit they have:
            # list exercises for that
            return self._on_exercises_for(msg, p)
        return self._answer_or_ask(hits, p)

    def _on_warmup(self, msg: Message, p: float) -> Reply:
        topic = self.knowledge.topics[WARMUP_TOPIC]
        return Reply(compose.topic_answer(self.knowledge, topic), "warmup", (topic.id, *topic.exercises), p)

    def _on_exercises_for(self, msg: Message, p: float) -> Reply:
        muscle = self._first(msg, "muscle")
        area = self._first(msg, "area")
        equipment = msg.options.equipment if "equipment" in msg.stated else None
        level = msg.options.level if "level" in msg.stated else None
        answer = self._article_answer(msg, muscle, area, equipment, level)
        if answer is not None:
            return self._topic_reply(answer, p)
        k = self.knowledge
        if muscle is not None:
            pool, title, lead = k.exercises_for_muscle(muscle), k.muscles[muscle].name, muscle
        elif area is not None:
            pool, title, lead = k.exercises_for_area(k.areas[area].area), k.areas[area].name, area
        else:
            # "best back exercises": a few for each part of the back, not six for one part
            pool, title, lead = _balanced(x for x in k.exercises.values() if x.kind != "activity"), "whole back", ""
        wanted = next((kinds for words, kinds in KIND_WORDS if words.search(msg.text)), None)
        if wanted is not None:  # "stretches for my lower back": stretches, if it has any
            pool = tuple(x for x in pool if x.kind in wanted) or pool
        if ALTERNATIVE.search(msg.text):  # "what else works the lats besides pulldowns": not those
            named = {m.id for m in msg.mentions if m.kind == "exercise"}
            pool = tuple(x for x in pool if x.id not in named) or pool
        position = msg.options.position  # read with the routine settings: negations and causes excluded
        if position is not None:  # "exercises I can do at my desk": seated ones, if it has any
            pool = tuple(x for x in pool if position in x.positions) or pool
        at_home = equipment is None and bool(AT_HOME.search(msg.text))
        no_machines = at_home or (equipment is None and position in NO_MACHINES)
        reply = self._exercise_list(pool, title, lead, equipment, level, p, at_home, no_machines, position)
        if muscle is None and area is None and reply.intent == "exercises_for":
            reply = replace(reply, text=f"{reply.text}\n\n{k.texts['narrow_list']}")
        return reply

    def _article_answer(
        self, msg: Message, muscle: str | None, area: str | None, equipment: str | None, level: str | None
    ) -> Hit | None:
        """The article's own answer to a request worded as a list request, if it has one."""
        hits = self.index.search(msg.vector, only=TOPIC_PREFIXES, k=1)  # the wording alone
        if hits and hits[0].score >= STRONG_TOPIC:
            return hits[0]  # the article answers this very question ("exercises for seniors")
        if equipment is not None and muscle is None and KIT_QUESTION.search(msg.text):
            # "back exercises with cables", "gym equipment for my lower back": its FAQ about
            # that kit ("at the gym" alone is where they are, not a question about kit)
            about = self._kit_topics(msg)
            return self._clear_topic([h for h in self._topic_hits(msg) if h.id in about])
        if muscle is not None or area is not None or equipment is not None:
            return None
        if level == "senior":
            # "exercises for pensioners": the article's seniors FAQ answers exactly that
            hit = self._clear_topic(self._topic_hits(msg))
            return hit if hit is not None and hit.id in self._senior_topics else None
        if level is None and WHY_QUESTION.search(msg.text):
            # not a request for a list but a question ("what's the point of back exercises")
            topics = self._topic_hits(msg)
            gap = topics[0].score - topics[1].score if len(topics) > 1 else 1.0
            if topics and topics[0].score >= self.thresholds.retrieval and gap >= self.thresholds.min_gap:
                return topics[0]
        return None

    def _area_list(self, area_id: str, p: float) -> Reply:
        area = self.knowledge.areas[area_id]
        return self._exercise_list(self.knowledge.exercises_for_area(area.area), area.name, area_id, None, None, p)

    def _exercise_list(
        self,
        pool: Sequence[Exercise],
        title: str,
        lead: str,
        equipment: str | None,
        level: str | None,
        p: float,
        at_home: bool = False,
        no_machines: bool = False,
        position: str | None = None,
    ) -> Reply:
        """Exercises from the pool that fit the stated equipment and level, at most six."""
        ceiling = equipment or ("dumbbells" if no_machines else "gym")  # home gyms aside: no machines

        def fits(x: Exercise) -> bool:
            has_kit = equipment_rank(x.equipment) <= equipment_rank(ceiling)
            return has_kit and (level is None or level_allows(x, level))

        qualifiers = ["at home"] if at_home else []
        if position is not None:
            qualifiers.append(POSITION_HEADINGS[position])
        if equipment is not None:
            qualifiers.append(f"with {compose.EQUIPMENT_WORDS[equipment]}")
        if level is not None:
            qualifiers.append("for seniors" if level == "senior" else f"for {level}s")
        heading = " ".join([f"Exercises for the {title.lower()}", *qualifiers]) + ":"
        shown = [x for x in pool if fits(x)]
        if not shown:
            # Nothing for that muscle fits: widen to its areas, never relax the user's limits.
            areas = {a for x in pool for a in x.areas}
            shown = [x for x in self.knowledge.exercises.values() if areas.intersection(x.areas) and fits(x)]
            heading = self.knowledge.texts["no_match_for_filters"]
        if not shown:
            return Reply(self.knowledge.texts["fallback"], "unknown", confidence=p)
        if equipment not in (None, "none"):  # "with a band": band exercises first
            shown.sort(key=lambda x: x.equipment != equipment)
        shown = shown[:6]
        ids = tuple(dict.fromkeys(([lead] if lead else []) + [x.id for x in shown]))
        return Reply(compose.exercise_list(heading, shown), "exercises_for", ids, p)

    def _on_routine(self, msg: Message, p: float) -> Reply:
        reply = self.routine(msg.options, msg.turn.today, msg.stated)
        return replace(reply, confidence=p)

    def _on_reminder_set(self, msg: Message, p: float) -> Reply:
        return self._reminder(msg.text, p, "reminder_set")

    def _on_reminder_list(self, msg: Message, p: float) -> Reply:
        return self._reminder(msg.text, p, "reminder_list")

    def _on_reminder_cancel(self, msg: Message, p: float) -> Reply:
        return self._reminder(msg.text, p, "reminder_cancel")

    def _reminder(self, text: str, p: float, intent: str) -> Reply:
        parsed = parse_reminder(text)
        if isinstance(parsed, ReminderProblem):
            # "could you send me a reminder, my memory..." reads like listing them, but asks for one
            asked = "reminder_set" if parsed.sets else intent
            return Reply(f"{parsed.reason}\n{parsed.example}", asked, confidence=p)
        action: Action = parsed
        if isinstance(parsed, SetReminder):
            if parsed.replace:
                # which reminder moves (or whether to ask) depends on what is stored: the
                # adapter that keeps reminders confirms the outcome below this line
                when = f"{parsed.at:%H:%M}" if parsed.keeps_days else f"{describe_days(parsed.days)} at {parsed.at:%H:%M}"
                message = f"You asked to move a reminder to {when}."
            else:
                message = f"Got it: I will remind you {describe_days(parsed.days)} at {parsed.at:%H:%M}."
        elif isinstance(parsed, CancelReminders):
            message = (
                f"OK, I'll stop the reminder at {parsed.at:%H:%M}." if parsed.at else "OK, I'll stop your reminders."
            )
        else:
            assert isinstance(parsed, ListReminders)
            message = "Here are your reminders:"
        return Reply(message, _reminder_intent(action, intent), confidence=p, actions=(action,))

    def _on_set_timezone(self, msg: Message, p: float) -> Reply:
        parsed = parse_timezone(msg.text)
        if isinstance(parsed, SetTimezone):
            zone = describe_zone(parsed.tz)
            return Reply(f"Got it: your time zone is {zone}.", "set_timezone", confidence=p, actions=(parsed,))
        if isinstance(parsed, ReminderProblem):
            return Reply(f"{parsed.reason}\n{parsed.example}", "set_timezone", confidence=p)
        return Reply(
            'Which time zone are you in? Say for example "my timezone is Europe/Berlin", "I\'m in London" or "UTC+2".',
            "set_timezone",
            confidence=p,
        )

    # -- finishing --------------------------------------------------------------------------

    def _finish(self, reply: Reply) -> Reply:
        if reply.intent in NO_CAVEAT:
            return reply
        return replace(reply, text=compose.with_caveat(reply.text, self.caveat))


def _balanced(exercises: Iterable[Exercise]) -> tuple[Exercise, ...]:
    """Exercises reordered to take turns between the parts of the back they mainly work."""
    by_area: dict[str, list[Exercise]] = {}
    # within a part, strengthening before warm-ups and stretches, the least kit first
    for x in sorted(exercises, key=lambda x: (x.kind not in ("strength", "core"), equipment_rank(x.equipment))):
        by_area.setdefault(x.areas[0], []).append(x)
    queues = [by_area[a] for a in AREAS if a in by_area]
    return tuple(x for round_ in zip_longest(*queues) for x in round_ if x is not None)


def _defaults(turn: Turn) -> RoutineOptions:
    return RoutineOptions(level=turn.level, focus=turn.focus, equipment=turn.equipment)


def _main_areas(knowledge: Knowledge, exercise_ids: Sequence[str]) -> frozenset[str]:
    """The one area most of the listed exercises work; empty for a general or mixed list."""
    counts: dict[str, int] = {}
    for entry_id in exercise_ids:
        for area in knowledge.exercises[entry_id].areas if entry_id in knowledge.exercises else ():
            counts[area] = counts.get(area, 0) + 1
    main = frozenset(a for a, n in counts.items() if n * 2 > len(exercise_ids))
    return main if len(main) == 1 else frozenset()


def _senior_track(knowledge: Knowledge, exercise_ids: Sequence[str]) -> bool:
    """Whether a topic is about the senior track: its exercises are all marked for seniors."""
    exercises = [knowledge.exercises[e] for e in exercise_ids if e in knowledge.exercises]
    return bool(exercises) and all(x.senior and x.kind != "activity" for x in exercises)


def _kit_fits(topic_kit: str | None, stated: str | None) -> bool:
    """Whether a topic about some kit ("gym equipment for the lower back") suits the message:
    it must name that kit or more."""
    if topic_kit is None:
        return True
    return stated is not None and equipment_rank(stated) >= equipment_rank(topic_kit)


def _reminder_intent(action: Action, asked: str) -> str:
    if isinstance(action, SetReminder):
        return "reminder_set"
    if isinstance(action, CancelReminders):
        return "reminder_cancel"
    if isinstance(action, ListReminders):
        return "reminder_list"
    return asked
