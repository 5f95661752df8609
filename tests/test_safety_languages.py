"""Red-flag triage in other languages (knowledge/safety_languages.yaml), against the real files.

Every message here was written for this file, in the way people type on a phone (informal,
accents often missing); none is copied from a probe.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.brain.safety import SafetyRules, parse_safety, triage
from bot.content import english_words

ROOT = Path(__file__).resolve().parents[1]
SAFETY_FILE = ROOT / "knowledge" / "safety.yaml"
LANGUAGES_FILE = ROOT / "knowledge" / "safety_languages.yaml"
NAME = "knowledge/safety.yaml"
LANGUAGES = "knowledge/safety_languages.yaml"
# the English probes written blind to the rules (probe 13 is kept unread: it measures this work)
ENGLISH_PROBES = [ROOT / "tests" / f"safety_probe_{n}.yaml" for n in range(7, 13)]

# The brief's ten signs (cauda equina by name is left to the English rules' spelling).
SIGN_FLAGS = {
    "saddle_numbness", "bladder_bowel", "leg_weakness", "major_trauma", "chest_pain",
    "fever", "weight_loss", "cancer_history", "night_pain", "bone_risk_fall",
}
EMERGENCY = {"saddle_numbness", "bladder_bowel", "leg_weakness", "major_trauma", "chest_pain"}


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return yaml.safe_load(SAFETY_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def raw_languages() -> dict[str, Any]:
    return yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rules(raw: dict[str, Any], raw_languages: dict[str, Any]) -> SafetyRules:
    parsed, errors = parse_safety(raw, NAME, raw_languages, LANGUAGES, english_words())
    assert errors == []
    assert parsed is not None
    return parsed


@pytest.fixture(scope="module")
def english(raw: dict[str, Any]) -> SafetyRules:
    parsed, errors = parse_safety(raw, NAME)
    assert errors == [] and parsed is not None
    return parsed


SIGNS: dict[str, list[tuple[str, str]]] = {
    'es': [
        ('desde ayer tengo la entrepierna dormida y me duele mucho la espalda', 'saddle_numbness'),
        ('no puedo orinar desde anoche y tengo un dolor de espalda horrible', 'bladder_bowel'),
        ('se me escapa la orina sin darme cuenta desde que me dio el lumbago', 'bladder_bowel'),
        ('tengo las dos piernas dormidas y flojas desde esta mañana', 'leg_weakness'),
        ('me caí de la escalera ayer pintando y ahora no me puedo mover de la espalda', 'major_trauma'),
        ('tuve un accidente de coche el sábado y me duele la espalda', 'major_trauma'),
        ('me duele el pecho y la espalda a la vez, como una presión', 'chest_pain'),
        ('tengo fiebre y escalofríos y me duele la zona lumbar', 'fever'),
        ('he perdido 7 kilos en dos meses sin hacer dieta y me duele la espalda', 'weight_loss'),
        ('tuve cáncer de mama hace 4 años y ahora me duele la columna', 'cancer_history'),
        ('el dolor de espalda no me deja dormir, es peor por la noche', 'night_pain'),
        ('tengo osteoporosis y me caí en la ducha, me duele la espalda', 'bone_risk_fall'),
    ],
    'fr': [
        ("j'ai les fesses et l'entrejambe engourdies depuis ce matin", 'saddle_numbness'),
        ("j'arrive plus a uriner depuis hier soir et j'ai mal au dos", 'bladder_bowel'),
        ('mes deux jambes sont faibles et engourdies depuis ce matin', 'leg_weakness'),
        ("je suis tombé d'une échelle hier et j'ai très mal au dos", 'major_trauma'),
        ('douleur dans la poitrine qui passe dans le dos depuis une heure', 'chest_pain'),
        ("j'ai de la fièvre et des frissons avec mal au dos", 'fever'),
        ("j'ai perdu 6 kilos sans faire de régime et j'ai mal au dos", 'weight_loss'),
        ("j'ai eu un cancer du sein il y a 3 ans, maintenant mal au dos", 'cancer_history'),
        ("la douleur me réveille toutes les nuits, c'est pire allongé", 'night_pain'),
        ("j'ai de l'ostéoporose et j'ai glissé dans la salle de bain", 'bone_risk_fall'),
    ],
    'de': [
        ('seit heute morgen ist mein Po und der Intimbereich taub', 'saddle_numbness'),
        ('ich kann seit gestern nicht mehr richtig pinkeln und hab Rückenschmerzen', 'bladder_bowel'),
        ('seit gestern sind beide Beine taub und ganz schwach', 'leg_weakness'),
        ('bin gestern von der Leiter gefallen, jetzt tut der Rücken extrem weh', 'major_trauma'),
        ('ich hab Druck auf der Brust und es zieht in den Rücken', 'chest_pain'),
        ('ich habe Fieber und Schüttelfrost und Rückenschmerzen', 'fever'),
        ('hab 8 kilo abgenommen ohne Diät und der Rücken tut weh', 'weight_loss'),
        ('ich hatte Brustkrebs und jetzt hab ich neue Rückenschmerzen', 'cancer_history'),
        ('die Schmerzen wecken mich jede Nacht, im Liegen ist es schlimmer', 'night_pain'),
        ('ich nehme seit Jahren Kortison und bin heute auf der Treppe ausgerutscht', 'bone_risk_fall'),
    ],
    'pt': [
        ('tô com a virilha e o bumbum dormentes desde ontem', 'saddle_numbness'),
        ('não consigo fazer xixi desde ontem e minhas costas doem muito', 'bladder_bowel'),
        ('as duas pernas estão fracas e dormentes desde hoje cedo', 'leg_weakness'),
        ('caí do telhado ontem e minhas costas estão doendo muito', 'major_trauma'),
        ('sinto um aperto no peito que vai para as costas', 'chest_pain'),
        ('estou com febre e calafrios e dor nas costas', 'fever'),
        ('perdi 6 quilos sem fazer dieta e estou com dor lombar', 'weight_loss'),
        ('tive câncer de próstata e agora estou com dor nas costas', 'cancer_history'),
        ('a dor nas costas não me deixa dormir, é pior à noite deitado', 'night_pain'),
        ('tenho osteoporose e levei um tombo na rua ontem', 'bone_risk_fall'),
    ],
    'it': [
        ("da stamattina ho l'inguine e le natiche intorpidite", 'saddle_numbness'),
        ('non riesco a fare pipì da ieri sera e ho mal di schiena', 'bladder_bowel'),
        ('ho entrambe le gambe deboli e intorpidite da ieri', 'leg_weakness'),
        ('sono caduto dalla scala ieri e ho un mal di schiena fortissimo', 'major_trauma'),
        ('ho un dolore al petto che arriva fino alla schiena', 'chest_pain'),
        ('ho la febbre e i brividi e mi fa male la schiena', 'fever'),
        ('ho perso 7 chili senza dieta e ho mal di schiena', 'weight_loss'),
        ('ho avuto un tumore al seno e ora ho un nuovo mal di schiena', 'cancer_history'),
        ('il dolore mi sveglia ogni notte, da sdraiato è peggio', 'night_pain'),
        ("ho l'osteoporosi e sono scivolata in bagno stamattina", 'bone_risk_fall'),
    ],
    'nl': [
        ('sinds vanochtend voelt mijn kruis en mijn billen gevoelloos', 'saddle_numbness'),
        ('ik kan sinds gisteren niet meer plassen en heb rugpijn', 'bladder_bowel'),
        ('beide benen zijn zwak en gevoelloos sinds vanmorgen', 'leg_weakness'),
        ('ik ben gisteren van de ladder gevallen en heb veel rugpijn', 'major_trauma'),
        ('ik heb pijn op de borst die doortrekt naar mijn rug', 'chest_pain'),
        ('ik heb koorts en rillingen en mijn rug doet pijn', 'fever'),
        ('ik ben 6 kilo afgevallen zonder dieet en heb rugpijn', 'weight_loss'),
        ('ik heb borstkanker gehad en nu heb ik nieuwe rugpijn', 'cancer_history'),
        ('de pijn maakt me elke nacht wakker, liggen is erger', 'night_pain'),
        ('ik heb osteoporose en ben vanochtend uitgegleden', 'bone_risk_fall'),
    ],
    'pl': [
        ('od rana mam zdrętwiałe krocze i pośladki', 'saddle_numbness'),
        ('od wczoraj nie mogę się wysikać i boli mnie kręgosłup', 'bladder_bowel'),
        ('obie nogi mam słabe i zdrętwiałe od rana', 'leg_weakness'),
        ('spadłem wczoraj z drabiny i strasznie bolą mnie plecy', 'major_trauma'),
        ('mam ucisk w klatce piersiowej i ból promieniuje do pleców', 'chest_pain'),
        ('mam gorączkę i dreszcze i bolą mnie plecy', 'fever'),
        ('schudłam 7 kg bez diety i bolą mnie plecy', 'weight_loss'),
        ('miałam raka piersi, a teraz bolą mnie plecy', 'cancer_history'),
        ('ból budzi mnie w nocy, na leżąco jest gorzej', 'night_pain'),
        ('mam osteoporozę i wczoraj poślizgnęłam się w łazience', 'bone_risk_fall'),
    ],
    'tr': [
        ('sabahtan beri kasığım ve kalçam uyuştu', 'saddle_numbness'),
        ('dünden beri idrar yapamıyorum, belim de çok ağrıyor', 'bladder_bowel'),
        ('iki bacağım da uyuştu ve güçsüz, belim ağrıyor', 'leg_weakness'),
        ('dün merdivenden düştüm, sırtım çok ağrıyor', 'major_trauma'),
        ('göğsümde baskı var ve sırtıma vuruyor', 'chest_pain'),
        ('ateşim var, titriyorum ve belim ağrıyor', 'fever'),
        ('sebepsiz 6 kilo verdim, belim de ağrıyor', 'weight_loss'),
        ('meme kanseri geçirdim, şimdi belim ağrıyor', 'cancer_history'),
        ('geceleri ağrıdan uyuyamıyorum, yatınca artıyor', 'night_pain'),
        ('kemik erimem var ve banyoda kaydım düştüm', 'bone_risk_fall'),
    ],
    'hi_latn': [
        ('subah se private part ke paas sunn ho gaya hai aur kamar mein dard', 'saddle_numbness'),
        ('kal raat se peshab nahi aa raha, kamar mein bahut dard hai', 'bladder_bowel'),
        ('dono pair sunn aur kamzor ho gaye hain kal se', 'leg_weakness'),
        ('kal seedhi se gir gaya, kamar mein bahut dard hai', 'major_trauma'),
        ('seene mein dard hai jo peeth tak jaa raha hai', 'chest_pain'),
        ('mujhe bukhar hai aur kamar mein dard bhi', 'fever'),
        ('bina diet ke mera wajan 6 kilo kam ho gaya, kamar dard bhi hai', 'weight_loss'),
        ('mujhe 3 saal pehle cancer tha, ab kamar mein naya dard hai', 'cancer_history'),
        ('raat ko kamar ka dard bahut zyada badh jaata hai, dard se neend nahi aati', 'night_pain'),
        ('mujhe osteoporosis hai aur kal bathroom mein fisal gayi', 'bone_risk_fall'),
    ],
    'tl': [
        ('namamanhid yung singit at pwet ko simula kaninang umaga', 'saddle_numbness'),
        ('hindi ako makaihi simula kagabi at masakit ang likod ko', 'bladder_bowel'),
        ('nanghihina at namamanhid ang dalawang binti ko', 'leg_weakness'),
        ('nahulog ako sa hagdan kahapon, sobrang sakit ng likod ko', 'major_trauma'),
        ('masakit ang dibdib ko tapos tumatagos sa likod', 'chest_pain'),
        ('may lagnat ako at giniginaw, masakit pa likod ko', 'fever'),
        ('pumayat ako ng 5 kilo kahit hindi nagda-diet, masakit likod', 'weight_loss'),
        ('nagkaroon ako ng breast cancer dati, ngayon masakit ang likod ko', 'cancer_history'),
        ('hindi ako makatulog sa sakit ng likod, lalo masakit pag nakahiga', 'night_pain'),
        ('may osteoporosis ako tapos nadulas ako sa banyo', 'bone_risk_fall'),
    ],
}


LOOKALIKES: dict[str, list[str]] = {
    'es': [
        'me duele la espalda desde el lunes, ¿qué ejercicios me recomiendas?',
        'tengo agujetas en las piernas después del gimnasio',
        'sin fiebre, solo dolor de espalda al levantarme',
        'he perdido 4 kilos con la dieta y me siento genial',
        'mi madre tuvo cáncer de mama, ¿puedo hacer sentadillas?',
        'me caí de la bici hace diez años, ya estoy curado',
    ],
    'fr': [
        "j'ai mal au dos depuis lundi, quels exercices faire ?",
        'courbatures aux jambes après la salle de sport',
        'pas de fièvre, juste le dos raide le matin',
        "j'ai perdu 5 kilos avec mon régime, je suis contente",
        'ma mère a eu un cancer, est-ce que je peux faire du gainage ?',
    ],
    'de': [
        'mein Rücken tut seit Montag weh, welche Übungen helfen?',
        'Muskelkater in den Beinen nach dem Fitnessstudio',
        'kein Fieber, nur Rückenschmerzen beim Aufstehen',
        'ich habe mit der Diät 5 kilo abgenommen',
        'ich bin vor 10 Jahren von der Leiter gefallen, alles gut verheilt',
    ],
    'pt': [
        'estou com dor nas costas desde segunda, que exercícios posso fazer?',
        'minhas pernas estão doloridas depois da academia',
        'não tenho febre, só dor lombar',
        'perdi 5 quilos com a dieta e estou feliz',
        'minha mãe teve câncer, posso fazer prancha?',
    ],
    'it': [
        'ho mal di schiena da lunedì, che esercizi posso fare?',
        'ho le gambe indolenzite dopo la palestra',
        'niente febbre, solo la schiena rigida',
        "non ho la febbre, solo un po' di mal di schiena",
        'ho perso 5 chili con la dieta, sto benissimo',
    ],
    'nl': [
        'ik heb al sinds maandag rugpijn, welke oefeningen helpen?',
        'spierpijn in mijn benen na de sportschool',
        'geen koorts, alleen een stijve rug',
        'ik ben 5 kilo afgevallen met mijn dieet',
        'mijn moeder had kanker, mag ik planken?',
    ],
    'pl': [
        'od poniedziałku bolą mnie plecy, jakie ćwiczenia polecasz?',
        'mam zakwasy w nogach po siłowni',
        'nie mam gorączki, tylko bolą mnie plecy',
        'schudłam 5 kg na diecie i czuję się świetnie',
        'moja mama miała raka, czy mogę robić przysiady?',
    ],
    'tr': [
        'pazartesiden beri belim ağrıyor, hangi egzersizleri yapayım?',
        'spor salonundan sonra bacaklarım ağrıyor',
        'ateşim yok, sadece belim ağrıyor',
        'diyetle 5 kilo verdim, çok mutluyum',
        'annem kanser oldu, ben plank yapabilir miyim?',
    ],
    'hi_latn': [
        'kamar mein dard hai, koi exercise batao',
        'gym ke baad pairon mein dard ho raha hai',
        'bukhar nahi hai, bas kamar mein dard hai',
        'diet se 5 kilo wajan kam hua, bahut khush hu',
        'meri mummy ko cancer tha, kya main squats kar sakta hu?',
    ],
    'tl': [
        'masakit ang likod ko simula lunes, anong exercise pwede?',
        'masakit ang binti ko pagkatapos mag gym',
        'walang lagnat, masakit lang likod ko',
        'pumayat ako ng 5 kilo dahil nag diet ako, ang saya',
        'ang nanay ko ay nagkaroon ng cancer, pwede ba ako mag plank?',
    ],
}


def test_the_file_names_its_source_and_every_language(raw_languages: dict[str, Any], rules: SafetyRules) -> None:
    assert "added beyond the article" in raw_languages["source"]
    assert [language.id for language in rules.languages] == list(SIGNS)
    for language in rules.languages:
        assert set(language.advice) == {"emergency", "urgent"}
        assert {f.id.removeprefix("red_flag.") for f in language.flags} >= SIGN_FLAGS


def test_every_language_has_a_sign_for_every_flag_and_four_lookalikes() -> None:
    for language, items in SIGNS.items():
        assert {flag for _, flag in items} >= SIGN_FLAGS, language
        assert len(LOOKALIKES[language]) >= 4, language


@pytest.mark.parametrize(
    ("language", "message", "flag"),
    [(language, message, flag) for language, items in SIGNS.items() for message, flag in items],
    ids=[f"{language}-{flag}" for language, items in SIGNS.items() for _, flag in items],
)
def test_sign_raises_its_flag_and_tier_in_its_language(rules: SafetyRules, language: str, message: str, flag: str) -> None:
    result = triage(message, rules)
    assert f"red_flag.{flag}" in result.flags, (message, result)
    raised_emergency = any(f.removeprefix("red_flag.") in EMERGENCY for f in result.flags)
    assert result.tier == ("emergency" if raised_emergency else "urgent")
    assert flag not in EMERGENCY or result.tier == "emergency"
    assert result.language == language


@pytest.mark.parametrize(
    ("language", "message"),
    [(language, message) for language, items in LOOKALIKES.items() for message in items],
    ids=[f"{language}-{i}" for language, items in LOOKALIKES.items() for i, _ in enumerate(items)],
)
def test_lookalike_raises_nothing(rules: SafetyRules, language: str, message: str) -> None:
    result = triage(message, rules)
    assert result.tier is None, (message, result)
    assert result.advice == ""


def test_advice_starts_with_the_language_line_then_the_english_advice(rules: SafetyRules) -> None:
    for language in rules.languages:
        message, _ = SIGNS[language.id][1]  # the bladder sign: an emergency in every language
        result = triage(message, rules)
        assert result.tier == "emergency" and result.language == language.id
        assert result.advice == f"{language.advice['emergency']}\n\n{rules.advice['emergency']}"
    spanish = next(language for language in rules.languages if language.id == "es")
    result = triage("tengo fiebre desde anoche y me duele la espalda", rules)
    assert result.tier == "urgent"
    assert result.advice.startswith("Consulte hoy mismo a un médico antes de hacer ejercicio.\n\n")
    assert result.advice == f"{spanish.advice['urgent']}\n\n{rules.advice['urgent']}"


def test_english_messages_get_no_language_line(rules: SafetyRules) -> None:
    result = triage("i can't pee since last night and my back is killing me", rules)
    assert result.tier == "emergency" and result.language is None
    assert result.advice == rules.advice["emergency"]


def test_a_foreign_negation_also_silences_an_english_pattern_on_the_same_words(
    rules: SafetyRules, english: SafetyRules
) -> None:
    # safety.yaml already knows "fiebre" and "bukhar", but not "sin" or a "nahi" that follows
    for message in ("sin fiebre, solo dolor de espalda", "bukhar nahi hai, bas kamar mein dard"):
        assert triage(message, english).tier == "urgent"
        assert triage(message, rules).tier is None


def test_foreign_negators_do_not_touch_english_patterns(rules: SafetyRules) -> None:
    # "nie", "kein", "walang" negate only their own language's patterns
    assert triage("nie. i cant pee since this morning", rules).tier == "emergency"
    assert triage("kein idea why but both legs went numb", rules).tier == "emergency"


def _english_results(rules: SafetyRules) -> list[tuple[str | None, tuple[str, ...]]]:
    texts = [entry["text"] for path in ENGLISH_PROBES for entry in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return [(r.tier, r.flags) for r in (triage(text, rules) for text in texts)]


def test_english_probes_get_the_same_tiers_and_flags_with_the_other_languages(
    rules: SafetyRules, english: SafetyRules
) -> None:
    assert _english_results(rules) == _english_results(english)


# --- parse errors: file, entry and field ---------------------------------------------------


_DELETE = object()


def _broken(raw_languages: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw_languages)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


LANGUAGE_ERRORS = [
    (("source",), _DELETE, "source: must be a non-empty string", "missing-source"),
    (("languages",), [], "languages: must be a mapping", "languages-not-a-mapping"),
    (("languages", "es", "name"), "", "languages.es.name: must be a non-empty string", "empty-name"),
    (("languages", "de", "negators"), _DELETE,
     "languages.de.negators: must be a non-empty list of strings", "missing-negators"),
    (("languages", "fr", "advice", "urgent"), _DELETE,
     "languages.fr.advice.urgent: must be a non-empty string", "missing-advice-line"),
    (("languages", "it", "flags", "red_flag.fever", "patterns"), "febbre",
     "languages.it.flags.red_flag.fever.patterns: must be a non-empty list of strings", "patterns-not-a-list"),
    (("languages", "pt", "flags", "red_flag.fever", "patterns", 0), "$nogroup ... febre",
     "languages.pt.flags.red_flag.fever.patterns[0]: '$nogroup ... febre': unknown group '$nogroup'",
     "unknown-group"),
    # the file's words are plain ASCII, as messages are matched with their accents stripped
    (("languages", "es", "flags", "red_flag.fever", "patterns", 0), "fiébre alta",
     "languages.es.flags.red_flag.fever.patterns[0]: 'fiébre alta': 'fiébre' must be lowercase", "accented-word"),
    (("languages", "nl", "flags", "red_flag.no_such_flag"), {"patterns": ["koorts"]},
     "languages.nl.flags.red_flag.no_such_flag: unknown flag 'red_flag.no_such_flag'", "unknown-flag"),
    (("languages", "pl", "flags", "red_flag.fever", "colour"), "red",
     "languages.pl.flags.red_flag.fever.colour: unknown field", "unknown-field"),
    (("languages", "tr", "groups", "numb"), ["uyusuk"],
     "languages.tr.groups.numb: already a group of safety.yaml", "group-clash"),
    (("languages", "tl", "discounts", 0, "flags", 0), "red_flag.nope",
     "languages.tl.discounts[0].flags[0]: unknown flag 'red_flag.nope'", "discount-unknown-flag"),
    (("languages", "Spanish"), {"name": "x"},
     "languages.Spanish: a language id is a lowercase code", "bad-language-id"),
]


@pytest.mark.parametrize(
    ("path", "value", "expected", "case"), LANGUAGE_ERRORS, ids=[c for *_, c in LANGUAGE_ERRORS]
)
def test_language_file_errors_name_file_entry_and_field(
    raw: dict[str, Any], raw_languages: dict[str, Any], path: tuple[Any, ...], value: Any, expected: str, case: str
) -> None:
    parsed, errors = parse_safety(raw, NAME, _broken(raw_languages, path, value), LANGUAGES)
    assert parsed is None
    assert any(e.startswith(f"{LANGUAGES}: {expected}") for e in errors), errors


def test_language_file_that_is_not_a_mapping_is_reported(raw: dict[str, Any]) -> None:
    assert parse_safety(raw, NAME, ["es"], LANGUAGES) == (None, [f"{LANGUAGES}: top level: must be a mapping"])
