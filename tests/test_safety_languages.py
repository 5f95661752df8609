"""Red-flag triage in other languages (knowledge/safety_languages.yaml), against the real files.

Every message here was written for this file, in the way people type on a phone (informal,
accents often missing); none is copied from a probe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.brain.safety import SafetyRules, parse_safety, triage
from bot.content import english_words
from tests.yaml_edits import DELETE, broken

ROOT = Path(__file__).resolve().parents[1]
SAFETY_FILE = ROOT / "knowledge" / "safety.yaml"
LANGUAGES_FILE = ROOT / "knowledge" / "safety_languages.yaml"
NAME = "knowledge/safety.yaml"
LANGUAGES = "knowledge/safety_languages.yaml"
# the English probes written blind to the rules (probe 13 is kept unread: it measures this work)
ENGLISH_PROBES = [ROOT / "knowledge" / "safety_examples" / f"probe_{n}.yaml" for n in range(7, 13)]

# The brief's ten signs (cauda equina by name is left to the English rules' spelling).
SIGN_FLAGS = {
    "saddle_numbness", "bladder_bowel", "leg_weakness", "major_trauma", "chest_pain",
    "fever", "weight_loss", "cancer_history", "night_pain", "bone_risk_fall",
}
EMERGENCY = {"saddle_numbness", "cauda_equina", "bladder_bowel", "leg_weakness", "major_trauma", "chest_pain"}


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
        ('seit heute morgen drückt es in der brust und der rücken tut weh', 'chest_pain'),
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
        ('sol bacağım günden güne zayıflıyor, belim ağrıyor', 'leg_weakness'),
        ('ayağımı kaldıramıyorum, bel ağrım var', 'leg_weakness'),
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
        ('kamar dard ke baad peshab theek se nahi aa raha, zor lagana padta hai', 'bladder_bowel'),
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


# More phrasings of the signs and more look-alikes, one language at a time (written in two
# further rounds, each before the patterns were widened for it).
MORE_SIGNS: dict[str, list[tuple[str, str]]] = {
    'es': [
        ('no siento nada ahi abajo cuando me limpio', 'saddle_numbness'),
        ('tengo hormigueo en los genitales y el culo desde ayer', 'saddle_numbness'),
        ('me hice pis encima sin darme cuenta', 'bladder_bowel'),
        ('me cuesta mucho orinar desde que me dio el dolor de espalda', 'bladder_bowel'),
        ('no controlo la vejiga desde esta manana', 'bladder_bowel'),
        ('se me duermen las dos piernas y casi no puedo caminar', 'leg_weakness'),
        ('cada vez tengo la pierna derecha mas debil', 'leg_weakness'),
        ('no siento las piernas desde anoche', 'leg_weakness'),
        ('choque con el carro ayer y me duele la espalda', 'major_trauma'),
        ('me cai del tejado trabajando', 'major_trauma'),
        ('me atropello una moto esta manana', 'major_trauma'),
        ('siento opresion en el pecho y dolor de espalda', 'chest_pain'),
        ('tengo 39 de temperatura y dolor lumbar', 'fever'),
        ('tengo calentura y me duele la espalda', 'fever'),
        ('estoy adelgazando sin querer, ya van 5 kilos', 'weight_loss'),
        ('me diagnosticaron un linfoma el año pasado y ahora me duele la espalda', 'cancer_history'),
        ('hice quimioterapia hace dos años y ahora me duele la columna', 'cancer_history'),
        ('el dolor de espalda me despierta por la noche', 'night_pain'),
        ('tomo corticoides hace años y me resbale en la cocina', 'bone_risk_fall'),
        ('es normal que tenga la zona de la entrepierna adormecida? me duele la espalda', 'saddle_numbness'),
        ('Hola, desde ayer no puedo hacer pis bien y la espalda me está matando 😩', 'bladder_bowel'),
        ('tengo incontinencia desde que me lesioné la espalda', 'bladder_bowel'),
        ('mis piernas estan debiles y se me duermen, puedo tomar ibuprofeno?', 'leg_weakness'),
        ('me chocaron por detrás en la autopista y ahora me duele la espalda', 'major_trauma'),
        ('dolor de pecho y espalda, que hago?', 'chest_pain'),
        ('tengo fiebre de 38.5 y dolor lumbar, puedo tomar paracetamol?', 'fever'),
        ('he bajado mucho de peso sin hacer nada y me duele la espalda', 'weight_loss'),
        ('tuve cancer de prostata, ahora me duele la espalda baja', 'cancer_history'),
        ('el dolor es insoportable por la noche, no puedo dormir', 'night_pain'),
        ('tengo osteoporosis y ayer me caí de la silla', 'bone_risk_fall'),
        ('se me durmio el culo y no se me quita', 'saddle_numbness'),
    ],
    'fr': [
        ('je sens plus rien entre les jambes depuis ce matin', 'saddle_numbness'),
        ("je me suis fait pipi dessus sans m'en rendre compte", 'bladder_bowel'),
        ('je ne peux plus uriner depuis hier', 'bladder_bowel'),
        ('mes jambes me lachent depuis hier', 'leg_weakness'),
        ('je sens plus mes jambes', 'leg_weakness'),
        ('accident de voiture hier soir, mal au dos', 'major_trauma'),
        ("j'ai une oppression dans la poitrine et mal au dos", 'chest_pain'),
        ('je maigris sans raison depuis 2 mois', 'weight_loss'),
        ("on m'a diagnostiqué un lymphome l'an dernier et j'ai mal au dos", 'cancer_history'),
        ("je n'arrive pas à dormir tellement j'ai mal au dos", 'night_pain'),
        ('je prends de la cortisone et je suis tombée hier', 'bone_risk_fall'),
        ('engourdissement au niveau des parties intimes depuis hier', 'saddle_numbness'),
        ("j'ai des fuites urinaires depuis mon lumbago", 'bladder_bowel'),
        ('faiblesse dans les deux jambes et mal au dos', 'leg_weakness'),
        ("j'ai eu un accident de moto dimanche, j'ai mal au dos", 'major_trauma'),
        ('mal à la poitrine et au dos en même temps', 'chest_pain'),
        ("j'ai 39 de fièvre et mal au dos, je peux prendre du doliprane ?", 'fever'),
        ("j'ai perdu 8 kg sans raison", 'weight_loss'),
        ("j'ai eu une leucémie enfant et maintenant j'ai mal au dos", 'cancer_history'),
        ("la douleur m'empêche de dormir la nuit", 'night_pain'),
        ("je suis sous corticoïdes et je suis tombée dans l'escalier", 'bone_risk_fall'),
    ],
    'de': [
        ('ich spüre meinen Hintern nicht mehr richtig', 'saddle_numbness'),
        ('hab mir in die Hose gemacht ohne es zu merken', 'bladder_bowel'),
        ('ich kann kein Wasser lassen seit heute morgen', 'bladder_bowel'),
        ('meine Beine knicken immer wieder weg', 'leg_weakness'),
        ('hatte gestern einen Autounfall und jetzt Rückenschmerzen', 'major_trauma'),
        ('Brustschmerzen und Rückenschmerzen seit einer Stunde', 'chest_pain'),
        ('39 grad temperatur und rücken tut weh', 'fever'),
        ('hab ungewollt 6 kilo abgenommen', 'weight_loss'),
        ('bei mir wurde letztes jahr krebs festgestellt, jetzt rückenschmerzen', 'cancer_history'),
        ('nachts sind die rückenschmerzen unerträglich', 'night_pain'),
        ('ich habe osteoporose und bin gestolpert', 'bone_risk_fall'),
        ('Taubheitsgefühl im Intimbereich seit heute', 'saddle_numbness'),
        ('ich kann meine Blase nicht mehr kontrollieren', 'bladder_bowel'),
        ('beide Beine sind wie gelähmt', 'leg_weakness'),
        ('Motorradunfall gestern, Rücken tut weh', 'major_trauma'),
        ('Schmerzen in der Brust und im Rücken', 'chest_pain'),
        ('hab seit zwei tagen fieber und rückenschmerzen, darf ich ibuprofen nehmen?', 'fever'),
        ('ich nehme ab ohne es zu wollen, 7 kilo in 2 monaten', 'weight_loss'),
        ('ich hatte vor 5 jahren darmkrebs, jetzt rückenschmerzen', 'cancer_history'),
        ('die rückenschmerzen lassen mich nachts nicht schlafen', 'night_pain'),
        ('habe osteoporose und bin in der dusche ausgerutscht', 'bone_risk_fall'),
    ],
    'pt': [
        ('nao sinto nada nas partes intimas', 'saddle_numbness'),
        ('fiz xixi na calca sem perceber', 'bladder_bowel'),
        ('to com dificuldade pra urinar desde ontem', 'bladder_bowel'),
        ('minhas pernas nao obedecem mais', 'leg_weakness'),
        ('sofri um acidente de moto e to com dor nas costas', 'major_trauma'),
        ('dor no peito e nas costas desde cedo', 'chest_pain'),
        ('to com febre desde ontem', 'fever'),
        ('emagreci 8 kg sem motivo', 'weight_loss'),
        ('fiz quimioterapia ano passado e agora dor nas costas', 'cancer_history'),
        ('acordo de madrugada com dor nas costas', 'night_pain'),
        ('tomo prednisona e escorreguei no banheiro', 'bone_risk_fall'),
        ('formigamento na virilha e no bumbum', 'saddle_numbness'),
        ('estou com incontinência urinária desde ontem', 'bladder_bowel'),
        ('fraqueza nas duas pernas', 'leg_weakness'),
        ('fui atropelado ontem e estou com dor nas costas', 'major_trauma'),
        ('aperto no peito e dor nas costas', 'chest_pain'),
        ('febre de 39 e dor lombar', 'fever'),
        ('perdi muito peso sem fazer dieta', 'weight_loss'),
        ('já tive câncer de mama, agora dor nas costas', 'cancer_history'),
        ('a dor piora muito quando deito', 'night_pain'),
        ('tenho osteoporose e caí em casa', 'bone_risk_fall'),
    ],
    'it': [
        ("non sento piu il sedere e l'inguine", 'saddle_numbness'),
        ('mi sono fatto la pipi addosso senza accorgermene', 'bladder_bowel'),
        ('ho difficolta a urinare da ieri', 'bladder_bowel'),
        ('le gambe non mi reggono piu', 'leg_weakness'),
        ('ho fatto un incidente in macchina ieri, mal di schiena', 'major_trauma'),
        ('dolore al petto e alla schiena', 'chest_pain'),
        ('ho 38 e mezzo di febbre', 'fever'),
        ('sto dimagrendo senza motivo, 6 chili in un mese', 'weight_loss'),
        ('ho fatto la chemio due anni fa, ora mal di schiena', 'cancer_history'),
        ('di notte il mal di schiena e insopportabile', 'night_pain'),
        ('prendo cortisone da anni e sono caduta', 'bone_risk_fall'),
        ("formicolio all'inguine e ai glutei da ieri", 'saddle_numbness'),
        ('non riesco più a trattenere la pipì', 'bladder_bowel'),
        ('debolezza alle gambe, tutte e due', 'leg_weakness'),
        ('sono stato investito da una macchina', 'major_trauma'),
        ('ho una fitta al petto che va alla schiena', 'chest_pain'),
        ('febbre a 39 e mal di schiena', 'fever'),
        ('ho perso peso senza motivo', 'weight_loss'),
        ('ho avuto il cancro al colon, ora mal di schiena', 'cancer_history'),
        ('il dolore mi sveglia di notte', 'night_pain'),
        ("ho l'osteoporosi e sono caduta dalle scale", 'bone_risk_fall'),
    ],
    'nl': [
        ('ik voel mijn billen niet meer', 'saddle_numbness'),
        ('ik heb in mijn broek geplast zonder het te merken', 'bladder_bowel'),
        ('ik heb moeite met plassen sinds gisteren', 'bladder_bowel'),
        ('mijn benen begeven het steeds', 'leg_weakness'),
        ('auto ongeluk gehad gisteren en nu rugpijn', 'major_trauma'),
        ('drukkend gevoel op mijn borst en rugpijn', 'chest_pain'),
        ('ik heb 39 graden koorts', 'fever'),
        ('ik val af zonder reden, al 6 kilo', 'weight_loss'),
        ('ik heb chemo gehad vorig jaar en nu rugpijn', 'cancer_history'),
        ("'s nachts is de rugpijn ondraaglijk", 'night_pain'),
        ('ik gebruik prednison en ben gevallen', 'bone_risk_fall'),
        ('tintelingen in mijn kruis en billen', 'saddle_numbness'),
        ('ik verlies urine zonder het te merken', 'bladder_bowel'),
        ('zwakte in beide benen sinds vanmorgen', 'leg_weakness'),
        ('ik heb een auto ongeluk gehad en nu rugpijn', 'major_trauma'),
        ('pijn op de borst en in mijn rug', 'chest_pain'),
        ('koorts en rugpijn, mag ik paracetamol?', 'fever'),
        ('ik ben zomaar 5 kilo afgevallen', 'weight_loss'),
        ('ik heb kanker gehad en nu rugpijn', 'cancer_history'),
        ("ik word 's nachts wakker van de rugpijn", 'night_pain'),
        ('ik heb botontkalking en ben gevallen', 'bone_risk_fall'),
    ],
    'pl': [
        ('nie czuje pupy i krocza', 'saddle_numbness'),
        ('posikalam sie i nawet nie poczulam', 'bladder_bowel'),
        ('mam problem z oddawaniem moczu od wczoraj', 'bladder_bowel'),
        ('nogi mi sie uginaja i sa slabe', 'leg_weakness'),
        ('mialem wypadek samochodowy i bola mnie plecy', 'major_trauma'),
        ('boli mnie w klatce i plecy', 'chest_pain'),
        ('mam 39 stopni goraczki', 'fever'),
        ('chudne bez powodu, juz 6 kg', 'weight_loss'),
        ('jestem po chemii i teraz bola mnie plecy', 'cancer_history'),
        ('w nocy bol plecow jest nie do wytrzymania', 'night_pain'),
        ('biore sterydy i przewrocilam sie', 'bone_risk_fall'),
        ('mrowienie w kroczu od wczoraj', 'saddle_numbness'),
        ('nie mogę oddać moczu od rana', 'bladder_bowel'),
        ('mam osłabienie obu nóg', 'leg_weakness'),
        ('spadłam ze schodów i bardzo boli mnie kręgosłup', 'major_trauma'),
        ('ból w klatce piersiowej i plecach', 'chest_pain'),
        ('mam gorączkę 39 i bóle pleców, czy mogę wziąć ibuprom?', 'fever'),
        ('straciłem 8 kg nie wiem dlaczego', 'weight_loss'),
        ('leczyłam się na raka piersi, teraz bolą mnie plecy', 'cancer_history'),
        ('ból pleców budzi mnie w nocy', 'night_pain'),
        ('mam osteoporozę i upadłam w domu', 'bone_risk_fall'),
    ],
    'tr': [
        ('popom ve genital bolgem uyusuk', 'saddle_numbness'),
        ('altima kacirdim farkinda olmadan', 'bladder_bowel'),
        ('idrarimi tutamiyorum', 'bladder_bowel'),
        ('bacaklarimi hissetmiyorum', 'leg_weakness'),
        ('trafik kazasi gecirdim belim agriyor', 'major_trauma'),
        ('gogsum sikisiyor ve sirtim agriyor', 'chest_pain'),
        ('39 derece atesim var', 'fever'),
        ('sebepsiz yere kilo kaybediyorum', 'weight_loss'),
        ('kemoterapi aldim simdi belim agriyor', 'cancer_history'),
        ('agridan uyuyamiyorum', 'night_pain'),
        ('kortizon kullaniyorum ve dustum', 'bone_risk_fall'),
        ('kasığımda uyuşma var', 'saddle_numbness'),
        ('idrar kaçırıyorum', 'bladder_bowel'),
        ('iki bacağımda da güçsüzlük var', 'leg_weakness'),
        ('araba kazası geçirdim, sırtım ağrıyor', 'major_trauma'),
        ('göğüs ağrısı ve sırt ağrısı var', 'chest_pain'),
        ('ateşim 39, belim ağrıyor, ilaç alabilir miyim?', 'fever'),
        ('istemeden 7 kilo verdim', 'weight_loss'),
        ('kanser tedavisi gördüm, şimdi belim ağrıyor', 'cancer_history'),
        ('gece ağrıdan uyanıyorum', 'night_pain'),
        ('osteoporozum var ve düştüm', 'bone_risk_fall'),
    ],
    'hi_latn': [
        ('neeche private area sunn ho gaya hai', 'saddle_numbness'),
        ('peshab karne mein bahut dikkat ho rahi hai', 'bladder_bowel'),
        ('kapde mein peshab nikal gaya pata hi nahi chala', 'bladder_bowel'),
        ('dono pairon mein jaan nahi hai', 'leg_weakness'),
        ('bike accident hua kal, kamar mein dard', 'major_trauma'),
        ('chhati mein dard aur kamar mein bhi', 'chest_pain'),
        ('102 bukhar hai', 'fever'),
        ('mera wajan bina wajah ghat raha hai', 'weight_loss'),
        ('meri chemo hui thi pichle saal, ab kamar dard', 'cancer_history'),
        ('raat ko dard bahut badh jaata hai', 'night_pain'),
        ('steroid leta hu aur kal gir gaya', 'bone_risk_fall'),
        ('guptang mein sunnpan hai', 'saddle_numbness'),
        ('urine control nahi ho raha', 'bladder_bowel'),
        ('dono taange kamzor ho gayi hain', 'leg_weakness'),
        ('car accident hua aur ab kamar mein dard hai', 'major_trauma'),
        ('seene mein jakdan aur kamar dard', 'chest_pain'),
        ('bukhar 101 hai aur kamar dard, kaunsi dawai lu?', 'fever'),
        ('bina diet ke 6 kilo wajan kam ho gaya', 'weight_loss'),
        ('mujhe breast cancer tha, ab peeth dard hai', 'cancer_history'),
        ('raat ko dard se neend nahi aati', 'night_pain'),
        ('mujhe osteoporosis hai aur main gir gayi', 'bone_risk_fall'),
    ],
    'tl': [
        ('manhid ang pwet ko', 'saddle_numbness'),
        ('naihi ako sa shorts ko hindi ko namalayan', 'bladder_bowel'),
        ('hirap ako umihi simula kahapon', 'bladder_bowel'),
        ('hindi ko maramdaman ang mga binti ko', 'leg_weakness'),
        ('naaksidente ako sa motor kahapon', 'major_trauma'),
        ('naninikip ang dibdib ko at masakit ang likod', 'chest_pain'),
        ('nilalagnat ako tapos masakit likod ko', 'fever'),
        ('pumapayat ako kahit hindi ako nagdidiet', 'weight_loss'),
        ('nag chemo ako dati, ngayon masakit ang likod', 'cancer_history'),
        ('nagigising ako sa sakit ng likod tuwing gabi', 'night_pain'),
        ('may osteoporosis si ako at natumba ako kanina', 'bone_risk_fall'),
        ('namamanhid ang ari ko', 'saddle_numbness'),
        ('hindi ko mapigilan ang ihi ko', 'bladder_bowel'),
        ('nanghihina ang mga binti ko', 'leg_weakness'),
        ('nabangga ako ng kotse kahapon', 'major_trauma'),
        ('sumasakit ang dibdib ko hanggang likod', 'chest_pain'),
        ('may lagnat ako, pwede ba ako uminom ng biogesic?', 'fever'),
        ('nangayayat ako kahit walang diet', 'weight_loss'),
        ('nagka cancer ako dati, masakit likod ko ngayon', 'cancer_history'),
        ('hindi ako makatulog sa sakit ng likod', 'night_pain'),
        ('may osteoporosis ako at nadapa ako', 'bone_risk_fall'),
    ],
}
MORE_LOOKALIKES: dict[str, list[str]] = {
    'es': [
        'no tengo fiebre ni nada, solo me duele la espalda',
        'ayer entrene piernas y hoy no puedo ni caminar de las agujetas',
        'mi abuela tiene osteoporosis, que ejercicios le recomiendas',
        'me duele la espalda por la noche cuando duermo mal, es normal?',
        'me duele la espalda de estar sentado todo el dia 😅',
        'no tengo fiebre ni hormigueos, solo rigidez',
        'mi hermano se cayó de la moto el año pasado',
        'me tomé un ibuprofeno para la espalda, puedo entrenar?',
    ],
    'fr': [
        "j'ai mal au dos après le jardinage",
        "ma grand-mère a de l'ostéoporose",
        'aucune fièvre, juste des courbatures',
        'je suis tombé de vélo il y a des années',
        "j'ai le dos bloqué depuis ce matin",
        "je n'ai ni fièvre ni fourmillements",
        'mon père a eu un cancer de la prostate, je peux courir ?',
        "j'ai perdu du poids grâce au sport",
    ],
    'de': [
        'Rückenschmerzen nach dem Umzug, welche Dehnübungen?',
        'ich hatte nie Krebs, aber Rückenschmerzen',
        'Beine schwer nach dem Beintraining',
        'habe kein Fieber',
        'mein unterer Rücken ist verspannt',
        'ich habe weder Fieber noch Taubheitsgefühle',
        'meine Oma hatte Krebs',
        'ich habe durch Sport 4 kilo abgenommen',
    ],
    'pt': [
        'minhas costas doem depois de carregar caixas',
        'sem febre, só dor nas costas',
        'meu pai teve câncer, posso fazer agachamento?',
        'caí de bicicleta quando era criança',
        'minhas costas estão travadas',
        'nada de febre, só tensão nas costas',
        'minha avó teve câncer de mama',
        'perdi peso fazendo academia',
    ],
    'it': [
        'ho mal di schiena dopo il trasloco',
        'mio padre ha avuto un tumore, posso fare squat?',
        'nessuna febbre',
        'sono caduto dalla bici anni fa',
        'ho la schiena bloccata da stamattina',
        'non ho febbre né formicolii',
        'mia nonna ha avuto un tumore',
        'ho perso peso andando in palestra',
    ],
    'nl': [
        'rugpijn na het tuinieren',
        'mijn vader had kanker',
        'geen koorts en geen tintelingen',
        'mijn benen zijn moe na het fietsen',
        'mijn onderrug zit vast',
        'geen koorts of tintelingen',
        'mijn oma had kanker',
        'ik ben afgevallen door te sporten',
    ],
    'pl': [
        'bolą mnie plecy po przeprowadzce',
        'nie mam gorączki ani dreszczy',
        'mój tata miał raka, czy mogę ćwiczyć?',
        'spadłem z roweru jako dziecko',
        'mam sztywne plecy od rana',
        'nie mam gorączki ani mrowienia',
        'moja babcia miała raka',
        'schudłam dzięki siłowni',
    ],
    'tr': [
        'taşınmadan sonra belim ağrıyor',
        'ateş yok, sadece bel ağrısı',
        'babam kanser oldu, egzersiz yapabilir miyim?',
        'çocukken ağaçtan düştüm',
        'sabahtan beri belim tutuldu',
        'ateşim yok, uyuşma yok',
        'babaannem kanser oldu',
        'spor yaparak kilo verdim',
    ],
    'hi_latn': [
        'bhari saman uthane se kamar mein dard hai',
        'koi bukhar nahi, bas thodi akdan',
        'bachpan mein ped se gira tha',
        'kamar akad gayi hai subah se',
        'bukhar nahi, sunnpan bhi nahi',
        'gym se wajan kam kiya',
    ],
    'tl': [
        'masakit ang likod ko kakabuhat',
        'walang lagnat at walang pamamanhid',
        'may cancer ang tatay ko, pwede ba ako mag exercise?',
        'nahulog ako sa puno noong bata pa ako',
        'ngawit ang likod ko',
        'walang lagnat, walang pamamanhid',
        'may cancer ang lola ko',
        'pumayat ako dahil sa gym',
    ],
}
# a third round: a sign beside a medicine question, numbers, emoji, a named condition
MORE_SIGNS_3: dict[str, list[tuple[str, str]]] = {
    'es': [
        ('oye, puedo tomar ibuprofeno? es q no siento bien la zona genital desde ayer', 'saddle_numbness'),
        ('tengo 38,5 de fiebre y me duele la espalda, me tomo un paracetamol?', 'fever'),
        ('me hicieron una resonancia por una hernia y ahora no puedo orinar 😰', 'bladder_bowel'),
        ('perdi el control de la orina esta mañana', 'bladder_bowel'),
        ('las piernas no me responden bien desde anoche', 'leg_weakness'),
        ('caida de 3 metros en el trabajo, me duele la espalda', 'major_trauma'),
        ('me duele el pecho, es de la espalda?', 'chest_pain'),
        ('estoy perdiendo peso y no sé por qué, unos 6 kilos', 'weight_loss'),
        ('tengo metastasis oseas y me duele la espalda', 'cancer_history'),
        ('por las noches el dolor de espalda es insoportable', 'night_pain'),
        ('soy mayor, tengo osteoporosis y me resbalé en la calle', 'bone_risk_fall'),
        ('tengo sindrome de cola de caballo?', 'cauda_equina'),
    ],
    'fr': [
        ("est-ce que je peux prendre un anti-inflammatoire ? j'ai les fesses engourdies", 'saddle_numbness'),
        ("je n'arrive plus à retenir mes urines", 'bladder_bowel'),
        ("j'ai les jambes qui se dérobent", 'leg_weakness'),
        ('chute de cheval hier, dos très douloureux', 'major_trauma'),
        ('douleur thoracique et dorsale 😟', 'chest_pain'),
        ('fièvre à 39 depuis hier avec mal au dos', 'fever'),
        ("j'ai perdu 10 kilos en 3 mois sans le vouloir", 'weight_loss'),
        ("j'ai un cancer du poumon et j'ai mal au dos", 'cancer_history'),
        ('la nuit la douleur est insupportable', 'night_pain'),
    ],
    'de': [
        ('kann ich Ibuprofen nehmen? mein Intimbereich ist taub', 'saddle_numbness'),
        ('ich muss ständig aufs klo aber es kommt nichts, rücken tut weh', 'bladder_bowel'),
        ('mein linkes Bein wird immer schwächer', 'leg_weakness'),
        ('Sturz vom Dach gestern', 'major_trauma'),
        ('Engegefühl in der Brust und Rückenschmerzen', 'chest_pain'),
        ('Fieber 39 und Rückenschmerzen', 'fever'),
        ('ich hatte Krebs, jetzt Rückenschmerzen, ist das gefährlich?', 'cancer_history'),
        ('nachts werden die schmerzen unerträglich', 'night_pain'),
    ],
    'pt': [
        ('posso tomar dipirona? tô com dormência nas nádegas', 'saddle_numbness'),
        ('to sem conseguir fazer xixi', 'bladder_bowel'),
        ('minhas pernas estão ficando cada vez mais fracas', 'leg_weakness'),
        ('levei uma queda feia da escada', 'major_trauma'),
        ('dor no peito que vai pras costas', 'chest_pain'),
        ('to com 39 de febre', 'fever'),
        ('tenho câncer e minhas costas doem', 'cancer_history'),
        ('de noite a dor é insuportável', 'night_pain'),
    ],
    'it': [
        ('posso prendere un antidolorifico? ho il sedere addormentato', 'saddle_numbness'),
        ('non controllo più la vescica', 'bladder_bowel'),
        ('la gamba destra è sempre più debole', 'leg_weakness'),
        ('ho un dolore al petto', 'chest_pain'),
        ('ho la febbre alta', 'fever'),
        ('ho un tumore e mal di schiena', 'cancer_history'),
    ],
    'hi_latn': [
        ('kya main painkiller le sakta hu? neeche sunn ho gaya hai', 'saddle_numbness'),
        ('toilet jaane par peshab nahi utarta', 'bladder_bowel'),
        ('pair mein jaan nahi lag rahi dono mein', 'leg_weakness'),
        ('chhat se gir gaya tha kal', 'major_trauma'),
        ('seene mein dard ho raha hai', 'chest_pain'),
        ('bukhar aa raha hai roz raat ko', 'fever'),
        ('wajan bahut tezi se gir raha hai', 'weight_loss'),
        ('raat ko kamar dard se neend khul jaati hai', 'night_pain'),
    ],
    'tl': [
        ('pwede ba uminom ng pain reliever? namamanhid yung puwet ko', 'saddle_numbness'),
        ('di ako makaihi ng maayos', 'bladder_bowel'),
        ('bumibigay ang tuhod ko at nanghihina ang binti', 'leg_weakness'),
        ('nahulog ako sa bubong', 'major_trauma'),
        ('masakit ang dibdib ko', 'chest_pain'),
        ('nilalagnat ako', 'fever'),
        ('sobrang sakit ng likod ko pag gabi', 'night_pain'),
    ],
    'pl': [
        ('czy mogę wziąć ibuprofen? mam zdrętwiałe pośladki', 'saddle_numbness'),
        ('nie trzymam moczu od wczoraj', 'bladder_bowel'),
        ('noga mi słabnie z dnia na dzień', 'leg_weakness'),
        ('miałem wypadek na motorze', 'major_trauma'),
        ('mam gorączkę', 'fever'),
    ],
    'tr': [
        ('ağrı kesici alabilir miyim? kalçam uyuştu', 'saddle_numbness'),
        ('çişimi tutamıyorum', 'bladder_bowel'),
        ('göğsüm ağrıyor', 'chest_pain'),
        ('ateşim çıktı', 'fever'),
    ],
    'nl': [
        ('mag ik ibuprofen? mijn billen zijn gevoelloos', 'saddle_numbness'),
        ('ik kan mijn plas niet ophouden', 'bladder_bowel'),
        ('mijn been wordt steeds zwakker', 'leg_weakness'),
        ('ik heb koorts', 'fever'),
    ],
}
MORE_LOOKALIKES_3: dict[str, list[str]] = {
    'es': [
        'puedo tomar ibuprofeno para el dolor de espalda?',
        'tengo una hernia discal, que ejercicios puedo hacer',
        'me operaron de la rodilla hace años',
        'ayer no fui al gym por la espalda',
    ],
    'fr': [
        'je peux prendre du doliprane pour mon mal de dos ?',
        "j'ai une hernie discale, quels exercices ?",
        'pas de fourmillements dans les jambes, juste mal au dos',
    ],
    'de': [
        'darf ich bei Rückenschmerzen Ibuprofen nehmen?',
        'ich habe einen Bandscheibenvorfall',
        'keine Taubheit, nur Schmerzen',
    ],
    'pt': [
        'posso tomar dipirona pra dor nas costas?',
        'tenho hérnia de disco',
        'não sinto formigamento, só dor',
    ],
    'it': [
        'posso prendere un antidolorifico per il mal di schiena?',
        "ho un'ernia del disco",
        'niente formicolii',
    ],
    'hi_latn': [
        'kamar dard ke liye kaunsi dawai lu?',
        'disc slip hai mujhe',
        'koi sunnpan nahi hai',
    ],
    'tl': [
        'anong gamot sa sakit ng likod?',
        'may slipped disc ako',
        'walang pamamanhid',
    ],
    'pl': [
        'czy mogę brać ibuprofen na plecy?',
        'mam dyskopatię',
        'nie mam drętwienia',
    ],
    'tr': [
        'bel ağrısı için ilaç alabilir miyim?',
        'bel fıtığım var',
        'uyuşma yok',
    ],
    'nl': [
        'mag ik paracetamol voor rugpijn?',
        'ik heb een hernia',
        'geen tintelingen',
    ],
}
for _more in (MORE_SIGNS, MORE_SIGNS_3):
    for _language, _items in _more.items():
        SIGNS[_language] += _items
for _looks in (MORE_LOOKALIKES, MORE_LOOKALIKES_3):
    for _language, _messages in _looks.items():
        LOOKALIKES[_language] += _messages


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
    for message in ("sin fiebre, solo dolor de espalda", "bukhar bilkul nahi hai, bas kamar mein dard"):
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






LANGUAGE_ERRORS = [
    (("source",), DELETE, "source: must be a non-empty string", "missing-source"),
    (("languages",), [], "languages: must be a mapping", "languages-not-a-mapping"),
    (("languages", "es", "name"), "", "languages.es.name: must be a non-empty string", "empty-name"),
    (("languages", "de", "negators"), DELETE,
     "languages.de.negators: must be a non-empty list of strings", "missing-negators"),
    (("languages", "fr", "advice", "urgent"), DELETE,
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
    parsed, errors = parse_safety(raw, NAME, broken(raw_languages, path, value), LANGUAGES)
    assert parsed is None
    assert any(e.startswith(f"{LANGUAGES}: {expected}") for e in errors), errors


def test_language_file_that_is_not_a_mapping_is_reported(raw: dict[str, Any]) -> None:
    assert parse_safety(raw, NAME, ["es"], LANGUAGES) == (None, [f"{LANGUAGES}: top level: must be a mapping"])
