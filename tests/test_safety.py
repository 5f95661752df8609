"""Red-flag triage and the medical-scope guard, against the real knowledge/safety.yaml."""

from __future__ import annotations

import dataclasses
import functools
import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.brain.safety import SafetyRules, Triage, medical_request, parse_safety, triage
from tests.yaml_edits import DELETE, broken

SAFETY_FILE = Path(__file__).resolve().parents[1] / "knowledge" / "safety.yaml"
NAME = "knowledge/safety.yaml"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    with SAFETY_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture(scope="module")
def rules(raw: dict[str, Any]) -> SafetyRules:
    parsed, errors = parse_safety(raw, NAME)
    assert errors == []
    assert parsed is not None
    return parsed


def test_real_safety_file_is_valid_and_has_both_tiers(rules: SafetyRules) -> None:
    assert {f.tier for f in rules.flags} == {"emergency", "urgent"}
    assert set(rules.advice) == {"emergency", "urgent"}
    assert [m.category for m in rules.medical] == ["medication", "scan", "diagnosis", "products"]
    assert all(f.id.startswith("red_flag.") and f.label and f.patterns for f in rules.flags)


# --- emergency: every flag, several phrasings, typos included ---------------------------

EMERGENCY = [
    ("numb between my legs and can't pee since this morning", "red_flag.saddle_numbness"),
    ("i can't feel my groin since this morning", "red_flag.saddle_numbness"),
    ("numbnes in my groin", "red_flag.saddle_numbness"),
    ("tinglin around my privates", "red_flag.saddle_numbness"),
    ("tingleing in my groin and bum", "red_flag.saddle_numbness"),
    ("my bum has gone numb", "red_flag.saddle_numbness"),
    ("I have saddle anaesthesia", "red_flag.saddle_numbness"),
    ("doctor said it might be cauda equina", "red_flag.cauda_equina"),
    ("could this be corda equina??", "red_flag.cauda_equina"),
    ("i cant pee", "red_flag.bladder_bowel"),
    ("I CAN'T PEE!!!", "red_flag.bladder_bowel"),
    ("i cnt pee", "red_flag.bladder_bowel"),
    ("i've been having trouble peeing since my back went", "red_flag.bladder_bowel"),
    ("i haven't peed since yesterday", "red_flag.bladder_bowel"),
    ("bladdr problems since tuesday", "red_flag.bladder_bowel"),
    ("my bladdder isnt working", "red_flag.bladder_bowel"),
    ("i wet myself this morning", "red_flag.bladder_bowel"),
    ("i pooped myself", "red_flag.bladder_bowel"),
    ("i lost control of my bowels", "red_flag.bladder_bowel"),
    ("i have no control over my bladder", "red_flag.bladder_bowel"),
    ("i can not control my bladder anymore", "red_flag.bladder_bowel"),
    ("both legs gone weak", "red_flag.leg_weakness"),
    ("both legz gone weak", "red_flag.leg_weakness"),
    ("my legs are both weak", "red_flag.leg_weakness"),
    ("both of my legs feel numb", "red_flag.leg_weakness"),
    ("my left leg is getting weaker every day", "red_flag.leg_weakness"),
    ("my legs keep giving way", "red_flag.leg_weakness"),
    ("i have foot drop since the back pain started", "red_flag.leg_weakness"),
    # one leg, then the other ("and now" starts a new clause); both knees, so both legs
    ("the numbness started in my right leg and now the left one is numb too", "red_flag.leg_weakness"),
    ("numb from the knees down since this morning, back aches", "red_flag.leg_weakness"),
    ("sus piernas are weak since yesterday", "red_flag.leg_weakness"),
    # signs told the Spanglish or Hinglish way
    ("peshab karne mein dikkat ho rahi hai, back pain bhi", "red_flag.bladder_bowel"),
    ("urine nahi aata, kamar mein dard", "red_flag.bladder_bowel"),
    ("dolor en el pecho and my back hurts", "red_flag.chest_pain"),
    ("seene mein dard aur kamar mein bhi", "red_flag.chest_pain"),
    ("pain in his chest going through to his back", "red_flag.chest_pain"),
    ("my back pain is coming out through the front of my chest", "red_flag.chest_pain"),
    ("i dont feel anything when i sit on the loo", "red_flag.saddle_numbness"),
    ("crashed my car on friday", "red_flag.major_trauma"),
    ("i crashd my car", "red_flag.major_trauma"),
    ("fell off a ladder", "red_flag.major_trauma"),
    ("fell of a ladder yesterday", "red_flag.major_trauma"),
    ("i fell down the stairs and now my back hurts", "red_flag.major_trauma"),
    ("i was in a car accident yesterday", "red_flag.major_trauma"),
    ("got rear-ended on the motorway", "red_flag.major_trauma"),
    ("chest pain", "red_flag.chest_pain"),
    ("chest pian and back pain", "red_flag.chest_pain"),
    ("i have pain in my chest and back", "red_flag.chest_pain"),
    ("chest and upper back pain since lunch", "red_flag.chest_pain"),
    ("crushing pain in my chest", "red_flag.chest_pain"),
    ("back pain going through to my chest", "red_flag.chest_pain"),
    ("i fell through the floor at work", "red_flag.major_trauma"),
    ("slipped on ice and landed hard on my back", "red_flag.major_trauma"),
    ("urine leaks when i cough", "red_flag.bladder_bowel"),
    ("numbness in both feet", "red_flag.leg_weakness"),
    # families first missed by safety probe 6 (new phrasings, not its messages)
    ("i started leaking when i cough this week", "red_flag.bladder_bowel"),
    ("my thigh is getting thinner and weak and it's getting worse", "red_flag.leg_weakness"),
    ("got skittled by a ute on my way to work, back is sore", "red_flag.major_trauma"),
    ("tripped down a whole flight of stairs at work", "red_flag.major_trauma"),
    # families found by blind probe 14 (each a twin in words of our own, near misses below)
    ("since last night i'm not having any sensation down in my groin, back is bad", "red_flag.saddle_numbness"),
    ("my back went and i can barely feel anything down there now", "red_flag.saddle_numbness"),
    ("i need to wee all morning but nothing comes out and my back is agony", "red_flag.bladder_bowel"),
    ("since my back went my stream is weaker and i have to strain to pee", "red_flag.bladder_bowel"),
    ("back has been terrible and i didn't realise i'd wet myself", "red_flag.bladder_bowel"),
    ("dad can't feel his legs properly since his back flared", "red_flag.leg_weakness"),
    ("my right knee gives way on the stairs now, sciatica all week", "red_flag.leg_weakness"),
    ("my leg has gotten weak compared to a fortnight ago, back hurts", "red_flag.leg_weakness"),
    ("my left leg is much weaker than it was in the summer and my back aches", "red_flag.leg_weakness"),
    ("my back hurts and i'm dragging it when i walk, the right leg", "red_flag.leg_weakness"),
    ("i can't push off with my right foot any more, lower back pain too", "red_flag.leg_weakness"),
    ("last month i did calf raises fine, now i can't do a single one, back is sore", "red_flag.leg_weakness"),
    ("the ladder gave way under me yesterday and now my back is sore", "red_flag.major_trauma"),
    ("dropped about three metres off the loading bay, back hurts", "red_flag.major_trauma"),
    ("something squeezing my chest and my upper back hurts", "red_flag.chest_pain"),
    # texting shorthand and dropped g's (`shorthand` in safety.yaml)
    ("cnt feel ma legz at all n ma bak is killin", "red_flag.leg_weakness"),
    ("bk hurtz since i fel off da ladr yday", "red_flag.major_trauma"),
    ("ma bak hrts n i cnt pee", "red_flag.bladder_bowel"),
    # probe-15 families (text-speak, autocorrect), in words of our own
    ("both my inner thys r numb n lowr bk aches", "red_flag.saddle_numbness"),
    ("cantfeel my junk since my back went", "red_flag.saddle_numbness"),
    ("pood maself without noticing, back is killing", "red_flag.bladder_bowel"),
    ("my bowl habits r all over the place since my back went", "red_flag.bladder_bowel"),
    ("my blatter just goes on its own, lower back sore", "red_flag.bladder_bowel"),
    ("chst crushd feeling n my bk hurts", "red_flag.chest_pain"),
    ("no strength in either leg", "red_flag.leg_weakness"),
    # probe-16 families (second-language grammar, dictation, hypotheticals), our own wording
    ("my private area feels like frozen since yesterday and back hurts", "red_flag.saddle_numbness"),
    ("i not feel my sex area since this morning, back pain also", "red_flag.saddle_numbness"),
    ("since morning the pee does not go out and my back is bad", "red_flag.bladder_bowel"),
    ("i did toilet in my trousers without knowing, back pain two days", "red_flag.bladder_bowel"),
    ("both my legs are sleeping since morning and back is paining", "red_flag.leg_weakness"),
    ("my legs are cotton and my back hurts, i can't stand long", "red_flag.leg_weakness"),
    ("i have fallen today from the roof on my back", "red_flag.major_trauma"),
    ("we were in accident of car yesterday, my back hurts", "red_flag.major_trauma"),
    ("a van hit us at the lights and now my back hurts a lot", "red_flag.major_trauma"),
    ("i was ten metres up the wall when my rope slipped and my back hurts", "red_flag.major_trauma"),
    ("in my chest it presses and my back between the shoulders hurts", "red_flag.chest_pain"),
    ("back hurting and chest also paining since the morning", "red_flag.chest_pain"),
    ("my groan area is all num and my lower back is killing me", "red_flag.saddle_numbness"),
    ("hypothetically if someone couldn't feel their groin, that's happening to me", "red_flag.saddle_numbness"),
    # probe-17 families (regional Englishes, clinicians' shorthand, humour), our own wording
    ("cannae get a wee oot since last neet an ma back's killin", "red_flag.bladder_bowel"),
    ("i cyaan hold mi water and mi back a hurt", "red_flag.bladder_bowel"),
    ("since yesterday i no fit hold my pee, back dey pain me", "red_flag.bladder_bowel"),
    ("me back's gone and i wet up miself twice", "red_flag.bladder_bowel"),
    ("pt c/o LBP, reduced saddle sensation since am", "red_flag.saddle_numbness"),
    ("LBP + altered sensation S4 S5 since yesterday", "red_flag.saddle_numbness"),
    ("LBP with bilat LL weakness since this am", "red_flag.leg_weakness"),
    ("got lick dung by a van and mi back a hurt", "red_flag.major_trauma"),
    ("pain in me back goin right through to me chest", "red_flag.chest_pain"),
    ("my chest dey pain me and my back too", "red_flag.chest_pain"),
    # probe-18 families (hedged, mixed negation, questions), our own wording
    ("might be nothing but the part where i sit has gone numb and my back aches", "red_flag.saddle_numbness"),
    ("when i wipe i can barely feel it, back has been bad", "red_flag.saddle_numbness"),
    ("i haven't been able to control my bladder since the back pain began", "red_flag.bladder_bowel"),
    ("no fever, just wet myself without noticing and my back hurts", "red_flag.bladder_bowel"),
    ("could be nothing but both my legs are weirdly tingly today and my back hurts", "red_flag.leg_weakness"),
    ("no tingling, only a tight chest and pain round to my back", "red_flag.chest_pain"),
    ("he fell off the forklift this morning and hurt his back", "red_flag.major_trauma"),
    # probe-20 families (the border of the list), our own wording
    ("since my back went there's no feeling where i sit on a chair", "red_flag.saddle_numbness"),
    ("between my legs feels dead since my back seized", "red_flag.saddle_numbness"),
    ("the numbness is spreading from my back down into my groin", "red_flag.saddle_numbness"),
    ("my inner thighs up near the groin went numb today and my back hurts", "red_flag.saddle_numbness"),
    ("since my back went i have to strain to get anything out when i pee", "red_flag.bladder_bowel"),
    ("it only dribbles when i try to wee now, back bad", "red_flag.bladder_bowel"),
    ("sciatica was one side but this week it's in both legs", "red_flag.leg_weakness"),
    ("fell off the shed roof onto the patio, back sore", "red_flag.major_trauma"),
    ("tightness in the centre of my chest and my upper back aches", "red_flag.chest_pain"),
    # probe-22 families (told through daily life), our own wording
    ("the towel on my inner thighs feels like nothing since my back went", "red_flag.saddle_numbness"),
    ("on the bus seat i can't feel my bottom at all, back pain since monday", "red_flag.saddle_numbness"),
    ("my legs folded under me on the stairs and my back hurts", "red_flag.leg_weakness"),
    ("flipped the tractor last week and my back is getting worse", "red_flag.major_trauma"),
    ("the front of my chest feels tight and heavy and my back hurts", "red_flag.chest_pain"),
    ("no feeling in both feet since this morning", "red_flag.leg_weakness"),
    ("my chest is paining and my back too", "red_flag.chest_pain"),
]


@pytest.mark.parametrize(
    ("message", "flag"), EMERGENCY, ids=[f"{f.split('.')[1]}:{m[:32]}" for m, f in EMERGENCY]
)
def test_emergency_flags_are_raised(rules: SafetyRules, message: str, flag: str) -> None:
    result = triage(message, rules)
    assert result.tier == "emergency"
    assert flag in result.flags
    assert result.advice == rules.advice["emergency"]


# --- urgent ------------------------------------------------------------------------------

URGENT = [
    ("night sweats and fever", "red_flag.fever"),
    ("nite sweats and a fevr", "red_flag.fever"),
    ("i have the chills and my back aches", "red_flag.fever"),
    ("running a temperature with back pain", "red_flag.fever"),
    ("i've lost a lot of weight without trying", "red_flag.weight_loss"),
    ("unexplained weight loss and back pain", "red_flag.weight_loss"),
    ("i had breast cancer 3 years ago and now my back hurts", "red_flag.cancer_history"),
    ("history of prostate cancer", "red_flag.cancer_history"),
    ("severe pain at night that wakes me up", "red_flag.night_pain"),
    ("the pain is worse at night and when lying down", "red_flag.night_pain"),
    ("i can't sleep because of the pain", "red_flag.night_pain"),
    ("dropped 6kg without trying", "red_flag.weight_loss"),
    ("the pain is unbearable at night", "red_flag.night_pain"),
    ("i have osteoporosis and i fell yesterday", "red_flag.bone_risk_fall"),
    ("i take steroids for asthma but i slipped on ice", "red_flag.bone_risk_fall"),
    # families first missed by safety probe 6 (new phrasings, not its messages)
    ("as soon as i get into bed my back pain spikes and i cant settle", "red_flag.night_pain"),
    ("the only way i can sleep is sitting up in the recliner", "red_flag.night_pain"),
    ("my back pain is so bad at night i end up in tears", "red_flag.night_pain"),
    ("cant sleep because of my back, it keeps me up", "red_flag.night_pain"),
    ("lower back ache plus a temprature since yesterday", "red_flag.fever"),
    ("off my food for weeks and lost about 5 kilos, back aches", "red_flag.weight_loss"),
    ("his belt is on the tightest notch and he hasn't changed anything", "red_flag.weight_loss"),
    ("weight is dropping off even though i eat loads", "red_flag.weight_loss"),
    ("on denosumab injections, slipped on the path", "red_flag.bone_risk_fall"),
    ("i have bone thinning and tripped over the dog", "red_flag.bone_risk_fall"),
    # a bump onto the bottom with fragile bones is urgent, not the emergency of a major fall
    ("on prednisolone and bumped down hard onto my bottom off a chair", "red_flag.bone_risk_fall"),
    # families first missed by safety probe 7 (new phrasings, not its messages)
    ("tengo fiebre y dolor de espalda", "red_flag.fever"),
    ("my dad has a temperature and a sore back", "red_flag.fever"),
    ("weight loss no reason and my back aches", "red_flag.weight_loss"),
    ("yes, unintentional, maybe 4 kilos this year", "red_flag.weight_loss"),
    ("she is on tablets after breast cancer and her back aches now", "red_flag.cancer_history"),
    ("mi abuela tuvo cancer and now her back hurts", "red_flag.cancer_history"),
    ("pichle saal cancer tha, ab kamar mein dard", "red_flag.cancer_history"),
    ("it aches even when im not moving at all", "red_flag.night_pain"),
    # families found by blind probe 14
    ("my back pain in the night is unbearable", "red_flag.night_pain"),
    ("the pain is so serious at night, in the day it is fine", "red_flag.night_pain"),
    ("back pain and i cant sleep at all", "red_flag.night_pain"),
    ("eating normally yet the scales keep dropping, and my back aches", "red_flag.weight_loss"),
    ("i eat as usual but i'm down 6 kg since spring, sore back", "red_flag.weight_loss"),
    ("on prednisolone and went flying on the stairs, back hurts", "red_flag.bone_risk_fall"),
    ("she has osteoporosis and slid out of her chair onto the floor", "red_flag.bone_risk_fall"),
    ("kamar mein dard hai aur bukhar bhi hai", "red_flag.fever"),
    ("cant stop shaking, my back is killing me", "red_flag.fever"),
    ("going hot then cold all night and my back aches", "red_flag.fever"),
    ("my jeans are falling off me and i'm not dieting, back aches", "red_flag.weight_loss"),
    ("dropped 5 kg this month dunno how, back hurts", "red_flag.weight_loss"),
    ("lost loads of wait without trying and my back is sore", "red_flag.weight_loss"),
    ("weight dropped a lot, not dieting, my back aches", "red_flag.weight_loss"),
    ("i am becoming thin for no reason and my back hurts", "red_flag.weight_loss"),
    ("went from 90 to 80 kilos since june without changing anything, back sore", "red_flag.weight_loss"),
    ("lying is impossible, my back pain is the worst in bed", "red_flag.night_pain"),
    ("at night the back pain is too much, i cannot find a position", "red_flag.night_pain"),
    ("i have oster porosis and fell in the garden, back hurts", "red_flag.bone_risk_fall"),
    ("lost a stone wioot tryin and ma back's sair", "red_flag.weight_loss"),
    ("ain't even trying but i dropped 15 pounds and my back hurts", "red_flag.weight_loss"),
    ("back pain, wt loss 6kg not trying", "red_flag.weight_loss"),
    ("PMH ca breast 2018, new back pain", "red_flag.cancer_history"),
    ("my back keeps waking me up screaming", "red_flag.night_pain"),
    ("lying in bed, honestly it's unbearable", "red_flag.night_pain"),
    ("on prednisolone and slipped yesterday, back sore", "red_flag.bone_risk_fall"),
    ("known osteoporosis, mechanical fall today, back pain", "red_flag.bone_risk_fall"),
    ("when i lie flat the back pain becomes severe", "red_flag.night_pain"),
    ("my back is agony whenever i lie down", "red_flag.night_pain"),
    ("i have lost loads without trying and my back aches", "red_flag.weight_loss"),
    # probe-19 families (the most ordinary phrasings)
    ("lower back pain and weight loss, should i worry", "red_flag.weight_loss"),
    ("weight loss and back ache for a month now", "red_flag.weight_loss"),
    ("the pain in my back keeps me awake every night", "red_flag.night_pain"),
    ("every night the pain in my back wakes me up", "red_flag.night_pain"),
    ("can't find a position in bed that doesn't hurt, my back", "red_flag.night_pain"),
    ("sleeping upright in the armchair since lying down makes my back agony", "red_flag.night_pain"),
    ("my ribs broke from just coughing before, and today i slipped in the kitchen, back sore", "red_flag.bone_risk_fall"),
    ("gone down three clothes sizes without trying, back aching", "red_flag.weight_loss"),
    # probe-21 families (life stages), our own wording
    ("down three belt notches without trying and my back is sore", "red_flag.weight_loss"),
    ("my dad cries at night with his back when he lies down", "red_flag.night_pain"),
    ("the back pain at night is the worst i've ever felt", "red_flag.night_pain"),
    ("i have osteoporosis and stumbled on the kerb, back hurts", "red_flag.bone_risk_fall"),
    # probe-13 families (numbers): twins of our own wording
    ("39.4 temperature since last night and my back is sore", "red_flag.fever"),
    ("my thermometer app says i'm at 38.6 now, back aching badly", "red_flag.fever"),
    ("went from 80kg to 70kg since june and i am not dieting, lower back hurts", "red_flag.weight_loss"),
    ("the pain is 10/10 once i lie flat", "red_flag.night_pain"),
    ("back pain 9 out of 10 every night", "red_flag.night_pain"),
    ("bukhar hai aur dard nahi jata", "red_flag.fever"),
]


@pytest.mark.parametrize(
    ("message", "flag"), URGENT, ids=[f"{f.split('.')[1]}:{m[:32]}" for m, f in URGENT]
)
def test_urgent_flags_are_raised(rules: SafetyRules, message: str, flag: str) -> None:
    result = triage(message, rules)
    assert result == Triage("urgent", (flag,), rules.advice["urgent"])


def test_emergency_beats_urgent_and_both_flags_are_reported(rules: SafetyRules) -> None:
    result = triage("I have a fever and since this morning I can't pee", rules)
    assert result.tier == "emergency"
    assert set(result.flags) == {"red_flag.fever", "red_flag.bladder_bowel"}
    assert result.advice == rules.advice["emergency"]


# --- negation and ordinary messages: no flag -----------------------------------------------

NO_FLAG = [
    ("no numbness, no fever, just stiff", "negated-list"),
    ("no numbness or tingling, just stiff after sitting", "negated-or"),
    ("i don't have any bladder problems", "dont-have-any"),
    ("not numb anymore?", "not-anymore"),
    ("no sign of any numbness in my groin", "no-sign-of"),
    ("i've never had bladder or bowel problems", "never"),
    ("no fever, no weight loss, no night pain", "several-negated"),
    ("neither numbness nor tingling", "neither-nor"),
    ("without any numbness in my legs", "without"),
    ("my lower back is sore after deadlifts", "sore-after-deadlifts"),
    ("how do i do a bridge", "bridge"),
    ("pain in my upper back when i sit", "upper-back-sitting"),
    ("i fell asleep on the couch and my back hurts", "fell-asleep"),
    ("i have a bad back and fell asleep at my desk", "bad-back-fell-asleep"),
    ("my legs feel tired after squats", "tired-legs"),
    ("my legs feel weak after leg day", "weak-after-leg-day"),
    ("chest exercises?", "chest-exercises"),
    ("my upper back hurts after chest day", "chest-day"),
    ("what stretches help a tight chest and rounded shoulders", "tight-chest-posture"),
    ("can i do planks with a cold", "plank-with-a-cold"),
    ("does exercise help with hay fever", "hay-fever"),
    ("which exercises help with weight loss", "weight-loss-goal"),
    ("my back pain is worse in the morning", "worse-in-the-morning"),
    ("how do i avoid falling when doing lunges", "avoid-falling"),
    ("i had to cancel my gym session", "cancel-is-not-cancer"),
    ("i do fewer reps now", "fewer-is-not-fever"),
    ("my gym plans fell through so i trained at home", "plans-fell-through"),
    ("i wake up in pain every morning", "morning-pain"),
    ("my legs are going to give up on squats lol", "give-up-on-squats"),
    ("i lift weights and want to lose weight", "weights"),
    # near misses of the patterns widened for safety probe 6
    ("pacing the house at 3am with the newborn, back aches", "pacing-with-a-newborn"),
    ("when i go to bed i have terrible dreams", "terrible-dreams-in-bed"),
    ("i just sleep in my chair after lunch", "nap-in-a-chair"),
    ("my weight is going down even though i eat clean, diet is working", "diet-working"),
    ("my feet hurt from slapping on the pavement when i run", "feet-slapping-when-running"),
    ("on steroids and slid down to the bottom of the bed", "slid-down-the-bed"),
    ("back pain and a temp job, any desk stretches?", "temp-job"),
    ("i leak when i sneeze, have done since my kids were born years ago, nothing new", "old-stress-leak"),
    ("my thighs are thin and weak, what exercises build them?", "thin-weak-thighs-as-a-goal"),
    # near misses of the patterns widened for safety probe 7
    ("my right leg is numb from the knee down, sciatica i think", "one-knee-down"),
    ("the weight loss was the reason i started running", "weight-loss-had-a-reason"),
    ("it only aches when im moving, fine at rest", "aches-only-when-moving"),
    ("raised money for breast cancer research with a run, now my back aches", "cancer-research-run"),
    ("i dont feel anything when i stretch my hamstrings", "feel-nothing-stretching"),
    ("mi papa tiene back pain, worried it might be cancer?", "present-tense-worry-about-cancer"),
    ("my other leg feels fine, its just the left that aches", "other-leg-fine"),
    ("", "empty"),
    ("!!! ??? ...", "punctuation-only"),
    # near misses of the probe-14 families
    ("my back pain in the night is much better since the new mattress", "night-pain-better"),
    ("i can't sleep at all before exams", "no-sleep-no-pain"),
    ("eating normally and my weight is steady, back a bit stiff", "weight-steady"),
    ("the calf raises were hard, i can't do many", "calf-raises-tiring"),
    ("went flying on the ice rink and laughed, back is fine", "fall-no-bone-risk"),
    ("bukhar nahi hai bas kamar dard", "hindi-negative-after-the-noun"),
    ("deadlift 38.5 kg and my back hurts", "decimal-weight"),
    ("hot and cold packs for back pain", "hot-and-cold-treatment"),
    ("junk food is my weakness and my lower back aches", "junk-food"),
    ("my jeans are loose since i started dieting, back is stiff", "clothes-loose-on-a-diet"),
    ("cant sleep cuz of exams, back bit stiff in the morning", "sleep-lost-to-something-else"),
    ("my bum is frozen from the cold bench at the match", "bum-cold-not-numb"),
    ("my legs are cotton after the run but my back is fine", "legs-tired-from-sport"),
    ("legs went dead sitting on the toilet too long, back a bit achy", "legs-dead-from-sitting"),
    ("LBP, FHx ca breast, otherwise well", "family-history"),
    ("no numbness or any bladder problems, just a sore back", "or-any-carries-the-denial"),
    ("my foot goes numb when i sit on it", "foot-numb-sitting-on-it"),
    ("back pain and weight loss goals, what exercises fit both", "weight-loss-goal"),
    ("any tips for back pain and a weight loss plan", "weight-loss-plan"),
    ("menopause night sweats and a stiff back, what helps", "menopause-night-sweats"),
    ("legs like jelly at the end of the marathon, back a bit tight", "jelly-legs-after-a-race"),
    ("legs feel dead after deadlifts today, back fine", "dead-legs-after-deadlifts"),
    ("my bum goes numb on the rowing machine", "numb-on-the-rower"),
    ("night sweats from the perimenopause, lower back a bit tight", "perimenopause-sweats"),
    ("ma bak iz killin me aftr the gym, nt numb or anythin", "shorthand-negated"),
    ("ran 39.2 km and my back aches", "decimal-distance"),
    ("pain is 3/10 when i lie down", "low-pain-score"),
    ("lost 5kg on a diet and my back aches", "weight-on-a-diet"),
    ("kamar akad gayi, bukhar vagera kuch nahi", "hindi-no-fever-or-anything"),
]


@pytest.mark.parametrize(("message", "case"), NO_FLAG, ids=[c for _, c in NO_FLAG])
def test_negated_and_ordinary_messages_raise_no_flag(
    rules: SafetyRules, message: str, case: str
) -> None:
    assert triage(message, rules) == Triage(None, (), "")


NEGATION_SCOPE = [
    ("no fever but i can't feel my groin", "emergency", "but-ends-negation"),
    ("no fever, i can't feel my groin", "emergency", "comma-new-subject"),
    ("no fever and my groin is numb", "emergency", "and-new-subject"),
    ("no fever. I wet myself", "emergency", "sentence-ends-negation"),
    ("i'm not sure if it matters but i wet myself", "emergency", "not-sure-is-no-negation"),
    ("i don't know why, my groin is numb", "emergency", "dont-know-is-no-negation"),
    ("no idea why but both legs are weak", "emergency", "no-idea"),
    ("not long ago i fell off a ladder", "emergency", "not-long-ago"),
    ("i haven't been able to pee", "emergency", "symptom-said-negatively"),
    ("no fever, chills or night sweats", None, "list-stays-negated"),
    # a checklist the writer answers: "sign? no." denies it, and only that sign
    ("fever? no. weight loss? no. just a stiff back", None, "asked-and-answered-no"),
    ("chest pain? nope, just a sore upper back", None, "answered-nope"),
    ("fever? yes. back pain? yes", "urgent", "answered-yes"),
    ("is this chest pain? no idea, it hurts between my shoulder blades too", "emergency", "no-idea-is-no-answer"),
    ("why do i get chest pain? no one knows", "emergency", "no-one-is-no-answer"),
    ("fever? no. but i cant feel my groin", "emergency", "answer-negates-only-its-sign"),
]


@pytest.mark.parametrize(
    ("message", "tier", "case"), NEGATION_SCOPE, ids=[c for _, _, c in NEGATION_SCOPE]
)
def test_negation_is_scoped_to_its_clause(
    rules: SafetyRules, message: str, tier: str | None, case: str
) -> None:
    assert triage(message, rules).tier == tier


# --- long messages -------------------------------------------------------------------------

FILLER = (
    "I have been doing the routine most mornings and the stretches feel good, "
    "although sitting at my desk all day still makes my lower back stiff. "
)


def test_flag_buried_in_a_long_message_is_found(rules: SafetyRules) -> None:
    message = FILLER * 20 + "Oh and since yesterday I can't feel my groin. " + FILLER * 20
    assert triage(message, rules).flags == ("red_flag.saddle_numbness",)


def test_negated_flag_in_a_long_message_stays_negated(rules: SafetyRules) -> None:
    message = FILLER * 20 + "No numbness in my groin and no fever. " + FILLER * 20
    assert triage(message, rules).tier is None


def test_ten_thousand_character_messages_are_triaged(rules: SafetyRules) -> None:
    quiet = (FILLER * 80)[:10_000]
    loud = quiet[:9_950] + ". Also I wet myself."
    assert len(quiet) == 10_000
    assert triage(quiet, rules).tier is None
    assert medical_request(quiet, rules) is None
    assert triage(loud, rules).flags == ("red_flag.bladder_bowel",)


def test_ten_thousand_characters_of_unknown_words_are_triaged(rules: SafetyRules) -> None:
    gibberish = " ".join(f"zq{i}x wibblefrob{i % 97}" for i in range(600))[:10_000]
    assert triage(gibberish, rules).tier is None
    assert triage(gibberish + " and both legs gone weak", rules).tier == "emergency"


def test_newlines_end_a_clause(rules: SafetyRules) -> None:
    assert triage("no fever\ni can't pee", rules).tier == "emergency"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_triage_accepts_any_text(text: str) -> None:
    rules = _real_rules()
    result = triage(text, rules)
    assert result.tier in (None, "emergency", "urgent")
    assert (result.tier is None) == (result.flags == ()) == (result.advice == "")
    assert medical_request(text, rules) in (None, "medication", "scan", "diagnosis")


@functools.cache
def _real_rules() -> SafetyRules:
    """The real rules, parsed once (hypothesis tests cannot take module fixtures)."""
    parsed, _ = parse_safety(yaml.safe_load(SAFETY_FILE.read_text(encoding="utf-8")), NAME)
    assert parsed is not None
    return parsed


# --- advice ------------------------------------------------------------------------------


def test_advice_sends_to_emergency_or_doctor_and_suggests_no_exercise(rules: SafetyRules) -> None:
    emergency, urgent = rules.advice["emergency"].lower(), rules.advice["urgent"].lower()
    assert "emergency" in emergency and "do not do any exercises" in emergency
    assert "doctor today" in urgent and "hold off on the exercises" in urgent
    for text in (emergency, urgent):
        for word in ("stretch", "plank", "bridge", "walk", "routine", "try "):
            assert word not in text


def test_triage_result_is_frozen(rules: SafetyRules) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        triage("chest pain", rules).tier = None  # type: ignore[misc]


def test_labels_are_human_text(rules: SafetyRules) -> None:
    assert "groin" in rules.label("red_flag.saddle_numbness").lower()
    assert rules.label("red_flag.unknown") == "red_flag.unknown"


# --- medical requests -----------------------------------------------------------------------

MEDICAL = [
    ("how much ibuprofen should i take", "medication"),
    ("can i take naproxen with my exercises", "medication"),
    ("what painkillers work best for back pain", "medication"),
    ("are muscle relaxants a good idea", "medication"),
    ("how many mg of paracetamol is safe", "medication"),
    ("what's the right dosage of tylenol", "medication"),
    ("should i take something for the pain", "medication"),
    ("can you read my mri report", "scan"),
    ("what does my x-ray say", "scan"),
    ("can you explain my scan results", "scan"),
    ("my mri says l4 l5 disc bulge, what does that mean", "scan"),
    ("do i need an mri", "scan"),
    ("do i have sciatica", "diagnosis"),
    ("is it a slipped disc", "diagnosis"),
    ("could this be a herniated disc", "diagnosis"),
    ("what's wrong with my back", "diagnosis"),
    ("what is causing my back pain", "diagnosis"),
    ("can you diagnose me", "diagnosis"),
    ("i don't want painkillers, just exercises", None),
    ("i'm not on any medication", None),
    ("i do meditation for my back pain", None),
    ("what relaxation exercises help my back", None),
    ("which exercises help sciatica", None),
    ("is it ok to do planks with sciatica", None),
    ("how many reps should i do", None),
    ("what is the right dose of exercise for beginners", None),
    ("do i have to do this every day", None),
    ("i was diagnosed with sciatica, what exercises can i do", None),
    ("can you explain the bird dog", None),
    ("i had an mri last year and it was fine, which exercises help", None),
]


@pytest.mark.parametrize(
    ("message", "category"), MEDICAL, ids=[f"{c}:{m[:32]}" for m, c in MEDICAL]
)
def test_medical_requests_are_recognised(
    rules: SafetyRules, message: str, category: str | None
) -> None:
    assert medical_request(message, rules) == category


def test_medical_replies_refuse_politely_and_never_give_a_dose(rules: SafetyRules) -> None:
    medication = rules.medical_reply("medication").lower()
    assert "pharmacist" in medication and "label" in medication
    assert "doctor" in rules.medical_reply("scan").lower()
    assert "doctor" in rules.medical_reply("diagnosis").lower()
    for topic in rules.medical:
        assert "mg" not in topic.reply.split() and not any(ch.isdigit() for ch in topic.reply)



# Families the refusals once missed, in phrasings of our own: at least two refused and one near
# miss (ordinary exercise talk that shares their words) per family. Treatments are refused with
# the products reply, which names them.
MEDICAL_FAMILIES = [
    # a treatment judged, or a practitioner sought; one merely quoted asks nothing of it
    ("is it worth seeing an osteopath for my lower back", "products", "treatment-osteopath-worth"),
    ("would acupuncture help my sciatica", "products", "treatment-acupuncture-help"),
    ("thinking about booking a chiropractor, good idea?", "products", "treatment-book-chiropractor"),
    ("my physio gave me exercises, how do i do the bridge", None, "treatment-physio-exercises"),
    ("the osteopath said my glutes are weak, what works them", None, "treatment-osteopath-quoted"),
    ("had a massage yesterday, back still stiff, what stretches", None, "treatment-massage-told"),
    ("does kt tape work for back pain", "products", "treatment-tape-works"),
    # heat or cold on a sore back; heat as a warm-up, or ice as the ground, is not that
    ("ice pack or heat pad tonight? lower back stiff from gardening", "products", "heat-ice-pack-or-pad"),
    ("should i ice my back after deadlifts", "products", "heat-should-i-ice"),
    ("should i warm up with heat", None, "heat-warm-up"),
    ("should i stretch when warm or cold", None, "heat-stretch-warm-or-cold"),
    ("slipped on ice last winter, healed now, want a stronger lower back", None, "heat-ice-underfoot"),
    # surgery and injections asked about; a past operation told is not
    ("my surgeon wants to do a discectomy, should i have it", "products", "surgery-should-i-have-it"),
    ("are epidural injections safe for a bad back", "products", "surgery-epidural-safe"),
    ("had a back operation ten years ago, which exercises suit me", None, "surgery-past"),
    # kit bought for a bad back; kit used for an exercise, or naming one, is exercise talk
    ("what running shoes are good for lower back pain", "products", "kit-shoes"),
    ("any ergonomic chair you would recommend for home working", "products", "kit-chair"),
    ("which doorway chin up bar should i buy", "products", "kit-pull-up-bar"),
    ("can i do the plank on a yoga mat", None, "kit-yoga-mat"),
    ("how do i do a band row with a door anchor", None, "kit-door-anchor"),
    ("best chair exercises for back pain", None, "kit-chair-exercises"),
    ("best pull up bar exercises for lats", None, "kit-pull-up-bar-exercises"),
    ("how much weight should i start with", None, "kit-starting-weight"),
    # supplements, rubs and patches
    ("is glucosamine worth taking for back pain", "medication", "supplement-glucosamine"),
    ("does vitamin d help back pain", "medication", "supplement-vitamin"),
    ("should i rub ibuleve or a heat cream on it", "medication", "rub-or-cream"),
    ("is swimming good for my back", None, "supplement-swimming"),
    ("what does the superman work", None, "supplement-superman-works"),
    # report wording, which scan, whether to press for one; a clear scan told is not
    ("the report says mild spondylosis, is that bad", "scan", "scan-report-wording"),
    ("what is foraminal narrowing", "scan", "scan-what-is-finding"),
    ("is it worth paying for a private mri", "scan", "scan-worth-it"),
    ("xray or mri for a bad back?", "scan", "scan-which-one"),
    ("my mri was clear, which exercises can i start with", None, "scan-clear"),
    ("exercises for a flat lower back", None, "scan-flat-back"),
    ("straightening up after bending hurts, is that normal", None, "scan-straightening-up"),
    # an either/or between conditions, or how to tell one, about one's own pain; exercises
    # for either condition are answered
    ("is it a disc or a muscle thing, hurts when i bend", "diagnosis", "dx-disc-or-muscle"),
    ("stabbing in my buttock, si joint or sciatica do you think", "diagnosis", "dx-joint-or-sciatica"),
    ("how can i tell if it is a trapped nerve", "diagnosis", "dx-how-to-tell"),
    ("might my back ache be arthritis", "diagnosis", "dx-might-it-be"),
    ("stretches for sciatica or piriformis syndrome", None, "dx-stretches-for-either"),
    ("which exercises help a herniated or bulging disc", None, "dx-exercises-for-either"),
    ("how do i know if i am doing the bird dog right", None, "dx-how-do-i-know-form"),
]


@pytest.mark.parametrize(("message", "category", "case"), MEDICAL_FAMILIES, ids=[c for *_, c in MEDICAL_FAMILIES])
def test_medical_families_are_refused_and_their_near_misses_answered(
    rules: SafetyRules, message: str, category: str | None, case: str
) -> None:
    assert medical_request(message, rules) == category


def test_products_reply_names_treatments_and_who_to_ask(rules: SafetyRules) -> None:
    reply = rules.medical_reply("products").lower()
    assert "physiotherapist" in reply and "doctor" in reply
    for treatment in ("heat or ice", "massage", "chiropractic", "injections", "surgery"):
        assert treatment in reply


# --- parse_safety errors -----------------------------------------------------------------





PARSE_ERRORS = [
    (("emergency", "flags", 2, "patterns"), DELETE,
     "emergency.flags[2].patterns: must be a non-empty list of strings", "missing-patterns"),
    (("emergency", "flags", 2, "patterns"), "cant pee",
     "emergency.flags[2].patterns: must be a non-empty list of strings", "patterns-not-a-list"),
    (("urgent", "flags", 0, "label"), DELETE,
     "urgent.flags[0].label: must be a non-empty string", "missing-label"),
    (("urgent", "flags", 1, "id"), 42,
     "urgent.flags[1].id: must be a non-empty string", "id-not-a-string"),
    (("urgent", "flags", 1, "id"), "red_flag.fever",
     "urgent.flags[1].id: duplicate id 'red_flag.fever'", "duplicate-id"),
    (("urgent", "flags", 1, "id"), "Weight Loss",
     "urgent.flags[1].id: 'Weight Loss' must look like", "bad-id"),
    (("emergency", "advice"), "",
     "emergency.advice: must be a non-empty string", "empty-advice"),
    (("urgent",), DELETE, "urgent: must be a mapping", "missing-tier"),
    (("shorthand",), ["bak", "back"], "shorthand: must be a mapping", "shorthand-not-a-mapping"),
    (("shorthand", "bak"), "the very lower back", "shorthand.bak: 'the very lower back' must be one to three",
     "shorthand-four-words"),
    (("shorthand", "bak"), "bak", "shorthand.bak: stands for itself", "shorthand-itself"),
    (("shorthand", "Bak!"), "back", "shorthand.Bak!: must be one lowercase word", "shorthand-bad-key"),
    (("medical", "scan", "reply"), ["a", "list"],
     "medical.scan.reply: must be a non-empty string", "reply-not-a-string"),
    (("medical", "diagnosis"), DELETE, "medical.diagnosis: must be a mapping", "missing-category"),
    (("emergency", "flags", 0, "patterns", 0), "$nosuchgroup ... groin",
     "emergency.flags[0].patterns[0]: '$nosuchgroup ... groin': unknown group '$nosuchgroup'",
     "unknown-group"),
    (("emergency", "flags", 0, "patterns", 0), "nu* groin",
     "emergency.flags[0].patterns[0]: 'nu* groin': 'nu*': a prefix needs at least 3 letters",
     "short-prefix"),
    (("emergency", "flags", 0, "patterns", 0), "... groin",
     "emergency.flags[0].patterns[0]: '... groin': each part needs words", "leading-gap"),
    (("emergency", "flags", 0, "patterns", 1), "$numb ... $groin",
     "emergency.flags[0].patterns[1]: duplicate pattern '$numb ... $groin'", "duplicate-pattern"),
    (("settings", "max_gap"), "three",
     "settings.max_gap: must be a whole number from 1 to 6", "gap-not-a-number"),
    (("negation", "negators"), [],
     "negation.negators: must be a non-empty list of strings", "no-negators"),
    (("typo_words",), ["bladder", "spleen"],
     "typo_words[1]: 'spleen' is not used by any pattern", "unused-typo-word"),
    (("emergency", "flags", 0, "colour"), "red",
     "emergency.flags[0].colour: unknown field", "unknown-field"),
]


@pytest.mark.parametrize(
    ("path", "value", "expected", "case"), PARSE_ERRORS, ids=[c for *_, c in PARSE_ERRORS]
)
def test_parse_errors_name_file_entry_and_field(
    raw: dict[str, Any], path: tuple[Any, ...], value: Any, expected: str, case: str
) -> None:
    parsed, errors = parse_safety(broken(raw, path, value), NAME)
    assert parsed is None
    assert any(e.startswith(f"{NAME}: {expected}") for e in errors), errors


@pytest.mark.parametrize("data", [None, [], "text"], ids=["none", "list", "string"])
def test_parse_rejects_a_file_that_is_not_a_mapping(data: object) -> None:
    assert parse_safety(data, NAME) == (None, [f"{NAME}: top level: must be a mapping"])


def test_parse_reports_every_problem_not_just_the_first(raw: dict[str, Any]) -> None:
    data = broken(raw, ("emergency", "flags", 0, "label"), "")
    data = broken(data, ("urgent", "flags", 0, "patterns"), [])
    _, errors = parse_safety(data, NAME)
    assert len(errors) == 2


def test_cancer_history_without_the_word_i_is_still_urgent(rules) -> None:
    result = triage("had prostate cancer, now my lower back hurts", rules)
    assert result.tier == "urgent" and "red_flag.cancer_history" in result.flags


# Discounts set a sign aside by family, never by example: each row pairs a message the family
# covers with a near twin it must not, so a discount that grows too wide fails here.
DISCOUNTED = [
    ("what's cauda equina? just curious", None, "hypothetical"),
    ("what's cauda equina?", "emergency", "hypothetical-without-a-cue"),
    ("is it normal that I can't feel my groin? just curious", "emergency", "hypothetical-about-me"),
    ("is numbness in the groin serious? just asking for a friend", "emergency", "asking-for-a-friend"),
    ("had a fever last week but it's completely gone now", None, "resolved"),
    ("fell off a ladder last week, not healed yet", "emergency", "resolution-negated"),
    ("T12 fracture years ago from osteoporosis, fell again yesterday", "urgent", "past-of-another-event"),
    ("my sister's had a fever all week, any stretches for me?", None, "someone-else"),
    ("my sister's had a fever all week and her back is killing her, any stretches for me?", "urgent",
     "someone-else-with-back-pain"),
    ("my sister says I have a fever, any stretches for me?", "urgent", "writer-is-the-subject"),
    ("my dad has been wetting himself since his back went, any stretches for me?", "emergency",
     "relative-with-an-emergency-sign"),
    ("chest feels tight from a cold, my back's fine", None, "harmless-cause"),
    ("chest feels tight from a cold and my back is agony", "emergency", "cause-but-back-pain"),
    ("fell off my bike and sprained my wrist", None, "fall-hurt-a-limb"),
    ("fell off my bike, sprained my wrist and my back hurts", "emergency", "fall-hurt-limb-and-back"),
    ("hit by a car, my arm is broken", "emergency", "crash-hurt-a-limb"),
    ("my back pain is agony every night, worse than last year", "urgent", "night-pain-compared-to-the-past"),
    ("the doctor said she thinks I have cancer, my back hurts", "urgent", "reported-speech-about-me"),
    ("do you get numbness in the groin with sciatica? just wondering as mine is weird", "emergency",
     "hypothetical-but-mine"),
    # numbness from pressure (sitting, kneeling), told as already gone
    ("my legs went numb sitting cross legged at yoga, came right after a minute", None, "pressure-numbness-gone"),
    ("my legs went numb sitting cross legged at yoga, it hasnt come right", "emergency",
     "pressure-numbness-not-gone"),
    ("bum went numb on a long bench and it is still numb today", "emergency", "pressure-numbness-still-there"),
    ("my bum went numb and went away after a while", "emergency", "numbness-gone-without-a-pressure-cause"),
    # a fall told with the back unhurt
    ("came off my bike last week, back totally fine, knee a bit sore", None, "fall-back-unhurt"),
    ("came off my bike on the motorway, back is fine", "emergency", "high-energy-fall-back-fine"),
    ("fell off a ladder, back is fine but it hurts when i twist", "emergency", "back-fine-but-it-hurts"),
    ("came off my bike last week, back fine but my legs are numb", "emergency", "back-fine-another-sign"),
    # a fever long past, however the time is told
    ("had a bad fever as a kid, any exercises for posture?", None, "fever-as-a-kid"),
    ("i had glandular fever in my teens, does that matter for deadlifts?", None, "fever-in-my-teens"),
    ("had flu with a fever back in 2019, stretches for a desk worker?", None, "fever-back-in-a-year"),
    ("fever since last night and my back aches", "urgent", "fever-now"),
    # someone else's crash or cancer, the writer unhurt
    ("my mate hurt his back in a motorbike accident, how do i avoid that?", None, "friends-crash"),
    ("i was in a motorbike accident, my mate was fine", "emergency", "writers-crash"),
    ("my friend hurt her neck in the car crash, I was driving and my back hurts", "emergency",
     "friends-crash-writer-there-too"),
    ("my dad hurt his back in a car crash yesterday", "emergency", "relatives-crash"),
    ("my husband had cancer, not me. what exercises for my core?", None, "relatives-cancer-not-mine"),
    ("my husband had cancer, not me, and now his back hurts", "urgent", "relatives-cancer-his-back"),
    # furniture is no chest
    ("moving a chest of drawers hurt my back", None, "chest-of-drawers"),
    ("my chest hurts and so does my back", "emergency", "chest-hurts"),
    # a term asked about without the "?" (chat often drops it), and the same from a worried writer
    ("whats the meaning of cauda equina, read about it in a magazine", None, "term-asked-about"),
    ("what does cauda equina mean, my gp thinks i might have it", "emergency", "term-asked-about-suspected"),
    ("what does cauda equina mean, cant feel my bum since monday", "emergency", "term-asked-about-with-a-sign"),
    # someone else's accident, already in hospital, while the writer asks for themselves
    ("my brother was in a motorbike crash and is in hospital now, what stretches help my stiff neck",
     None, "relative-already-in-care"),
    ("my brother was in a motorbike crash last night, his back is killing him", "emergency",
     "relative-not-yet-in-care"),
    ("my dad was in a car accident and is in hospital, i was driving and my back hurts", "emergency",
     "relative-in-care-writer-there-too"),
    # stress leaks known for years are not the new loss of control the flag means
    ("i leak a bit when i cough, been like that since my pregnancy, can i do crunches", None, "known-leak"),
    ("i leak a bit when i cough, started suddenly last week with my back pain", "emergency", "new-leak"),
    ("i leak when i cough since my pregnancy and now its numb down there", "emergency", "known-leak-with-numbness"),
    # with fragile bones an ordinary fall is urgent; a fall from a height or a hard one stays an emergency
    ("on prednisolone for years, tripped over the dog and fell on my back, sore now", "urgent",
     "fragile-bones-ordinary-fall"),
    ("on prednisolone for years, fell off a ladder and my back is sore", "emergency", "fragile-bones-fall-from-height"),
    ("on prednisolone, had a bad fall on the ice, cant get up", "emergency", "fragile-bones-hard-fall"),
    # someone else's fever (a child's too) while the writer asks about their own workout
    ("my dad has a temperature, is it ok if i do my own routine today", None, "relatives-fever-my-routine"),
    ("my dad has a temperature and his back hurts, is it ok to stretch", "urgent", "relatives-fever-his-back"),
    ("my son has a fever, will i catch it if i go to the gym for my back?", None, "childs-fever-catching-it"),
    # "im fine" says the writer is well as "i am fine" does
    ("my aunt had breast cancer years ago, im fine, just want a core routine", None, "relatives-cancer-im-fine"),
    ("my aunt had breast cancer years ago, now she has new back pain", "urgent", "relatives-cancer-her-back"),
    # a past cancer with no pain at all is not cancer with new back pain
    ("had cancer years ago, no pain at all, want to start yoga", None, "past-cancer-no-pain"),
    ("had cancer years ago, now new back pain", "urgent", "past-cancer-new-pain"),
    # a fever told as over in Hinglish ("theek hoon": I'm fine now)
    ("kal raat bukhar tha, ab theek hoon, stretches batao", None, "fever-over-hinglish"),
    ("bukhar hai aur kamar mein dard", "urgent", "fever-now-hinglish"),
    # someone's claim asked about ("my friend says ..."): that "my" names who said it, not whose
    # body; the writer's own sign, or the sayer's, still alarms
    ("my friend says back pain with fever is serious, is that true? i dont have it, just curious", None,
     "someones-claim-asked-about"),
    ("my doctor told me numbness in the groin is an emergency, is that right? just wondering", None,
     "doctors-claim-asked-about"),
    ("my back hurts and I have a fever, is that serious? just curious", "urgent", "writers-sign-asked-about"),
    ("my mum says she has a fever and back pain, is that serious? just curious", "urgent", "the-sayers-own-sign"),
    ("my mum has a fever and back pain, is that serious? just curious", "urgent", "relatives-sign-asked-about"),
    ("my friend says back pain with fever is serious, is that true?", "urgent", "someones-claim-without-a-cue"),
    # a relative's cancer and what it means for the writer's own training; the relative's back
    # pain, or the writer's own cancer, keeps the flag
    ("my grandad had prostate cancer, does that mean i should avoid deadlifts?", None, "relatives-cancer-my-training"),
    ("my grandad had prostate cancer and now his back hurts, should i avoid deadlifts?", "urgent",
     "relatives-cancer-his-back-hurts"),
    ("my grandad had prostate cancer and has back pain, should he avoid deadlifts?", "urgent",
     "relatives-cancer-he-has-back-pain"),
    ("my dad has back pain and had cancer years ago, should i get him doing exercises?", "urgent",
     "relatives-back-pain-and-cancer"),
    ("my grandad had prostate cancer and i had it too, should i avoid deadlifts?", "urgent", "relatives-cancer-and-mine"),
    ("i had prostate cancer and my back hurts, does that mean i should avoid deadlifts?", "urgent",
     "writers-cancer-my-training"),    ("my knee hurts so bad when i lie down", None, "another-part-at-night"),
    ("my knee hurts so bad when i lie down and my back aches too", "urgent", "another-part-and-the-back-at-night"),
    ("my hip hurts so bad when i lie down", "urgent", "the-hip-at-night-may-be-the-spine"),
    ("my shoulder blade hurts so bad when i lie down", "urgent", "a-shoulder-blade-is-the-back"),
    ("my physio mentioned cauda equina as something to watch for, what is it?", None, "safety-netting"),
    ("scared of cauda equina after a forum post, but no numbness and bladder is fine, just my usual stiff back", None,
     "named-but-denied"),
    ("scared of cauda equina after a forum post, i think i have it, bladder is fine", "emergency", "named-denied-but-suspected"),
    ("my uncle had cauda equina surgery years ago, mine is only a tight lower back", None, "someone-elses-condition"),
    ("my uncle had cauda equina and i think i have it too", "emergency", "someone-elses-and-mine"),
    ("my physio mentioned cauda equina as something to watch for and my groin is numb", "emergency", "safety-netting-with-a-sign"),
    ("sat on a bleacher for the whole game and my bum went numb, fine now", None, "pressure-numbness-gone"),
    ("sat on a bleacher for the whole game and my bum went numb, still numb now", "emergency", "pressure-numbness-still-there"),
    ("had a high temperature last week. That's all long gone now, back is stiff", None, "resolved-in-the-next-sentence"),
    ("I have a fever. That is why my back hurts", "urgent", "next-sentence-says-nothing-over"),
    ("if i ever get a fever with back pain should i stop? right now i'm fine, just stiff", None, "if-ever-right-now-fine"),
    ("if i ever get a fever should i stop? i have a fever now actually", "urgent", "if-ever-but-now"),
    ("writing a leaflet for our walking group on back pain warning signs like fever or a bad fall, i don't have back pain myself",
     None, "writing-for-others"),
    ("twenty years ago i fractured a vertebra in a car crash, all healed, back a bit stiff lately", None, "years-before"),
    ("twenty years ago i fractured a vertebra in a car crash and yesterday i fell again", "emergency", "years-before-and-again"),
    ("my gran had cancer in her spine, god rest her, i'm grand, just a stiff back", None, "relatives-cancer-deceased"),
    ("my gran had cancer, god rest her, and i had it too, now my back hurts", "urgent", "relatives-cancer-deceased-and-mine"),
    ("fell off my bike when i was twelve, back's been fine for years", None, "fall-in-childhood-back-fine"),
    ("back pain keeps me up the first night of my period but a hot water bottle sorts it", None, "night-pain-eased"),
    ("back pain keeps me up at night and nothing helps", "urgent", "night-pain-nothing-helps"),
    ("tackled hard at rugby, got straight up, no pain at all", None, "fall-no-pain-at-all"),
    ("my friend beat cancer years ago and wants a back routine, she has no pain", None, "cancer-long-ago-no-pain"),
]


@pytest.mark.parametrize(("message", "tier", "case"), DISCOUNTED, ids=[c for *_, c in DISCOUNTED])
def test_discounts_set_aside_a_family_and_nothing_beside_it(
    rules: SafetyRules, message: str, tier: str | None, case: str
) -> None:
    assert triage(message, rules).tier == tier


def test_a_discounted_flag_is_reported_as_set_aside(rules: SafetyRules) -> None:
    """The rules saw the sign and judged it over: a second opinion can tell that from a miss."""
    result = triage("had a fever last week but it's completely gone now", rules)
    assert (result.tier, result.discounted) == (None, ("red_flag.fever",))
    assert triage("just a stiff back", rules).discounted == ()


def test_a_sign_kept_beside_a_discounted_one_still_raises_its_flag(rules: SafetyRules) -> None:
    result = triage("had a fever last week, long gone. now I can't feel my groin", rules)
    assert result.flags == ("red_flag.saddle_numbness",)
    assert result.discounted == ("red_flag.fever",)


DISCOUNT_ERRORS = [
    ({"id": "x", "flags": ["red_flag.nope"], "question": True},
     "discounts[0].flags[0]: unknown flag 'red_flag.nope'", "unknown-flag"),
    ({"id": "x", "flags": ["red_flag.fever"]},
     "discounts[0]: needs a condition", "no-condition"),
    ({"id": "x", "flags": ["red_flag.fever"], "before": ["$others + my"]},
     "discounts[0].before: a subject pattern cannot use ' + '", "subject-with-plus"),
    ({"id": "x", "flags": ["red_flag.fever"], "question": "yes"},
     "discounts[0].question: must be true or false", "question-not-a-bool"),
    ({"id": "x", "flags": ["red_flag.fever"], "after": ["$nosuchgroup"]},
     "discounts[0].after[0]: '$nosuchgroup': unknown group '$nosuchgroup'", "unknown-group"),
    ({"id": "x", "flags": ["red_flag.fever"], "after": ["gone"], "sources": ["my friend says"]},
     "discounts[0].sources: only means something with question: true", "sources-without-question"),
    ({"id": "x", "flags": ["red_flag.fever"], "question": True, "colour": "red"},
     "discounts[0].colour: unknown field", "unknown-field"),
]


@pytest.mark.parametrize(("entry", "expected", "case"), DISCOUNT_ERRORS, ids=[c for *_, c in DISCOUNT_ERRORS])
def test_discount_errors_name_their_place(raw: dict[str, Any], entry: dict[str, Any], expected: str, case: str) -> None:
    parsed, errors = parse_safety(broken(raw, ("discounts", 0), entry), NAME)
    assert parsed is None
    assert any(e.startswith(f"{NAME}: {expected}") for e in errors), errors


def test_a_relatives_past_cancer_said_not_to_be_the_writers_is_no_flag(rules: SafetyRules) -> None:
    # the time may come between the cancer and the "but": "years ago but im healthy"
    assert triage("my mum had breast cancer years ago but im healthy myself, just want a routine", rules).tier is None
    # the writer's own cancer in the same message still counts
    assert triage("my mum had cancer years ago but i had cancer myself last year and my back hurts", rules).tier == "urgent"


@pytest.mark.parametrize(
    ("message", "tier"),
    [
        ("not eating any different but lost 6kg, back has been sore too", "urgent"),
        ("lost 5 kg, eating the same as always, back aches", "urgent"),
        ("lost 5kg on my diet, eating less and feeling great, back is a bit stiff", None),
    ],
)
def test_weight_lost_while_eating_as_before_is_unexplained(rules: SafetyRules, message: str, tier: str | None) -> None:
    # the twin on a diet, eating less, is the weight loss people plan
    assert triage(message, rules).tier == tier


@pytest.mark.parametrize(
    ("message", "tier"),
    [
        ("had a mastectomy last year and now my back has started aching", "urgent"),
        ("my mum had a mastectomy, can i still lift?", None),
        ("had an accident with my bowels this morning, back is killing me", "emergency"),
        ("had an accident with the printer this morning, back is a bit sore", None),
        ("back aches and i dont feel the need to pee even though i havent gone all day", "emergency"),
        ("back aches and i dont feel the need to stretch after work", None),
    ],
)
def test_signs_told_by_what_was_done_or_not_felt(rules: SafetyRules, message: str, tier: str | None) -> None:
    """A breast removed (for cancer), a bowel "accident", the need to pee no longer felt: probe 8's
    three signs the rules missed blind. The twins share the words but not the sign."""
    assert triage(message, rules).tier == tier


# Probe 9's families the rules missed blind, each written as a family: a twin of my own that
# must alarm, and a near miss that shares its words but is no sign.
PROBE_9_FAMILIES = [
    # saddle numbness: the inner thighs as "the inside of my thighs"
    ("my bum and the inside of both thighs have gone dead since monday", "emergency", "inside-of-thighs-dead"),
    ("numb on the outside of my thigh when i stand a long time", None, "outer-thigh-numb"),
    # ... pins and needles round "my bottom" (not the bottom of a foot or of the back)
    ("tingling around my bottom since monday and my back aches", "emergency", "tingling-round-my-bottom"),
    ("pins and needles in the bottom of my foot after running", None, "bottom-of-the-foot"),
    ("the bottom of my back is numb after sitting all day", None, "bottom-of-the-back"),
    # ... the seat felt as someone else's
    ("my privates feel like they are not mine since my back went", "emergency", "privates-not-mine"),
    ("this bum bag isnt mine, my back is sore from carrying it", None, "a-bag-not-mine"),
    # ... what cannot be felt between the legs
    ("cant feel anything between my legs when i wipe, back killing me", "emergency", "cant-feel-between-legs"),
    ("i can feel the stretch between my legs in the butterfly pose", None, "stretch-felt-between-legs"),
    # retention: the urge, and nothing comes
    ("i feel like i need to go constantly but only a little comes out, back aches", "emergency", "urge-little-comes"),
    ("back hurts and when i try to go nothing happens", "emergency", "try-to-go-nothing-happens"),
    ("i want to go running but nothing comes of it, my back is too stiff", None, "nothing-comes-of-it"),
    ("i want to go to bed early but nothing happens, cant get comfy, back stiff", None, "go-to-bed-nothing-happens"),
    # incontinence: the flow out of control
    ("leaking a bit and i cant really control the stream since my back went", "emergency", "cant-control-the-stream"),
    ("i cant stop the flow of emails at work and my back is stiff", None, "flow-of-emails"),
    ("in yoga i cant hold the flow, my back is stiff", None, "yoga-flow"),
    # both legs with no strength
    ("no power left in my legs, cant get up off the sofa, back agony", "emergency", "no-power-in-legs"),
    ("my legs have no strength after yesterdays marathon, back a bit tight", None, "no-strength-after-a-marathon"),
    # a leg, named with its owner or side, weaker day by day later in the sentence
    ("dad cant get his right foot up the kerb anymore and its getting weaker by the day, back pain too", "emergency",
     "foot-weaker-by-the-day"),
    ("my arms are weaker every day since i quit the gym, what are good leg exercises", None, "arms-weaker-every-day"),
    # chest pain: through to the chest, also in it, from it, and down the left arm
    ("dull ache in my upper back that seems to go through into my chest", "emergency", "ache-through-into-chest"),
    ("the doorway stretch goes right through to my chest, no pain at all", None, "stretch-through-to-chest"),
    ("back pain spreading into my chest and down my left arm, feel sick", "emergency", "chest-down-left-arm"),
    ("stretched my chest and left arm against the wall, back still sore", None, "chest-and-arm-stretched"),
    ("my back hurts, the pain is in my back, not in my chest", None, "pain-not-in-chest"),
    ("sharp ache in my back that started from my chest last night", "emergency", "pain-started-from-chest"),
    ("my physio says my back pain comes from my chest being stiff at the desk", None, "pain-comes-from-a-stiff-chest"),
    # weight lost while eating as before, or the number lighter and no diet
    ("lost half a stone and i havent changed what i eat at all, back sore", "urgent", "havent-changed-what-i-eat"),
    ("lost a stone by changing what i eat, back feels better now", None, "changed-what-i-eat"),
    ("my weight is falling off and i am eating the same as ever, back hurts", "urgent", "weight-falling-eating-same"),
    ("my weight is down since i eat clean and train, back feels good", None, "weight-down-eating-clean"),
    ("scales show 4 kg less and im not trying to lose any, back hurts", "urgent", "kg-less-not-trying-to-lose"),
    ("2 kg lighter dumbbells, not trying heavy ones yet", None, "lighter-dumbbells"),
    # night pain: whenever lying down, "brutal" at night, the worst pain of a life when lying
    ("terrible pain in my lower back once i lie flat, since monday", "urgent", "pain-once-lying-flat"),
    ("severe back pain whenever i stand up from the desk", None, "pain-whenever-standing"),
    ("lower back is savage every night, worst pain ive ever had", "urgent", "back-savage-every-night"),
    ("the bedtime routine with the kids is brutal every night, back stiff from bending", None, "bedtime-is-brutal"),
    ("my back workout is brutal every night at the gym", None, "back-workout-is-brutal"),
    ("worst pain ever in my back whenever i lie flat", "urgent", "worst-pain-lying-flat"),
    ("the worst pain ever was my broken arm, now my back is a bit stiff from lying on the sofa", None,
     "worst-pain-was-long-ago"),
    # look-alikes: a sign asked about "in general"
    ("is it a red flag if you cant pee with back pain? general question", None, "asked-in-general"),
    ("is numbness in the groin serious? asking in general but i have it now", "emergency", "in-general-but-mine"),
    # ... pressure numbness after a long seat in a vehicle, told as gone
    ("my legs went numb after 4 hours on the train, fine once i walked about", None, "numb-on-a-train-gone"),
    ("bum numb after hours in the car and it hasnt gone away", "emergency", "numb-in-a-car-not-gone"),
    # (a journey no longer blanks the numbness outright: told as still there, it is a sign)
    ("my bum went numb on a long drive and its still numb today, back aches", "emergency", "numb-on-a-drive-still-numb"),
    ("bum went numb on the long coach trip, fine now, back a bit stiff", None, "numb-on-a-trip-fine-now"),
    ("my bum goes numb on long drives, any stretches?", None, "numb-on-drives-as-a-habit"),
    # ... someone else's fall with fragile bones, the writer set apart
    ("my mum is on steroids and slipped in the bath, not me, i want core exercises", None, "relatives-fall-not-me"),
    ("my mum is on steroids and slipped in the bath, her back hurts, what exercises for her", "urgent",
     "relatives-fall-her-back"),
    ("grandad here, on steroids for years and tripped on the step, now my own back is sore", "urgent",
     "the-writer-names-themselves"),
    # ... a relative's emergency sign already treated, the writer asking for their own back
    ("my dad had cauda equina and was operated last year, can i do deadlifts for my own back?", None,
     "relatives-sign-treated"),
    ("my dad has bladder trouble with his back, what exercises can he do?", "emergency", "relatives-sign-untreated"),
    ("my dad had bladder trouble and needed surgery, now i have the same thing", "emergency",
     "relatives-sign-treated-and-mine"),
    # ... someone else's crash, told with them unhurt
    ("my mum was in a car accident last week but shes fine, i want stretches for my stiff neck", None,
     "relatives-crash-unhurt"),
    ("my brother was in a car crash, hes ok, i was driving and my back hurts", "emergency", "relatives-crash-i-was-driving"),
    ("my brother was in a car crash, hes not ok, what do i do", "emergency", "relatives-crash-not-ok"),
    ("my son came off his motorbike, hes fine but it hurts when he moves", "emergency", "relatives-crash-fine-but-hurts"),
]


@pytest.mark.parametrize(("message", "tier", "case"), PROBE_9_FAMILIES, ids=[c for *_, c in PROBE_9_FAMILIES])
def test_probe_9_families_alarm_and_their_near_misses_do_not(
    rules: SafetyRules, message: str, tier: str | None, case: str
) -> None:
    assert triage(message, rules).tier == tier


# Probe 10's families the rules missed blind (tests/safety_probe_10.yaml), each written as a
# family: a twin of my own that must alarm, and a near miss that shares its words but is no sign.
PROBE_10_FAMILIES = [
    # saddle numbness: terse, without "my" ("numb between legs??")
    ("numb between thighs since last night, back sore", "emergency", "numb-between-thighs-terse"),
    ("i do a stretch between legs for my hips, is that ok", None, "stretch-between-legs"),
    # ... a word between "can't" and "feel" ("can't really feel the toilet paper")
    ("cant quite feel the toilet paper when i wipe, lower back aching", "emergency", "cant-quite-feel-the-paper"),
    ("i cant really feel the stretch in my back when i do the cat cow", None, "cant-really-feel-the-stretch"),
    # retention: "urine is not coming properly"
    ("my pee is not flowing properly since my back went yesterday", "emergency", "pee-not-flowing"),
    ("the urine test is not coming back till friday, back is stiff", None, "urine-test-not-back"),
    # incontinence: "peeing my pants", not the joke
    ("keep wetting my pants since my back went, didnt feel it coming", "emergency", "wetting-my-pants"),
    ("i nearly peed my pants laughing at my own back stretch fail", None, "nearly-peed-laughing"),
    ("laughing so hard i peed my pants, back sore from it lol", None, "laughing-peed-pants"),
    # a leg getting weaker, typed with slips
    ("left leg is gettin weaker and my back is killing me", "emergency", "leg-gettin-weaker"),
    ("right leg weeker evryday and back pain", "emergency", "leg-weeker-evryday"),
    ("my grip is getting weaker every day since i stopped climbing", None, "grip-weaker"),
    # a fall from a height in idiom ("came a cropper off the roof")
    ("took a spill off the ladder yesterday, back really sore", "emergency", "spill-off-a-ladder"),
    ("came a cropper in the job interview, my back is stiff from stress", None, "cropper-in-an-interview"),
    # chest pain: "+" and "&" read as words, a weight sitting on the chest
    ("chest & back pain since an hour", "emergency", "chest-and-back-symbol"),
    ("back + chest day tomorrow, what stretches after", None, "back-plus-chest-day"),
    ("feels like a brick is pressing on my chest, pain in my back too", "emergency", "brick-on-chest"),
    ("my cat sitting on my chest woke me, back a bit stiff", None, "cat-on-chest"),
    # fever: running hot and cold with the shakes (not hot and cold packs)
    ("been running hot and cold all night with the shakes, back aches", "urgent", "running-hot-and-cold"),
    ("back pain + chills", "urgent", "back-plus-chills"),
    ("should i use hot and cold packs for my back", None, "hot-and-cold-packs"),
    # weight loss: "w/o trying", "without changing a thing", "down 20 pounds", "reducing"
    ("pants hanging off me, lost 8 kilos w/o trying, back sore", "urgent", "lost-kilos-w-o-trying"),
    ("went out w/o my back brace and it hurts", None, "without-a-brace"),
    ("dropped a stone without changing a thing, back aches all the time", "urgent", "without-changing-a-thing"),
    ("down 20 pounds since christmas, not dieting, back hurts", "urgent", "down-20-pounds"),
    ("squatting down with 20 pounds and eating normally, back aches after", None, "squatting-down-with-20-pounds"),
    ("down 10 kg on my diet, eating normally now, back better", None, "down-10-kg-on-a-diet"),
    ("my weight is decreasing for no reason, back pain also", "urgent", "weight-decreasing-for-no-reason"),
    ("weight training reduced my back pain, no reason to stop now", None, "weight-training-reduced-pain"),
    # cancer history in a clinical note's words
    ("known prostate ca, now new back pain", "urgent", "known-prostate-ca"),
    ("pmh breast cancer, new thoracic back pain", "urgent", "pmh-breast-cancer"),
    ("smoking is a known cancer risk, my back aches, should i quit", None, "known-cancer-risk"),
    # night pain: unbearable the moment they lie down, "savage" at night against the day, pacing
    ("back pain unbearable the moment i lie down", "urgent", "unbearable-the-moment-lying"),
    ("the heat is unbearable as soon as i lie down, what stretches before bed", None, "heat-unbearable-lying"),
    ("fine during the day but at night its savage, back pain keeps me up", "urgent", "day-fine-night-savage"),
    ("at night it is shocking how loud my neighbours are, back stiff", None, "night-shocking-neighbours"),
    ("been up pacing the floor every night from the pain in my back", "urgent", "pacing-from-the-pain"),
    ("up pacing with the baby till dawn, my back aches from carrying her", None, "pacing-with-the-baby"),
    # look-alikes: signs listed in a clinical denial (not another sign after "but", nor a claim)
    ("Pt denies bowel or bladder dysfunction, saddle paraesthesia or bilateral leg weakness; mechanical LBP", None,
     "clinical-denial-list"),
    ("denies fever but reports new saddle anaesthesia", "emergency", "denies-one-reports-another"),
    ("my insurance denied my claim, cant pee since yesterday and back agony", "emergency", "claim-denied"),
    # ... a sign asked about for a course
    ("is fever with back pain serious? asking for the nursing class", None, "asked-for-a-class"),
    ("is chest pain with back pain a red flag? i have it now, asking for a first aid course", "emergency",
     "asked-for-a-course-but-mine"),
    # ... a friend's sign, the writer only curious (not one happening to the friend now)
    (
        (
            "my colleague lost control of his bladder after a back injury years ago, just curious which"
            " exercises keep my own back healthy"
        ),
        None,
        "colleagues-sign-just-curious",
    ),
    ("my friend cant pee and his back is killing him, just curious", "emergency", "friends-sign-now"),
    # ... weakness after a hard effort, told as over
    ("my legs gave way after the hike on sunday, completely recovered now, back tight", None, "legs-gave-way-recovered"),
    ("my legs gave way after the hike on sunday, not recovered yet, back agony", "emergency",
     "legs-gave-way-not-recovered"),
    # ... a sign only imagined ("if I ever get ...")
    ("how would i know if i ever lost control of my bladder from a back problem? just want to be prepared", None,
     "if-i-ever-lost-control"),
    ("what should i do if i ever get numbness in my groin? it started today", "emergency", "if-ever-but-started-today"),
    ("what should i do if i ever get a fever with back pain? i have a fever now", "urgent", "if-ever-but-have-it-now"),
    # ... a crash in a video game
    ("crashed my car in a racing game lol, back sore from sitting", None, "crash-in-a-racing-game"),
    ("wrecked my motorbike in gta, back aches from the gaming chair", None, "wreck-in-gta"),
    ("crashed my car on the way to the game, back killing me", "emergency", "crash-on-the-way-to-a-game"),
    # ... a fever with the back said to be fine
    ("got chills and a temperature, back all good, skip the workout?", None, "fever-back-all-good"),
    ("got chills and a temperature, back all sore, skip the workout?", "urgent", "fever-back-all-sore"),
]


@pytest.mark.parametrize(("message", "tier", "case"), PROBE_10_FAMILIES, ids=[c for *_, c in PROBE_10_FAMILIES])
def test_probe_10_families_alarm_and_their_near_misses_do_not(
    rules: SafetyRules, message: str, tier: str | None, case: str
) -> None:
    assert triage(message, rules).tier == tier


def test_terse_symbols_are_read_as_the_words_they_stand_for() -> None:
    from bot.brain.safety import words

    assert words("chest + back pain & fever, lost weight w/o trying") == [
        "chest", "plus", "back", "pain", "and", "fever", ",", "lost", "weight", "without", "trying",
    ]
    assert words("how/or") == ["how", "or"]  # "w/o" only as a word of its own


# Probe 11's families (signs told through a consequence or an action), each with a twin in
# other words that must alarm and a near miss that must not. Written from the families, not
# copied from the probe, which stays a measure.
PROBE_11_FAMILIES = [
    # saddle numbness told as a dentist's injection, someone else's skin, or the seat not felt
    ("my bum cheeks feel like novocaine at the dentist since my back went", "emergency", "bum-like-novocaine"),
    ("numb lip from the dentist this morning and my back is stiff", None, "numb-lip-from-the-dentist"),
    ("down there feels like somebody elses skin since my back went", "emergency", "someone-elses-skin"),
    ("these shoes feel like someone elses, my back aches after walking", None, "someone-elses-shoes"),
    ("wiping feels like the toilet paper is like nothing, back agony", "emergency", "toilet-paper-like-nothing"),
    ("since the back pain started i cant feel myself on the toilet seat", "emergency", "cant-feel-myself-on-the-seat"),
    ("i cant feel myself getting any stronger, back still weak", None, "cant-feel-myself-getting-stronger"),
    ("the part i sit on has gone numb since my back flared", "emergency", "the-part-i-sit-on-numb"),
    ("the part of the sofa i sit on is worn out, my back aches", None, "the-part-of-the-sofa"),
    ("the insides of her thighs have gone numb and her back is bad", "emergency", "insides-of-thighs-numb"),
    # bladder: leaking into underwear, pads because it cannot be held
    ("started leaking into my knickers when i stand, back went last week", "emergency", "leaking-into-knickers"),
    ("my water bottle keeps leaking into my bag, back sore from carrying it", None, "bottle-leaking-into-bag"),
    ("im wearing pads now because i cant hold it since my back went", "emergency", "pads-cant-hold-it"),
    ("i cant hold it for 30 seconds, is a side plank too hard for my back", None, "cant-hold-a-plank"),
    # legs like cotton wool or lead, feet that won't lift, a heel that won't rise
    ("my legs are like rubber since my back went and getting worse", "emergency", "legs-like-rubber"),
    ("legs like lead after leg day, back tight too", None, "legs-like-lead-after-leg-day"),
    ("i cant lift either of my feet properly since the back pain", "emergency", "cant-lift-either-foot"),
    ("i cant lift either dumbbell overhead, back too stiff", None, "cant-lift-either-dumbbell"),
    ("he cant get up onto his tiptoes on the right any more, back sore", "emergency", "cant-get-up-on-tiptoes"),
    # falls told by what happened: going down hard, a crunch, over the handlebars
    ("went down hard on the ice yesterday, my back is killing me", "emergency", "went-down-hard-on-the-ice"),
    ("the stock market went down hard today and my back is stiff from the desk", None, "stock-market-went-down-hard"),
    ("slipped off a ladder and heard a crack in my back", "emergency", "fell-and-heard-a-crack"),
    ("heard a crack in my knuckles while stretching my back", None, "crack-in-my-knuckles"),
    ("flew over the handlebars of my ebike on monday, lower back agony", "emergency", "flew-over-the-handlebars"),
    ("my back aches when i lean over the handlebars on long rides", None, "lean-over-the-handlebars"),
    ("came off my bike years ago, all healed, want a core routine", None, "bike-fall-years-ago-healed"),
    # chest pain told in the past
    ("my chest was crushing when i climbed the hill and my back hurt between the shoulders", "emergency",
     "chest-was-crushing"),
    ("my chest was sore from bench press yesterday, any back stretches", None, "chest-sore-from-bench"),
    # fever read off a thermometer, with its decimal
    ("temp hit 39.4 last night and my back is throbbing", "urgent", "temp-hit-39-point-4"),
    ("the thermometer says 38 and my lower back aches", "urgent", "thermometer-says-38"),
    ("been running 38.5 km a week, lower back tight after long runs", None, "running-38-point-5-km"),
    ("sweaty after the gym and my back is sore", None, "sweaty-after-the-gym"),
    # a fever from a cold with no back pain told beside it (back pain keeps the flag)
    ("running a fever with this flu, please pause my reminders", None, "fever-with-flu-pause-reminders"),
    ("fever from this flu and my lower back is killing me", "urgent", "fever-from-flu-and-back-pain"),
    # weight loss noticed by clothes or belt, eating as before
    ("my jeans are hanging off me and i eat the same as ever, back always aching", "urgent", "jeans-hanging-off"),
    ("my jeans are loose since the diet, back better", None, "jeans-loose-on-the-diet"),
    ("needed another notch on my belt and i havent changed anything, back aches", "urgent", "another-notch-not-changed"),
    ("belt is tight after christmas, back stiff", None, "belt-tight-after-christmas"),
    # a relative's cancer as the reason to ask about staying healthy (not with back pain)
    ("my dad had prostate cancer, what exercises keep me healthy?", None, "dads-cancer-keep-healthy"),
    ("my dad had prostate cancer and now his back hurts, what can he do", "urgent", "dads-cancer-back-hurts"),
    ("my husband's fine, I just want a routine", None, "husband-fine-routine"),
    # night pain: unable to lie flat, worst when lying, nights slept sitting up
    ("unable to lie down at night, my back is too painful", "urgent", "unable-to-lie-down"),
    ("my back is worse when i lie down on the sofa", "urgent", "worse-when-i-lie-down"),
    ("been sleeping sitting up in the recliner for two weeks because of my back", "urgent", "sleeping-sitting-up-weeks"),
    ("slept sitting up on the flight, back stiff", None, "slept-sitting-up-on-a-flight"),
    ("I wake at 4am every night because my back is so painful", "urgent", "wake-at-4am-from-the-pain"),
    ("up at 3am every night with the baby, my back hurts from carrying her", None, "up-at-3am-with-the-baby"),
    # a catheter for urine that won't come; an accident not felt coming
    ("had to have a catheter fitted on friday, back still sore", "emergency", "catheter-fitted"),
    ("the nurse showed us how to flush a catheter on the course, back stiff from the chairs", None,
     "catheter-on-a-course"),
    ("keep missing the toilet since my back went, i dont feel it coming", "emergency", "accident-not-felt-coming"),
    ("i didnt feel it coming, the cramp in my back just hit", None, "cramp-not-felt-coming"),
    # help absent is no denial of the sign; a bike or board named with its kind
    ("dad cant get off the toilet without help, legs gone weak, back pain", "emergency", "without-help-legs-weak"),
    ("crashed my mountain bike into a wall on sunday, back sore", "emergency", "crashed-my-mountain-bike"),
    ("crashed my laptop on the bus, back stiff", None, "crashed-my-laptop"),
    ("came off my snowboard at speed yesterday, back really sore", "emergency", "came-off-my-snowboard"),
    ("got flattened in a scrum on saturday, back screaming", "emergency", "flattened-in-a-scrum"),
    ("watched the rugby, the scrum was a mess, my back is stiff from the stands", None, "watched-the-scrum"),
    ("wiped out on my bike going downhill fast, back agony", "emergency", "wiped-out-on-my-bike"),
    ("totally wiped out on the couch after work, back stiff", None, "wiped-out-on-the-couch"),
    ("my waistband is swimming on me and i havent changed my diet, back aches", "urgent", "waistband-swimming"),
    ("my belt is on its last notch, back aches", None, "belt-on-its-last-notch-alone"),
]


@pytest.mark.parametrize(("message", "tier", "case"), PROBE_11_FAMILIES, ids=[c for *_, c in PROBE_11_FAMILIES])
def test_probe_11_families_alarm_and_their_near_misses_do_not(
    rules: SafetyRules, message: str, tier: str | None, case: str
) -> None:
    assert triage(message, rules).tier == tier


def test_a_decimal_point_is_read_as_point_not_as_a_sentence_end() -> None:
    from bot.brain.safety import words

    assert words("temp 38.9, lost 2.5kg. ok") == ["temp", "38", "point", "9", ",", "lost", "2", "point", "5", "kg", ".", "ok"]


# Probe 12's families (plain, typical wordings), each with other phrasings of my own that must
# alarm and near misses that must not. Written from the families, not copied from the probe,
# which stays a measure.
PROBE_12_FAMILIES = [
    # a leg's weakness or numbness named first, getting worse or spreading
    ("weakness in my right leg keeps getting worse, back aches", "emergency", "leg-weakness-keeps-getting-worse"),
    ("the numbness in my left leg is spreading and my back hurts", "emergency", "leg-numbness-spreading"),
    ("numbness getting worse in my leg since my back went", "emergency", "numbness-getting-worse-in-my-leg"),
    ("my leg weakness is getting better", None, "leg-weakness-getting-better"),
    ("the numbness in my leg is getting better", None, "leg-numbness-getting-better"),
    ("the weakness in my leg is not getting worse", None, "leg-weakness-not-getting-worse"),
    # numbness that varies with posture is sciatica, not a nerve failing
    ("numbness in my leg is worse when i sit", None, "leg-numbness-worse-when-sitting"),
    # a sore or achy chest beside back pain, either order
    ("my back aches and my chest is sore", "emergency", "back-aches-and-chest-sore"),
    ("my chest feels achy and my lower back hurts", "emergency", "chest-achy-lower-back-hurts"),
    ("soreness in my chest and my back is killing me", "emergency", "soreness-in-my-chest"),
    ("my chest and back are sore", "emergency", "chest-and-back-sore"),
    ("my back aches. my chest is sore too.", "emergency", "chest-sore-too-next-sentence"),
    ("my chest is sore from bench press, no back pain", None, "chest-sore-from-bench-no-back-pain"),
    ("my chest and back are sore after the gym", None, "chest-and-back-sore-after-the-gym"),
    ("my chest is sore, my back is fine", None, "chest-sore-back-fine"),
    ("my chest is sore since i got back from holiday", None, "chest-sore-since-i-got-back"),
    # back pain told as really bad, or worst, when lying down or in bed
    ("my back hurts so bad when i lie down", "urgent", "hurts-so-bad-when-i-lie-down"),
    ("in bed my lower back aches really badly", "urgent", "in-bed-aches-really-badly"),
    ("lying flat my back hurts terribly", "urgent", "lying-flat-hurts-terribly"),
    ("my back is worst when i lie in bed", "urgent", "worst-when-i-lie-in-bed"),
    ("my back is fine when i lie down", None, "back-fine-when-lying-down"),
    ("my back hurts really badly when i get out of bed", None, "badly-getting-out-of-bed"),
    ("my back hurts really badly when i sit, lying down helps", None, "badly-sitting-lying-helps"),
    ("when i lie down my back doesnt hurt badly", None, "lying-down-doesnt-hurt-badly"),
    # a child's fever, the writer with only their own ordinary back ache (or none)
    ("my daughter has a fever and i've got a sore back from lifting her, what helps", None, "daughters-fever-my-sore-back"),
    ("my little boy is running a temperature, i have back pain from carrying him around", None,
     "boys-temperature-my-back-pain"),
    ("my baby has a temperature. any stretches for my back?", None, "babys-temperature-stretches-for-my-back"),
    ("my son has a temperature and back pain", "urgent", "sons-temperature-and-back-pain"),
    ("my little girl has a fever and her back hurts", "urgent", "girls-fever-her-back-hurts"),
    ("my son has a temperature and so do i. i have a stiff back", "urgent", "sons-temperature-and-so-do-i"),
    # "too" may give the relative the back pain as well
    ("my mum has a fever. i have back pain too", "urgent", "mums-fever-i-have-back-pain-too"),
    # a relative's past cancer, the writer with only their own ordinary back ache
    ("my mum had breast cancer a while back. i have lower back pain from sitting at my desk", None,
     "mums-cancer-a-while-back-my-back-pain"),
    ("my grandad had cancer, i have a bad back, what exercises", None, "grandads-cancer-my-bad-back"),
    ("my dad had cancer and now has back pain", "urgent", "dads-cancer-now-back-pain"),
    ("my dad had cancer years ago, and so did i. i have a sore back now", "urgent", "dads-cancer-and-so-did-i"),
    # a relative's treatment, gentle exercise asked to keep them active, no pain told
    ("my dad is having radiotherapy, what gentle exercises can he do to keep moving", None,
     "dads-radiotherapy-keep-moving"),
    ("my mum has cancer and wants to stay active, any easy exercises for her", None, "mums-cancer-stay-active"),
    ("my aunt is doing chemo and her back is really sore, what gentle exercises", "urgent", "aunts-chemo-her-back-sore"),
    ("my dad is doing chemo, he wants to stay active, his back aches", "urgent", "dads-chemo-his-back-aches"),
]


@pytest.mark.parametrize(("message", "tier", "case"), PROBE_12_FAMILIES, ids=[c for *_, c in PROBE_12_FAMILIES])
def test_probe_12_families_alarm_and_their_near_misses_do_not(
    rules: SafetyRules, message: str, tier: str | None, case: str
) -> None:
    assert triage(message, rules).tier == tier


@pytest.mark.parametrize(
    ("message", "flag"),
    [
        ("my daughter has a fever and i've got a sore back from lifting her, what helps", "red_flag.fever"),
        ("my grandad had cancer, i have a bad back, what exercises", "red_flag.cancer_history"),
        ("my mum has cancer and wants to stay active, any easy exercises for her", "red_flag.cancer_history"),
    ],
)
def test_someone_elses_sign_is_read_and_set_aside_not_missed(rules: SafetyRules, message: str, flag: str) -> None:
    """The look-alikes are cleared by a discount: the sign is still read, as the model's second
    opinion is told, rather than the pattern failing to see it."""
    assert triage(message, rules).discounted == (flag,)


# Patterns whose word appears in two slots on purpose ("weaker and weaker", "10/10").
REPEATED_ON_PURPOSE = {
    "havent|not|never ... able to go to the $toilet",
    "calf|heel|toe raise|raises|rises + $cant manage|do a|one|any|even single|one|more",
    "weaker and weaker",
    "$leg|$leg_part ... more and more $numbness|$weak",
    "$cant lift|raise|pull ... the front of my|the|his|her foot|feet",
    "from my|the back|spine ... to|into|through my|the $chest + $hurt|shooting|radiating",
    "$lose_weight ... wait|weigh ... no|for no reason",
    "$hurt ... 9|10 10 ... lie|lying|lay|laying|bed|night|nights",
    "$hurt ... 9|10 out of 10 ... lie|lying|lay|laying|bed|night|nights",
    "night|nights|nite ... 9|10 10 + back|backs|spine|sciatica|$hurt",
    "bed|night|nights|lying|lie|flat ... 9|10 10 + back|backs|spine|$hurt|worst",
    "bed|night|nights|lying|lie|flat ... 9|10 out of 10 + back|backs|spine|$hurt|worst",
    "bed|night|nights|lying|lie|lay ... 9|10 of 10 + back|backs|spine|$hurt|cry|worst",
    "also|now|even in the middle|centre|center of my|the $chest",
    "$agony as soon as ... lie|lay|lying|laying|bed + back|backs|spine|sciatica|$hurt",
    "as soon as i|we ... stood|stand|walked|walk|moved|move|got|get|shifted|shift|stretched",
    "i think|reckon|worry|fear|suspect ... i",
    "i think|reckon|fear|suspect|believe ... i|it ... have|has|got|is",
    "heat|hot|ice|cold|heating|icing ... or ... heat|hot|ice|cold|heating|icing",
}


def _pattern_strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [p for value in node.values() for p in _pattern_strings(value)]
    if isinstance(node, list):
        return [p for item in node for p in ([item] if isinstance(item, str) else _pattern_strings(item))]
    return []


# A contraction beside its spelt-out first word in one slot: `im|i am fine` reads "(im|i) am fine",
# so "im fine" never matches; write `im fine` and `i am fine` as two patterns.
CONTRACTIONS = {"im": ("i", "am"), "ive": ("i", "have"), "dont": ("do", "not"), "cant": ("can", "not"), "its": ("it", "is")}


def test_no_slot_holds_a_contraction_beside_its_first_word(raw: dict[str, Any]) -> None:
    suspicious = []
    for pattern in _pattern_strings({k: raw[k] for k in ("emergency", "urgent", "discounts", "medical", "ignore")}):
        for part in pattern.split(" + "):
            slots = [set(token.split("|")) for token in part.split() if token != "..."]
            for slot, following in itertools.pairwise(slots):
                for short, (first, second) in CONTRACTIONS.items():
                    if {short, first} <= slot and following == {second}:
                        suspicious.append(pattern)
    assert suspicious == []


def test_no_pattern_writes_a_phrase_as_one_word_alternatives(raw: dict[str, Any]) -> None:
    """`in|left in` reads "in or left, then in", never "in" alone: a word in two slots of one
    pattern is most often a phrase written as if `a|b c` meant "a" or "b c" (it never does)."""
    suspicious = []
    for pattern in _pattern_strings({k: raw[k] for k in ("emergency", "urgent", "discounts", "medical", "ignore")}):
        for part in pattern.split(" + "):
            slots = [set(token.split("|")) for token in part.split() if token != "..."]
            words = [w for slot in slots for w in slot if not w.startswith("$")]
            if len(words) != len(set(words)) and pattern not in REPEATED_ON_PURPOSE:
                suspicious.append(pattern)
                break
    assert suspicious == []


# The brief's own words for each warning sign, bare and in short sentences: the rules must read
# the list they were written from ("loss of bowel control" and "back pain after a major accident"
# did not, until session 5).
BRIEFS_WORDS = [
    ('saddle or groin numbness', 'emergency'),
    ('I have saddle numbness and back pain', 'emergency'),
    ('groin numbness with back pain', 'emergency'),
    ('new trouble passing urine', 'emergency'),
    ('I have new trouble passing urine', 'emergency'),
    ('loss of bladder or bowel control', 'emergency'),
    ('loss of bladder control', 'emergency'),
    ('loss of bowel control', 'emergency'),
    ('weakness or numbness in both legs', 'emergency'),
    ('weakness in both legs', 'emergency'),
    ('numbness in both legs', 'emergency'),
    ('a leg getting weaker', 'emergency'),
    ('my leg is getting weaker', 'emergency'),
    ('back pain after a major fall or accident', 'emergency'),
    ('back pain after a major fall', 'emergency'),
    ('back pain after a major accident', 'emergency'),
    ('chest pain with back pain', 'emergency'),
    ('chest pain and back pain', 'emergency'),
    ('fever or chills with back pain', 'urgent'),
    ('back pain with fever', 'urgent'),
    ('back pain and chills', 'urgent'),
    ('unexplained weight loss', 'urgent'),
    ('unexplained weight loss and back pain', 'urgent'),
    ('a history of cancer with new back pain', 'urgent'),
    ('history of cancer and new back pain', 'urgent'),
    ('severe pain at night or when lying down', 'urgent'),
    ('severe back pain at night', 'urgent'),
    ('severe pain when lying down', 'urgent'),
    ('steroid use with a fall', 'urgent'),
    ('osteoporosis with a fall', 'urgent'),
    ('I have osteoporosis and had a fall', 'urgent'),
    ('I take steroids and had a fall', 'urgent'),
]


@pytest.mark.parametrize(("message", "tier"), BRIEFS_WORDS, ids=[m for m, _ in BRIEFS_WORDS])
def test_the_briefs_own_words_for_each_sign_are_read(rules: SafetyRules, message: str, tier: str) -> None:
    assert triage(message, rules).tier == tier


# Probes 23 (a complaint asking what helps, a sign folded in) and 24 (a long story, a sign buried
# in it): each family they showed, in our own wording, beside a near miss that must stay clear.
PROBE_23_24_FAMILIES = [
    # signs
    ("my tailbone aches and round my back passage it feels dead, like after a filling", "emergency", "back passage dead"),
    ("been sat at my desk all day and realised i havent needed a wee all day, back sore", "emergency", "no urge all day"),
    ("not needed the loo at all since breakfast and my lower back is killing me", "emergency", "no urge at all"),
    ("went the whole afternoon without needing to pee, back aching", "emergency", "a day without needing to"),
    ("when i do go i can't empty properly and my back hurts", "emergency", "not emptying"),
    ("I have to strain and wait ages to get my wee started, lower back pain too", "emergency", "hesitancy"),
    ("back pain and it's only a dribble when I go to the toilet", "emergency", "a dribble"),
    ("the part where you sit on a bike has gone numb, back is sore", "emergency", "where one sits"),
    ("my seat area is numb since yesterday and my back aches", "emergency", "seat area"),
    ("cant seem to lift my left foot properly and it slaps down, back pain", "emergency", "can't seem to lift"),
    ("two days ago he fall off the ladder at work and now his back is very painful", "emergency", "present-tense fall"),
    ("belt is on a new notch but I'm not eating any less, and my back aches", "urgent", "belt, eating as before"),
    ("my back aches terribly at night", "urgent", "terribly at night"),
    ("my back is so painful at night", "urgent", "so painful at night"),
    ("upper back pain that's really bad at night", "urgent", "that's bad at night"),
    ("when I lie in bed the pain is very strong, what helps", "urgent", "very strong lying in bed"),
    ("it wakes me up every night, this back of mine", "urgent", "it wakes me every night"),
    ("the pain in my back is bad enough to keep me awake", "urgent", "keep me awake"),
    ("back ache at night is like 9/10 lately", "urgent", "9/10 at night"),
    ("on prednisolone for years and got a sharp pain in my back after a sneezing fit", "urgent", "steroids, sneeze"),
    # near misses
    ("my back passage is sore after the curry lol, back is fine", None, "back passage sore, not numb"),
    ("i havent needed the loo much since i cut out coffee, my back is stiff", None, "less coffee"),
    ("haven't needed to pee at night since I stopped drinking tea late, back stiff", None, "no night waking"),
    ("sat on a hard bench for the whole match and my seat area went numb, fine once I walked", None, "pressure numbness"),
    ("belt is on a new notch since I started running and eating better, back a bit sore", None, "belt, trying"),
    ("my back aches a little at night but it's fine once I'm up and about", None, "eases on getting up"),
    ("World Cup fever in our house, sat on the sofa too long and my back is stiff", None, "World Cup fever"),
    ("our dog has cancer and lifting him into the car has wrecked my back", None, "a pet's cancer"),
    ("Had flu with a fever last month, now finished, I feel healthy again. Back sore from work", None, "fever over"),
    ("the GP asked about any numbness down below and I had none, just a sore lower back", None, "asked and answered no"),
    ("I had a catheter for a day after my hernia op in the summer, now my back is stiff", None, "catheter after an op"),
    ("my legs have been a bit weak since my knee replacement, nothing new, getting stronger", None, "weakness improving"),
    ("My husband had a heart attack last year, I'm the one with the bad back, no chest trouble myself", None, "someone else's heart"),
    ("breastfeeding and my chest feels full and tender before feeds, upper back aches", None, "a breastfeeding chest"),
    ("my dad, who I care for, has been incontinent since his stroke, lifting him hurts my back", None, "a relative's known condition"),
    ("my mum had breast cancer years ago, she's well now, and I'm healthy myself, just stiff", None, "relative's cancer, writer healthy"),
    ("on my feet all day after a sneezing fit of hay fever, back sore", None, "a sneeze without fragile bones"),
]



# Probes 25 (the day-one evaluation set's style) and 26 (an FAQ question with a sign as background)
PROBE_25_26_FAMILIES = [
    # signs
    ("sitting on the loo seat i can hardly feel it under me, back sore", "emergency", "toilet seat barely felt"),
    ("the area between my legs feels kind of fuzzy and my back aches", "emergency", "between the legs fuzzy"),
    ("from yesterday I no feel the skin around my private parts, back pain", "emergency", "non-native 'no feel'"),
    ("my back is wrecked and I have to strain really hard to get any pee out", "emergency", "straining to get pee out"),
    ("the urine does not come when I try, back is bad", "emergency", "non-native 'does not come'"),
    ("i can't seem to empty my bladder properly, lower back agony", "emergency", "can't seem to empty"),
    ("my left leg doesnt lift properly anymore and my back hurts", "emergency", "a leg that no longer lifts"),
    ("keep tripping over my own feet since my back went", "emergency", "tripping over own feet"),
    ("had a massive fall skiing and my back is killing me", "emergency", "a massive fall"),
    ("my chest started aching along with my back while I was digging", "emergency", "chest starting to hurt with the back"),
    ("teeth chattering and my back throbs, can i train", "urgent", "teeth chattering"),
    ("i havent tried to lose weight but everyone says im thin now, back aches", "urgent", "weight loss not tried for"),
    ("lost 4 kilos this month, no idea why, and my back is sore", "urgent", "kilos lost, no idea why"),
    ("the scales keep dropping though i'm eating the same, mid back ache", "urgent", "scales dropping, eating the same"),
    ("my back pain doesn't improve and the scales keep dropping though i'm eating loads", "urgent", "'doesn't improve' is no denial"),
    ("feverish since my epidural injection and my back is worse", "urgent", "fever after a spinal injection"),
    ("severe pain in my lower back the minute I lie in bed", "urgent", "severe the minute I lie down"),
    ("the back pain comes in the night, very strong", "urgent", "very strong in the night"),
    ("back pain keeps me up for hours", "urgent", "keeps me up for hours"),
    ("my back is so bad lying down that I end up sleeping in the armchair", "urgent", "ending up in a chair"),
    ("night time back pain is the worst, what stretch", "urgent", "night-time pain the worst"),
    ("i can't lie flat at all any more, my back won't let me", "urgent", "can't lie flat at all"),
    ("on prednisolone and went over on the ice, back sore", "urgent", "steroids, went over on the ice"),
    ("mum of two here, had cancer in 2019, and my back has started hurting", "urgent", "the writer a mum of two"),
    # near misses
    ("had a temperature after my flu jab yesterday, back a bit stiff", None, "fever after a flu jab"),
    ("the scales say I'm down a bit since I started eating more veg and walking", None, "scales down from eating better"),
    ("pacing the landing at 2am with the baby, my back aches", None, "pacing with a baby"),
    ("my dad had a heart attack last year so I want a safe back workout for me", None, "a father's heart attack"),
    ("my mum had cancer years ago, she's fine now. I just get a stiff back from gardening", None, "a mother's cancer, writer's stiffness"),
    ("my gran has osteoporosis and fell, she's in good hands; I want a back routine for me", None, "a gran's fall, routine for me"),
    ("my leg doesn't lift as high as the video in the leg raise, back fine", None, "a stretch's range"),
    ("went over on my ankle playing netball, back is fine", None, "a turned ankle without fragile bones"),
]



# Probes 27 (the day-one style, signs described rather than named) and 28 (understated)
PROBE_27_28_FAMILIES = [
    # signs
    ("i can't feel anything where the saddle touches me, back aches", "emergency", "nothing felt where the saddle sits"),
    ("my inner thigh feels like I'm touching it through gloves, back sore", "emergency", "inner thigh through a glove"),
    ("havent managed to pee since this morning and my back is bad", "emergency", "not managed to pee"),
    ("been soaking my pants without noticing and my back aches", "emergency", "wetting without noticing"),
    ("i can barely feel my feet on either side, lower back pain", "emergency", "feet numb on both sides"),
    ("my legs feel padded like cotton wool, both of them, and my back hurts", "emergency", "legs like cotton wool"),
    ("my thighs just won't work getting out of a chair, back pain", "emergency", "thighs just won't work"),
    ("my right toes keep catching, worse every day, back bad", "emergency", "a foot catching more each day"),
    ("mountain biking at high speed I hit a tree with my back", "emergency", "a crash at speed into a tree"),
    ("pain between my shoulder blades that spreads to my jaw", "emergency", "back pain spreading to the jaw"),
    ("a band squeezing round my chest and back, I'm clammy", "emergency", "a band round the chest, clammy"),
    ("shivering with cold even under two blankets, back aches", "urgent", "cold that blankets don't help"),
    ("lost 5kg not on purpose and my back hurts", "urgent", "weight lost not on purpose"),
    ("lost weight I never meant to lose, back sore", "urgent", "weight never meant to be lost"),
    ("the scale shows a stone less and I haven't changed anything, back ache", "urgent", "lighter with nothing changed"),
    ("my jeans are falling off me and I don't know why, back hurts", "urgent", "clothes falling off, no reason"),
    ("people say i've gotten skinny but i eat the same, back sore", "urgent", "thin while eating the same"),
    ("lost 3 stone not sure how, my lower back aches", "urgent", "weight lost, not sure how"),
    ("around 4am it's unbearable, my back", "urgent", "unbearable in the small hours"),
    ("lying down makes my back scream so I sleep in the recliner", "urgent", "lying down makes it scream"),
    ("my back is worst when I'm in bed", "urgent", "worst when in bed"),
    ("lying in bed my back is like 9 out of 10", "urgent", "9 out of 10 in bed"),
    ("the second I get horizontal my back throbs like crazy", "urgent", "the moment horizontal"),
    ("nights are the worst with this back pain", "urgent", "nights the worst"),
    ("back pain so strong at night that I cry", "urgent", "so strong I cry"),
    ("my dexa scan showed thin bones and I slipped in the garden, back sore", "urgent", "a DEXA scan and a slip"),
    ("my bones are thin, the doctor says, and I fell off a chair", "urgent", "bones thin and a fall"),
    # near misses
    ("had chest pain checked years ago, it was just anxiety; my upper back is tight from typing", None, "chest pain checked long ago"),
    ("my mum has chest pain going to her back, she says it's just muscular", "emergency", "someone's opinion is no check"),
    ("my wife had breast cancer, she's doing well, I want to start deadlifts safely", None, "a wife's cancer, deadlifts for me"),
    ("my grandad had cancer decades ago, I'm 25 with a stiff back from lifting", None, "a grandad's cancer, the writer 25"),
    ("my legs don't work as well as they used to on the hills, back fine", None, "ageing legs"),
    ("hit the gym then my back was a bit tight", None, "hit the gym"),
    ("bit clammy after my run and my back is tight", None, "clammy after a run"),
    ("lost 3 kilos on purpose with a diet, back bit stiff", None, "weight lost on purpose"),
]



# Probes 29 (lay descriptions), 30 (a sign, then an FAQ question) and 31 (less imagined writers)
PROBE_29_31_FAMILIES = [
    # signs
    ("sitting on the toilet feels like there's nothing there, back sore", "emergency", "the seat felt as absent"),
    ("no feeling at all when I wipe, back has been bad", "emergency", "no feeling when wiping"),
    ("wiping is like wiping somebody else's bum, back hurts", "emergency", "someone else's bottom"),
    ("my partner pinched my bum and I didn't feel it, my back aches", "emergency", "a pinch not felt"),
    ("a numb feeling in my sitting area since Sunday and my low back hurts", "emergency", "numb sitting area"),
    ("the tops of my inner thighs feel like cardboard, back twinged", "emergency", "thighs like cardboard"),
    ("no wee all day even though I keep trying, back pain", "emergency", "no wee all day"),
    ("had an accident with urine and didn't feel it coming, back bad", "emergency", "an accident not felt coming"),
    ("haven't wet the bed since I was little but did last night, back aching", "emergency", "new bedwetting"),
    ("I can barely lift my toes now, back pain", "emergency", "barely lifting the toes"),
    ("leg weakness getting progressively worse and back ache", "emergency", "weakness getting worse"),
    ("can't go up on tiptoe on my left anymore, back sore", "emergency", "no tiptoe"),
    ("my slippers keep falling off and I can't grip them, back hurts", "emergency", "slippers falling off"),
    ("her legs will not hold her up this morning, back bad", "emergency", "legs will not hold"),
    ("the strength in my right leg is going, back pain", "emergency", "strength going from a leg"),
    ("went down the whole flight of stairs on my back", "emergency", "down the whole flight"),
    ("knocked over by a cyclist this morning and my back hurts", "emergency", "knocked over by a cyclist"),
    ("a sharp pain right through from front to back like a knife", "emergency", "front to back like a knife"),
    ("pressure behind my breastbone walking uphill and my upper back aches", "emergency", "pressure behind the breastbone"),
    ("drenched the sheets with sweat two nights running, back aches", "urgent", "sheets drenched with sweat"),
    ("my skin is on fire then I'm freezing, back hurts", "urgent", "burning then freezing"),
    ("my wife says my forehead is boiling and my back hurts", "urgent", "a boiling forehead"),
    ("I am hot like fire and my back hurts", "urgent", "hot like fire"),
    ("39 degrees temperature and my back aches", "urgent", "39 degrees with a temperature"),
    ("lost 4 kilos out of nowhere and my back hurts", "urgent", "kilos lost out of nowhere"),
    ("my face has gone gaunt and my back hurts", "urgent", "a gaunt face"),
    ("friends keep saying my face looks thin, I haven't changed anything, how often should I train", "urgent", "friends say my face"),
    ("she has become very thin, she is not trying to slim, back pain", "urgent", "become very thin, not slimming"),
    ("survivor of kidney cancer, back started hurting", "urgent", "a cancer survivor"),
    ("got the all clear from bowel cancer but now a new pain in my spine", "urgent", "the all clear, a new pain"),
    ("they took a lump out two years ago and it was the bad kind, now back pain", "urgent", "the bad kind"),
    ("back pain is worst around 3am", "urgent", "worst around 3am"),
    ("lying in bed is torture for my back", "urgent", "lying in bed is torture"),
    ("resting makes my back worse, not better", "urgent", "resting makes it worse"),
    ("the bed is unbearable for my back", "urgent", "the bed unbearable"),
    ("my back hurts so much at night", "urgent", "so much at night"),
    ("the pain in my back is very strong when I lay in bed", "urgent", "very strong when lying"),
    ("once I lie down the pain in my back gets really bad", "urgent", "once lying it gets really bad"),
    ("osteoporosis and I fall in the shower, back hurts", "urgent", "non-native 'I fall'"),
    ("osteoporosis, fall on ice last week, back aches", "urgent", "a fall on ice"),
    ("my mum has weak bones and went down in the garden", "urgent", "went down in the garden"),
    # near misses
    ("did the plank challenge and my legs were shaking like jelly after", None, "legs shaky after a workout"),
    ("my legs are weak at the gym because I skipped leg day for months", None, "skipped leg day"),
    ("numb bum from sitting on a hard bench at the football, gone now, back a bit stiff", None, "pressure numbness gone now"),
    ("butt was numb after a 3 hour movie but fine once I stood up", None, "numb after a movie"),
    ("my husband had a car accident, it's my back that aches from looking after him", None, "a carer's back"),
    ("my colleague's legs went numb after a flight, mine are fine but my back is stiff", None, "a colleague's legs"),
    ("my uncle had chest pain and is in hospital, my shoulders are tight from stress", None, "an uncle in hospital"),
    ("my brother was in a motorbike accident and he's in hospital, I've got desk back", None, "he's in hospital"),
    ("it's 39 degrees here today and my back is sweaty and stiff", None, "39 degrees of weather"),
    ("I fall asleep on the sofa and wake with a stiff back", None, "I fall asleep"),
    ("my legs went like jelly after the workout, fine now", None, "jelly legs, fine now"),
]



# Probes 32 (first-time users), 33 (the urgent signs twenty ways) and 34 (the emergency signs)
PROBE_32_34_FAMILIES = [
    # signs
    ("the bit I sit on feels like cardboard and my back throbs", "emergency", "the sitting bit like cardboard"),
    ("the area that touches the bike seat is numb even off the bike, back sore", "emergency", "where the seat touches"),
    ("zero sensation down there since yesterday, back bad", "emergency", "zero sensation down there"),
    ("I can't really feel the toilet seat under me, back aching", "emergency", "the toilet seat not felt"),
    ("hardly feel anything round my bottom, back pain", "emergency", "hardly any feeling round the bottom"),
    ("had to start wearing pads since my back went", "emergency", "pads since the back went"),
    ("I keep leaking into my pants and my back hurts", "emergency", "leaking into pants"),
    ("soiling myself without knowing, back pain", "emergency", "soiling oneself"),
    ("my wee stream is really weak and I have to strain, back hurts", "emergency", "a weak stream"),
    ("my calf is getting weaker and I can't push off when I walk", "emergency", "a calf getting weaker"),
    ("losing strength in my leg and the knee buckles, back pain", "emergency", "strength going, knee buckling"),
    ("my leg won't do what I tell it, back hurts", "emergency", "a leg that won't obey"),
    ("my foot slipped off the pedal and I couldn't lift it, back sore", "emergency", "a foot off the pedal"),
    ("my right leg keeps buckling under me, back pain", "emergency", "a leg that keeps buckling"),
    ("came down flat on my back after overshooting a jump", "emergency", "flat on the back off a jump"),
    ("a skiing crash this morning and my back is sore", "emergency", "a skiing crash"),
    ("head on collision on Friday, back still hurts", "emergency", "a head-on collision"),
    ("went through the loft hatch onto the landing, back hurts", "emergency", "through the loft hatch"),
    ("the tractor rolled over and I was thrown off, back is bad", "emergency", "thrown off a tractor"),
    ("mild chest discomfort and an upper back ache since lunch", "emergency", "chest discomfort with back ache"),
    ("I've been running hot and my back aches", "urgent", "running hot"),
    ("a slight temperature every evening and a low back ache", "urgent", "a slight temperature in the evenings"),
    ("I'm 4 kilos down for no reason, back sore", "urgent", "kilos down for no reason"),
    ("my belt needs a new hole though I'm eating the same, back aching", "urgent", "a new belt hole, eating the same"),
    ("no appetite and the weight is falling off, back hurts", "urgent", "weight falling off"),
    ("went from 70 to 63 kg without trying, back pain", "urgent", "from 70 to 63 without trying"),
    ("my rings are loose and I've not been dieting, backache", "urgent", "loose rings, no diet"),
    ("I didn't mean to lose weight but my clothes hang off me, back sore", "urgent", "didn't mean to lose weight"),
    ("cancer free for six years but now new back pain", "urgent", "cancer free, new pain"),
    ("scans clear after my cancer but my back aches now", "urgent", "after my cancer"),
    ("my back gets way worse once I'm in bed", "urgent", "worse once in bed"),
    ("it gets worse the second I'm horizontal", "urgent", "worse the second horizontal"),
    # near misses
    ("my water bottle keeps leaking into my bag, back sore from carrying it", None, "a leaking bottle"),
    ("my baby keeps dribbling on my shoulder and my back aches from carrying her", None, "a dribbling baby"),
    ("I wake up at night because my baby cries, back sore from rocking her", None, "woken by a baby"),
    ("my grandad had chest pain last week, he's ok now, routine for my upper back?", None, "a grandad recovered"),
    ("my husband had chest pain and got a stent, my back aches from gardening", None, "a husband's stent"),
    ("used to have bladder problems as a kid, nothing now, best beginner exercises?", None, "bladder trouble as a kid"),
    ("chest pain got checked last year, it was reflux, now I want better posture", None, "chest pain checked: reflux"),
    ("my aunt has numb legs from her diabetes, I just want a core routine", None, "an aunt's diabetic legs"),
    ("my colleague went numb in both legs once, I just have normal back stiffness", None, "a colleague's legs"),
    ("my car is running hot and my back is stiff from the drive", None, "a car running hot"),
]



# Probe 37 (short fragments)
PROBE_37_FAMILIES = [
    ("toes dragging on my left, getting worse, back pain", "emergency", "toes dragging, getting worse"),
    ("chest tight and back hurts, left arm too", "emergency", "a tight chest with back pain"),
    ("trousers falling off me, can't explain it, back ache", "urgent", "clothes falling off, unexplained"),
    ("grandad had a car crash, I'm fine, just want a back routine", None, "a grandad's crash, writer fine"),
    ("my friend's leg is getting weaker, my back is just tight", None, "a friend's weak leg"),
    ("watched a horror film and got chills, back stiff from the couch", None, "chills from a film"),
    ("my sister on steroids had a fall, my back is sore from lifting her", None, "a sister's fall, lifting her"),
    ("fever gone two weeks ago, back just tight from bed rest", None, "a fever gone weeks ago"),
    ("my uncle had prostate cancer, what back stretches for me", None, "an uncle's cancer, stretches for me"),
    ("my dad has back pain and had cancer years ago", "urgent", "the relative's own back pain"),
    ("our car rolled over two days ago, I walked away but my back aches now", "emergency", "a rollover, 'over' is no all-clear"),
]



# Probes 35 (tricky but fair, as a held-out set) and 36 (a complaint asking what helps)
PROBE_35_36_FAMILIES = [
    ("soiled the bed in my sleep and didn't wake, back screaming", "emergency", "soiling the bed"),
    ("since my back went I can't hold it in anymore, number 1 or 2", "emergency", "can't hold it in"),
    ("neither leg feels right, both heavy and tingling, back pain", "emergency", "neither leg right"),
    ("my legs are wobbly and weak since my back flared", "emergency", "legs wobbly and weak"),
    ("can't lift the toes on my left foot anymore, back bad", "emergency", "can't lift the toes"),
    ("I can barely feel the seat when I sit on the loo, back ache", "emergency", "the seat barely felt"),
    ("my bladder feels full but nothing comes out, back pain", "emergency", "full but nothing comes"),
    ("came off the scaffolding at work and landed spine first", "emergency", "off the scaffolding"),
    ("fell from two floors up onto my back", "emergency", "two floors up"),
    ("the weight is just coming off for no reason and my back aches", "urgent", "weight coming off for no reason"),
    ("I've been shedding pounds without meaning to, back sore", "urgent", "shedding pounds"),
    ("my clothes hang off me and I wasn't trying to slim, back hurts", "urgent", "clothes hanging, not slimming"),
    ("I'm way lighter than I was in spring with no diet change, back hurts", "urgent", "lighter with no change"),
    ("not hungry lately and lost loads of weight, back aches", "urgent", "not hungry, weight lost"),
    ("tumour taken out in 2021 and now my back has been hurting", "urgent", "a tumour taken out"),
    ("cancer free 4 years but new back pain", "urgent", "cancer free"),
    ("boiling hot then freezing cold all day with back pain", "urgent", "boiling then freezing"),
    ("days are fine but the nights are agony for my back", "urgent", "nights agony"),
    ("my back is worst when I'm resting in bed", "urgent", "worst resting in bed"),
    ("back pain gets really intense after dark", "urgent", "intense after dark"),
    ("my back pain peaks at 3am", "urgent", "peaks at 3am"),
    ("back pain drags me awake every night", "urgent", "drags me awake"),
    ("every time I lie down my back pain goes through the roof", "urgent", "through the roof lying down"),
    ("on high dose steroids and took a spill in the shower, back agony", "urgent", "steroids and a spill"),
    # near misses
    ("sat on a hard bench for the whole match and my bum went numb till I stood up", None, "numb until standing"),
    ("my kid had a high temperature so I missed my session, give me a 15 min routine", None, "a kid's temperature"),
    ("not hungry after my big lunch, back a bit stiff", None, "not hungry after lunch"),
]



# Probes 38 (is it normal / related), 39 (a concrete detail) and 40 (noticed by someone else)
PROBE_38_40_FAMILIES = [
    # signs
    ("the nurse pressed on my groin and I barely felt it, back sore", "emergency", "a press barely felt"),
    ("no feeling there since yesterday, on my bottom, back aches", "emergency", "no feeling on the bottom"),
    ("my groin went pins and needles and now it's not right, back stiff", "emergency", "groin pins and needles"),
    ("wiping after the loo is like wiping somebody else's bum, back bad", "emergency", "somebody else's bum"),
    ("inside of my thighs up to my privates is all pins and needles, back pain", "emergency", "thighs to the privates"),
    ("peeing takes ages to start and I can't feel it flowing, back sore", "emergency", "a slow start, flow not felt"),
    ("up to pee loads but hardly anything comes out, back pain", "emergency", "hardly anything comes"),
    ("I had an accident and didn't even know, back agony", "emergency", "an accident not noticed"),
    ("I've soiled the sheets twice this week, back hurts", "emergency", "soiled sheets"),
    ("straining ages to wee since my back went", "emergency", "straining to wee"),
    ("in the loo forever trying to pee and nothing, back spasms", "emergency", "trying to pee, nothing"),
    ("I keep running to the toilet and not making it, back bad", "emergency", "not making it to the toilet"),
    ("both legs felt like wet noodles on the stairs, back aches", "emergency", "legs like noodles"),
    ("both thighs give out getting out of a chair, back hurting", "emergency", "thighs give out"),
    ("my calves and feet are numb on both sides, back went", "emergency", "numb on both sides"),
    ("my left leg is getting worse by the day, back sore", "emergency", "worse by the day"),
    ("fell down a whole set of concrete steps on my back", "emergency", "a whole set of steps"),
    ("a trampoline accident this evening and my back hurts", "emergency", "a trampoline accident"),
    ("got tackled and came down on my spine at rugby", "emergency", "came down on the spine"),
    ("the horse threw me onto the ground, back pain since", "emergency", "thrown by a horse"),
    ("hit the water really badly diving, back has hurt since", "emergency", "a bad dive"),
    ("the car rolled when we crashed yesterday, back painful", "emergency", "a car that rolled"),
    ("a tight pain in my chest that goes through to my upper back", "emergency", "chest pain through to the back"),
    ("I keep clutching my chest and my back hurts", "emergency", "clutching the chest"),
    ("took my temp and it's high, back aches on one side", "urgent", "a high temp"),
    ("down 6 kilos since spring for no reason and my back aches", "urgent", "kilos down for no reason"),
    ("down 4kg and I haven't changed anything, back sore", "urgent", "down with nothing changed"),
    ("5 kilos lighter even though I'm eating normally, back hurts", "urgent", "lighter eating normally"),
    ("10kg lighter than in spring and wasn't trying at all, back hurts", "urgent", "lighter, not trying at all"),
    ("no appetite and the scale goes down every week, new upper back ache", "urgent", "no appetite, scale down"),
    ("two new holes in my belt and I eat the same as always, back ache", "urgent", "new belt holes, eating the same"),
    ("I'm skin and bone lately with no diet, back keeps hurting", "urgent", "skin and bone"),
    ("breast cancer was my thing in 2020 and this back pain is new", "urgent", "cancer was my thing"),
    ("my back pain is so bad at 3am I end up sleeping in the armchair", "urgent", "so bad at 3am"),
    ("the minute I lie down my back pain shoots up to 9/10", "urgent", "shoots up lying down"),
    ("I sleep sitting up because lying down makes my back throb badly", "urgent", "sleeping sitting up"),
    ("on hydrocortisone and slid down the last few stairs, back hurts", "urgent", "steroids, slid down the stairs"),
    # near misses
    ("my husband says I cry out in my sleep, my back hurts terribly at night", "urgent", "crying out at night is no baby"),
    ("my sister had a bad fall off a horse, she's recovering, I'm fine", None, "a sister recovering"),
    ("my dad had a heart attack last year but my own chest is fine, just upper back tightness", None, "the writer's own chest fine"),
    ("should I skip leg day? my back is a bit stiff", None, "asking to skip leg day"),
    ("I lost 4kg and didn't change my back routine, is that ok", None, "didn't change the routine"),
    ("2 kg lighter dumbbells, not trying heavy ones yet", None, "lighter dumbbells"),
    ("I'm not trying to look thin, just want a strong back", None, "not trying to look thin"),
]



# Probes 41 (five mini held-out sets), 42 (urgent signs, messy typing) and 43 (signs with their timeline)
PROBE_41_43_FAMILIES = [
    ("since Sunday I can't feel the bike seat under me properly, back bad", "emergency", "the bike seat not felt"),
    ("hardly any feeling around my bottom since the weekend, back agony", "emergency", "hardly any feeling"),
    ("the bit I sit on has lost its feeling and my back is very painful", "emergency", "the sitting bit lost its feeling"),
    ("struggling to empty my bladder for three days, back worse", "emergency", "struggling to empty"),
    ("went to the loo and nothing would come, back awful", "emergency", "nothing would come"),
    ("some soiling I didn't notice and my back is very bad", "emergency", "soiling not noticed"),
    ("my legs don't want to hold me up, back pain since Friday", "emergency", "legs that won't hold me up"),
    ("my foot has started to drag and it's worse every day, backache", "emergency", "a foot dragging worse each day"),
    ("came off the stepladder and landed on the patio, back sore", "emergency", "off a stepladder"),
    ("back pain yesterday and today it's also in the middle of my chest", "emergency", "also in the middle of the chest"),
    ("my temps been high three days and my back hurts", "urgent", "temps high for days"),
    ("down 10 pounds in a month idk why, back pain", "urgent", "down, idk why"),
    ("my doctor says I lost weight since last visit and I didn't mean to, back pain", "urgent", "weight lost, not meant"),
    ("dropped 2 dress sizes without trying, back hurts", "urgent", "dress sizes dropped"),
    ("not dieting but the scale keeps going down, back aches", "urgent", "the scale down, not dieting"),
    ("droped 12kg in 3 months not dieting, back pain", "urgent", "'droped'"),
    ("bowel cancer surgery last year, now new back pain", "urgent", "cancer surgery, new pain"),
    ("got myeloma and new back pain since the weekend", "urgent", "got myeloma"),
    ("they took a malignant lump out of my bowel, now back pain", "urgent", "a malignant lump taken out"),
    ("lying down makes my back pain way worse, like 9/10", "urgent", "lying down way worse"),
    ("night time back pain so bad I sleep on the sofa sitting up", "urgent", "so bad I sleep on the sofa"),
    ("severe pain in my lower back when I lie in bed", "urgent", "severe when I lie in bed"),
    ("back pain gets severe around midnight and resting does nothing", "urgent", "severe around midnight"),
    ("can't lie on my back at all, the pain is intense", "urgent", "can't lie on the back at all"),
    ("wakes me up evry nite the bak pain", "urgent", "'evry nite'"),
    ("on prednisolone and went over at the bus stop, sharp back pain", "urgent", "steroids, went over at the stop"),
    # near misses
    ("I work with cancer patients and the bending gives me a sore lower back", None, "patients with cancer"),
    ("my aunt had cancer, I don't, just a tight lower back from the gym", None, "an aunt's cancer, not mine"),
    ("mum has cancer. I just want back exercises", None, "a mum's cancer, exercises for me"),
    ("my husband had cancer some time ago and is fine now, back exercises for us both?", None, "a husband fine now"),
    ("fever of excitement, starting my first back workout today", None, "a fever of excitement"),
    ("slipped disc last year, back a bit stiff now", None, "a slipped disc is no fall"),
]



# Probes 44-46 (held-out-style sections by fifteen "people")
PROBE_44_46_FAMILIES = [
    ("our car was hit from behind on Friday and my back is agony", "emergency", "hit from behind"),
    ("a heaviness across my chest this evening and my upper back aches", "emergency", "heaviness across the chest"),
    ("why can't I feel anything down there, back hurting since the gym", "emergency", "nothing felt down there"),
    ("fell off my skateboard down a whole set of stairs, straight onto my spine", "emergency", "down a whole set of stairs"),
    ("retention since this morning and my back hurts", "emergency", "retention named"),
    ("haven't passed water since last night and my back is sore", "emergency", "not passed water"),
    ("lost control of my back passage twice since the back pain", "emergency", "back passage control lost"),
    ("the tractor rolled and I got thrown off, back sore", "emergency", "a tractor rolled"),
    ("the cow knocked me over and trampled me, back hurts", "emergency", "trampled by a cow"),
    ("the skin between my legs, I cannot feel it, back pain", "emergency", "between the legs not felt"),
    ("when I sit I am not feeling my bottom, back very painful", "emergency", "not feeling the bottom"),
    ("my chest is like pressed and my back hurts", "emergency", "a chest like pressed"),
    ("I stand at the urinal and nothing comes out, back tweaked", "emergency", "nothing at the urinal"),
    ("no idea when I need to wee now, back agony", "emergency", "the need to wee not felt"),
    ("couldn't go at all at the services, back done in", "emergency", "couldn't go at all"),
    ("no feeling round my arse for hours after the drive, not the usual", "emergency", "no feeling round the arse"),
    ("jackknifed the lorry last night, back in bits", "emergency", "jackknifed"),
    ("a motorway pile up this morning and my back is very painful", "emergency", "a pile-up"),
    ("fell off the beam in gymnastics onto my back", "emergency", "off the beam"),
    ("both quads feel like jelly and my shins are numb, back went", "emergency", "quads like jelly"),
    ("operated for cancer in my thyroid, now new pain in my spine", "urgent", "operated for cancer"),
    ("a stone gone and I have no idea why, back aching", "urgent", "a stone gone, no idea why"),
    ("lost 6kg and I'm not cutting, back hurting", "urgent", "lost weight, not cutting"),
    ("lost a stone in two months without meaning to, back pain", "urgent", "a stone without meaning to"),
    ("I look thinner every week and my back won't shift", "urgent", "thinner every week"),
    ("back's worse come nightfall and wakes me most nights", "urgent", "worse at nightfall"),
    ("at night it's brutal, my back", "urgent", "brutal at night"),
    ("my back wakes me at 3am every night", "urgent", "woken at 3am"),
    ("worst when I'm laid in the bunk, back wakes me every hour", "urgent", "laid in the bunk"),
    ("on steroids for lupus and went over in the kitchen, back sore", "urgent", "went over in the kitchen"),
    ("osteoporosis and fall, back hurts", "urgent", "osteoporosis and fall"),
    # near misses
    ("osteoporosis and I fell off a chair onto my back yesterday", "urgent", "a fragile-bone fall, not major"),
    ("I had a fever last week but it's gone, can I train my back", None, "a fever gone"),
    ("I had a temperature a month ago, fully over it, back stiff", None, "fully over it"),
    ("my father had cancer, I want to take care of my back", None, "a father's cancer, my own back"),
    ("my training partner had cancer and does supermans, should I add them too?", None, "a partner's cancer, adding supermans"),
    ("middle of the night feed and my upper back aches from holding her", None, "a night feed, no chest sign"),
    ("losing weight on a cut for my comp, back a bit tight", None, "on a cut"),
]



# Probes 47-49 (held-out-style sections by fifteen more "people")
PROBE_47_49_FAMILIES = [
    ("leaked stool today and didn't feel it, back bad", "emergency", "leaked stool"),
    ("no feeling when I go for a poo, back pain", "emergency", "no feeling going to the toilet"),
    ("when I wash down there I can't feel the flannel, back aches", "emergency", "washing, not felt"),
    ("an accident with my waterworks twice today, back pain", "emergency", "waterworks accident"),
    ("I couldn't hold it in, an accident with my bowels, back awful", "emergency", "couldn't hold it"),
    ("lost control of my water since the back went", "emergency", "control of my water lost"),
    ("I try to go and I can't start, the bathroom thing isn't working, back hurts", "emergency", "can't start, isn't working"),
    ("his bowel opened without him knowing, back pain, new for him", "emergency", "bowel opened unknowing"),
    ("I can't feel when I need to pea, back hurts", "emergency", "'pea'"),
    ("fell off the loading dock, 2 metres onto my back", "emergency", "two metres"),
    ("got rammed by a car in the car park, back sore", "emergency", "rammed by a car"),
    ("a car clipped me crossing the road, back hurts", "emergency", "a car clipped me"),
    ("a van reversed into me at work, back really bad", "emergency", "a van reversed into me"),
    ("she fell out of bed and hit her back badly, lots of pain", "emergency", "hit her back badly"),
    ("tight band round my chest and pain between the shoulder blades", "emergency", "tight band round the chest"),
    ("hot then freezing and my low back hurts", "urgent", "hot then freezing"),
    ("I feel hot and shaky like flu and my back hurts", "urgent", "hot and shaky"),
    ("my rings are loose and I'm not eating any less, back pain", "urgent", "loose rings, eating as before"),
    ("my clothes are loose though I eat well, back pain six weeks", "urgent", "clothes loose, eating well"),
    ("whites hanging off me and I haven't been trying to lose, back sore", "urgent", "clothes hanging, not trying"),
    ("dropped nearly 10kg and I eat all day, back ache", "urgent", "dropped while eating all day"),
    ("my wait is dropping off and I'm not on a diet, back hurts", "urgent", "'wait' dropping"),
    ("people say I'm thinner but I haven't tried, back aches", "urgent", "thinner, not tried"),
    ("had hodgkins at uni, clear since, new back pain", "urgent", "hodgkins"),
    ("prostate cancer 2020, treated, new back pain", "urgent", "cancer with its year"),
    ("back pain brutal at night, which pose eases it", "urgent", "brutal at night, eased asked"),
    ("wakes me every nite, savage pain in my back", "urgent", "every nite"),
    ("on steroids and got dumped in a tackle, back hurts", "urgent", "steroids and a tackle"),
    # near misses
    ("back stiff at night on this awful hotel mattress, fine once I'm up", None, "awful mattress, eased"),
    ("my chest feels tight when I speak in public, my back is fine", None, "nerves, back fine"),
    ("I had a temperature in the spring but it passed, back exercises now?", None, "a temperature that passed"),
    ("my sister had cancer and she is doing well now, a routine for us both?", None, "a sister doing well"),
    ("my mum had breast cancer, I've never had it, back tight from teaching", None, "never had it myself"),
    ("is the plank ok? my back is a bit stiff", None, "plank asked"),
]


# Session 6's probes (23-49), each family in our own words beside its near misses, in one table
SESSION_6_FAMILIES = [
    *PROBE_23_24_FAMILIES, *PROBE_25_26_FAMILIES, *PROBE_27_28_FAMILIES, *PROBE_29_31_FAMILIES,
    *PROBE_32_34_FAMILIES, *PROBE_35_36_FAMILIES, *PROBE_37_FAMILIES, *PROBE_38_40_FAMILIES,
    *PROBE_41_43_FAMILIES, *PROBE_44_46_FAMILIES, *PROBE_47_49_FAMILIES,
]


@pytest.mark.parametrize(("message", "tier", "case"), SESSION_6_FAMILIES, ids=[c for *_, c in SESSION_6_FAMILIES])
def test_session_6_probe_families_alarm_and_their_near_misses_do_not(
    rules: SafetyRules, message: str, tier: str | None, case: str
) -> None:
    result = triage(message, rules)
    assert result.tier == tier, (case, result.flags)
