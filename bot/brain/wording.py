"""What a message's words say about what it asks, read by the brain's evidence rules.

Each pattern runs on normalised text (lowercase, no accents or emoji). They are word lists,
not a grammar: each says which wording settles a choice the classifier and retrieval leave
close ("is the bridge a back or a butt exercise" asks what it works, "how do i" how to do
it), and tests/test_brain.py pins each with examples and near misses.
"""

from __future__ import annotations

import re

# What kind of exercise a list request asks for, when it says ("stretches", "mobility").
KIND_WORDS = (
    (re.compile(r"\bstretch(?:es|ing|y)?\b"), frozenset({"stretch", "mobility", "warmup"})),
    (re.compile(r"\b(?:mobility|mobilit\w*|flexib\w*|loosen\w*)\b"), frozenset({"mobility", "stretch"})),
)
# Words that ask what an exercise works, and words that ask how to do it.
MUSCLE_QUESTION = re.compile(
    r"\b(?:targets?|targeting|works?|worked|working|hits?|muscles?|muscle wise|back or (?:arm|leg|shoulder)s?"
    r"|(?:arm|leg|shoulder|core)s? or back)\b"
    # "where am i supposed to feel the bridge", "what does the knee to chest stretch stretch"
    r"|\bwhere (?:should|do|am|must|are|is) (?:i|you|u|it|one) (?:supposed to |meant to )?(?:be )?feel(?:ing)?\b"
    r"|\bwhat (?:does|do) (?:it|they|this|that|the \w+(?: \w+){0,3}) (?:actually |really )?stretch\b"
)
# "which muscles make up the back", "what muscles do back exercises target": which muscles,
# asked of the back as a whole (a message naming an exercise, muscle or area is more specific)
WHICH_MUSCLES = re.compile(r"\b(?:which|what) (?:back )?muscles?\b|\bmuscles? (?:names?|anatomy)\b|\banatomy\b")
# "what muscle sits between the shoulder blades", "whats the big triangle shaped muscle from the
# neck down": one muscle, described by where it is, whose name is asked
WHICH_MUSCLE_IS = re.compile(
    r"\b(?:what|which|whats|what'?s)(?: is| s| are)? (?:the |that |this |a )?(?:[\w-]+ ){0,3}muscle\b(?! (?:groups?|in general))"
)
# what "is X for Y" questions contrast: parts of the body the knowledge has no entry for
# (plurals only where a singular is part of an exercise's name: "leg press", "glute bridge")
BODY_PART = re.compile(r"\b(?:abs|butt|bum|glutes|legs|arms|biceps|hamstrings|quads)\b")
IS_IT_FOR = re.compile(r"\b(?:for|good for|works?|hits?|targets?|right|or)\b|=")
# whether something suits the asker, not what it works
SUITS_ME = re.compile(
    r"\b(?:ok|okay|alright|good|safe|bad|fine|suitable|help|helps|better|worse|vs|versus|strength|strengthen|stronger)\b"
)
# a request for several exercises ("exercises for the lower back like the superman") is a list
LIST_WORDS = re.compile(r"\b(?:exercises|workouts?|routines?|moves|stuff|something|anything|alternatives?|instead)\b")
# "lats workout ideas", "teres major and rear delts, what trains those": exercises for a named
# muscle, not what the muscle is
TRAINS_IT = re.compile(
    r"\b(?:workouts?|exercises?|moves|ideas|drills|suggest|recommend|bigger|thicker|stronger|strengthen|build|grow|stuff)\b"
    r"|\bwhat (?:exercises? )?(?:trains?|works?|hits?|targets?|builds?|strengthens?|grows?) (?:them|those|it|that|these|this)\b"
)
# "what is the biceps doing in a back workout": the muscle's part in it, not a list
MUSCLE_ROLE = re.compile(r"\b(?:doing|role|job|got to do with|why)\b")
# "the one where you...", "that thing where u sit and...", "is that a real exercise", "what's it
# called": someone describing an exercise they cannot name
DESCRIBED_ASK = re.compile(
    r"\b(?:the|that|this) (?:one|exercise|move|stretch|thing|movement)s? (?:where|when|with|that)\b"
    r"|\bwhere (?:you|u|ya|i) (?:\w+ )?(?:lie|lay|sit|stand|kneel|hang|get)\b"
    r"|\b(?:what'?s|whats|what is) (?:it|that|this) called\b|\bname of (?:it|that|this)\b"
    r"|\bis (?:that|this|it) (?:a )?(?:real|proper|actual) (?:exercise|stretch|thing|move)\b"
)
# what a request for exercises of some kit or level calls them ("advanced moves?", "band stuff")
KIT_OR_LEVEL_LIST = re.compile(r"\b(?:exercises?|moves?|stuff|ideas|options|ones|workouts?)\b")
# the words around a kit or level said alone ("dumbbells only", "i only have a band", "im a beginner")
KIT_ALONE_WORDS = frozenset(
    ["exercises", "exercise", "moves", "move", "stuff", "ideas", "options", "ones", "workouts", "workout"]
    + ["only", "just", "i", "have", "got", "a", "with", "using", "ive", "im"]
)
# "what else works the lats besides pulldowns", "no pull up bar, what else hits my lats":
# other exercises for that part, not the one named
ALTERNATIVE = re.compile(
    r"\b(?:what else|anything else|something else|besides|other than|apart from|instead of|alternatives?|substitutes?)\b"
)
# "plank or superman for lower back pain": a choice between the exercises named
WHICH_OF_THEM = re.compile(r"\b(?:or|vs|versus|better)\b")
HOW_QUESTION = re.compile(
    r"\bhow\b|\bform\b|\bsteps?\b|\btechnique\b|\bproperly\b|\bshow me\b|\bexplain\b"
    r"|\bprocedure\b|\binstructions?\b|\b(?:right|correct) way\b"
)
WHY_QUESTION = re.compile(
    r"\b(?:why|what'?s the point|what is the point|is it worth|worth it|do i (?:really |even )?need"
    r"|should i (?:even )?bother|does it (?:really |actually )?(?:help|work)"
    # "does exercise actually help back pain", "exercises really help the back pain or is a myth"
    r"|(?:does |do |can |will )?(?:exercise|exercises|exercising|strengthening)(?: \w+)? (?:really |actually )help"
    r"|ok to exercise with)\b"
)
# "does exercise help back pain or should i just rest": a question about exercise itself (the
# article's why-strengthen answer), not a report of the asker's own pain
REST_OR_EXERCISE = re.compile(
    r"\bor (?:should i |do i |is it better to )?(?:just )?rest\b|\brest (?:it )?or (?:exercise|train|move)"
    r"|\bis rest better\b|\bbetter to rest\b|\bor (?:do |keep )?(?:some )?(?:exercise|exercising|moving)\b"
)
# "what warm up before deadlifts", "what should i do before working out so i dont pull
# something": the warm-up topic, whatever else the sentence names
WARM_UP = re.compile(
    r"\bwarm(?:ing)?[ -]?ups?\b|\bwarming\b"
    r"|\b(?:what|anything|which)\b.*\b(?:do|should)\b.*\bbefore (?:i |you )?(?:start |begin )?"
    r"(?:my |a |the |each |every |any )?(?:\w+ )?(?:workouts?|training|exercis\w*|lifting|working out|sessions?|gym)\b"
)
# "what are the warning signs with back pain", "red flags?", "what is cauda equina", "when should
# i see a doctor about my back": what the warning signs are, asked of the guide (a sign the user
# has was triaged before this is read)
WARNING_SIGNS_ASK = re.compile(
    r"\b(?:what|which|whats|any|list|tell me)\b.*\b(?:warning|danger|alarm|serious) (?:signs?|symptoms?)\b"
    r"|\b(?:what|which|whats|any|list|tell me|are there|is there)\b.*\bred ?flags?\b|^\W*red ?flags?\W*$"
    r"|\b(?:what|whats|what's)\b.{0,12}\bcauda equina\b|\bcauda equina (?:syndrome )?(?:signs|symptoms|warning)"
    r"|\bcauda equina\b.*\bwhat (?:is|does) (?:it|that)\b"
    r"|\bwhen (?:should|do|must|would|to) (?:i |you |one |someone )?(?:\w+ ){0,2}(?:see|call|go (?:to|2)|visit|get (?:to|2)|ring)"
    r" (?:a |the |my |an )?(?:doctor|gp|hospital|a ?&? ?e|a and e|er|emergency|ambulance)"
    r"|\bwhen (?:is|does|can|would) (?:back pain|lower back pain|upper back pain|a bad back) (?:\w+ ){0,2}(?:serious|an emergency|dangerous)"
    r"|\bwhen should i (?:worry|be worried) about (?:my )?back\b"
)
# one of these is in every message WARNING_SIGNS_ASK can match (a cheap test before it)
WARNING_SIGN_WORDS = ("sign", "symptom", "flag", "cauda", "when ")
KIT_QUESTION = re.compile(r"\b(?:cables?|machines?|equipment|pulleys?)\b")
# The kinds of kit a question can be about; a kit FAQ answers the kind its title names, so
# "gym machines for the upper back" is not the cables FAQ (a cable machine is a machine too).
KIT_KINDS = (re.compile(r"\b(?:cables?|pulleys?)\b"), re.compile(r"\b(?:machines?|equipment)\b"))
AT_HOME = re.compile(r"\b(?:at|from) home\b|\bin my (?:living room|bedroom|flat|house|apartment)\b")
# Words that ask for a session: without one, a routine reading of a pain complaint is a guess
# ("my lower back is killing me again today, what am i supposed to do")
ROUTINE_WORDS = re.compile(
    r"\b(?:routine|workout|session|plan|program|programme|regime|circuit|minutes?|mins?)\b"
)

# "im lost, what am i supposed to ask", "can you set reminders or no", "can you make me a workout
# or just answer questions": what the bot can do is asked, not any one of those things
HELP_ASK = re.compile(
    r"\bwhat (?:am i|do i|should i|can i) (?:supposed to |meant to |even )?(?:ask|type|say|write|send)\b"
    r"|\b(?:i'?m|im|i am) (?:so |a bit |kinda )?(?:lost|confused)\b"
    r"|\b(?:can|could|do|will) (?:you|u)\b.*\bor (?:no|not|nah)\W*$|\bor (?:do you |can you )?just (?:answer|chat|talk|reply)"
)
# Training for another part of the body or another sport, and goals that are not the back's:
# "give me a leg day workout", "chest and arms routine", "running plan for a 10k", "diet plan
# to lose 10kg". The guide has nothing for these; a back routine is not what was asked.
_OTHER_PARTS = r"(?:chest|arms?|triceps|quads?|hamstrings?|calves|legs?|pecs|delts)"
OTHER_TRAINING = re.compile(
    r"\b(?:leg|arm|chest|push|pull) day\b"
    rf"|\b{_OTHER_PARTS}(?: (?:and|n|&) {_OTHER_PARTS})? (?:routine|workout|session|day|exercises?|training)\b"
    r"|\b(?:running|run|jogging|marathon|5k|10k|cycling|sprint(?:ing)?) (?:plan|programme|program|schedule|training|tips|time)\b"
    r"|\b(?:marathon|half marathon|couch to 5k|c25k|triathlon|ironman)\b"
    r"|\bbench press\b|\b(?:bicep|biceps|hammer|preacher|leg) curls?\b|\bsquat (?:max|pr|record)\b"
    r"|\bdiet(?: plan)?\b|\blose \d+ ?(?:kg|kgs|kilos?|lbs?|pounds|stone)\b|\bcalories\b|\bprotein\b|\bbulk(?:ing)?\b"
)
# The wider world, where a word of the guide means something else: "how much is a plank of
# wood", "the toll on the dartford bridge", "superman film times", "good morning in french",
# "what do lat and long mean on a map", "deadlift world record", "hire a rowing boat".
WIDER_WORLD = re.compile(
    r"\bhow much (?:is|are|does|do) (?:a |an |the )?(?!(?:weight|reps?|sets?)\b)\w+(?: \w+)? (?:of|cost|at|on)\b"
    r"|\b(?:price|prices|toll|tickets?|film|movie|cinema|comic|world record|records?|map|hire|rent)\b"
    r"|\b(?:in|into) (?:french|spanish|german|italian|portuguese|chinese|japanese|arabic|hindi|russian|polish)\b"
    r"|\btranslate\b|\bwhat (?:time|day) is it in\b|\btrap ?doors?\b"
    r"|\b(?:news|headlines|weather|forecast|stocks?|bitcoin|crypto|lottery|horoscope)\b"
)
# "are you a doctor?", "are you a real person or a bot": what the bot is, which help says
ABOUT_THE_BOT = re.compile(
    r"\bare (?:you|u) (?:a |an |actually |really |even )?(?:real|doctor|human|bot|robot|person|physio|ai|chatgpt|machine|nurse)\b"
)
# "can i get a session for my lower back with a band", "prepare me an exercise session",
# "whats todays session": a session asked for, not a list of exercises or a question about
# sessions in general ("what is the ideal workout", "how many sessions a week")
SESSION_ASK = re.compile(
    r"\b(?:give|get|make|prepare|build|plan|create|send|want|need|do|design|put together|whats|what'?s|what is|hook"
    r"|suggest|recommend|write|devise|set)"
    r" (?:me |us |up )?(?:with )?(?:a |an |my |the |todays |today'?s |some )?(?:\w+ ){0,3}"
    r"(?:session|routine|workout|programme|program|circuit)\b"
)
ABOUT_SESSIONS = re.compile(
    r"\b(?:ideal|best|should (?:a|my|the|it|i)|how (?:many|often|long|much)|does|do i need|is (?:it|a|my|the)|good|enough|too much)\b"
)
# "i'm on naproxen from my gp, which exercises are safe": the medicine is context, the question
# is about exercise; "how much naproxen can i take before the gym" asks about the medicine
EXERCISE_ASK = re.compile(
    r"\b(?:exercis\w*|stretch\w*|routine|workout|session|train\w*|moves?|gym|physio exercises)\b"
)
MEDICINE_ASK = re.compile(
    r"\b(?:how (?:much|many|often|long)|mg|mgs|dose|dosage|doses|safe to take|can i take|should i take|take (?:it|them|one|two)"
    r"|together|mix|combine|instead of|stop taking|which (?:pill|tablet|painkiller|medicine|cream)|best (?:pill|tablet|painkiller|medicine|cream))\b"
)
# Words around a bare name that ask nothing more ("the plank pls", "traps?")
BARE_FILLERS = frozenset({"the", "a", "an", "my", "pls", "plz", "please", "again", "then", "so", "and", "what", "about"})
# A reply of thanks in one emoji: thumbs up, OK hand, folded hands, hearts, check mark.
THANKS_EMOJI = re.compile("[\U0001F44D\U0001F44C\U0001F64F\u2764\U0001F49A\U0001F499\U0001F49C\u2705\U0001F60A\U0001F642]")
