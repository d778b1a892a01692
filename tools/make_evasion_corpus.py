#!/usr/bin/env python3
"""Writes tagging/src/test/resources/corpus/evasions.tsv: school names written the way rooms hide them (issue 22).

Syllables split by separators or emoji, stems in initial consonants (초성), and Latin letters (Revised Romanization
and English, as t.me usernames and handles write them), each in a chat line with the tags it should get, and lines
where the same tricks leave other words alone (compound-word traps, Latin words that only contain a stem). Every
school comes from the synthetic registry; names shared by two schools (한빛중학교) and initials two schools share
are left out of the positives, since those are ambiguous by design (TaggerTest covers them). The romanizations are
written out here by hand from the rules, apart from the Java Romanizer, so the corpus checks it rather than copies it.
Deterministic (seeded); rerun after changing the templates, and review the diff.
"""
import csv, os, random
from collections import Counter

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
schools = list(csv.DictReader(open(os.path.join(root, "tagging/src/main/resources/schools/sample-schools.csv"), encoding="utf-8")))
rnd = random.Random(20261202)
LEVEL = {"초등학교": ("초", "cho", "elementary"), "중학교": ("중", "jung", "middle"), "고등학교": ("고", "go", "high")}
TYPES = {"외국어": ("외", "oe", "foreignlanguage"), "과학": ("과", "gwa", "science"), "예술": ("예", "ye", "arts"),
         "체육": ("체", "che", "sports"), "공업": ("공", "gong", "technical"), "상업": ("상", "sang", "commercial")}
ROMAN = {"한빛": "hanbit", "새솔": "saesol", "푸른숲": "pureunsup", "은하": "eunha", "달빛": "dalbit", "바람": "baram",
         "하늬": "hanui", "가람": "garam", "솔빛": "solbit", "다온": "daon", "누리": "nuri", "별하": "byeolha", "미르": "mireu",
         "가온": "gaon", "여울": "yeoul", "온새미로": "onsaemiro", "라온": "raon", "나린": "narin", "아라": "ara", "해솔": "haesol",
         "도담": "dodam", "마루": "maru"}
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
SEPARATORS = [".", "/", "_", "-", "·", "|", " ", "\U0001F495", "\u200b", "ㆍ", "★", "..", "//", "~", "^"]
CONTEXTS = ["{} 애들 사진 구함", "{} 지인 박제", "[{}] 능욕방 입장 조건", "#{} #지인", "{} 출신 합성 요청", "{} 단톡 캡처 돌아다님",
            "오늘 {} 앞에서 찍힘", "{} 졸업앨범 스캔본"]
# No @handles here: the handle tagger tags every one of them, and TaggerTest covers @hanbitgirls.
LATIN_CONTEXTS = ["t.me/{} 링크 돌아다님", "방 제목 {} 입장", "{} 합성방", "join t.me/{}", "계정 {} 박제"]

def initials(word):
    return "".join(CHOSEONG[(ord(c) - 0xAC00) // 588] if "가" <= c <= "힣" else c for c in word)

def parts(s):
    """(stem, kind as written short, kind romanized short, English) or None."""
    name, kind = s["학교명"], s["학교종류명"]
    if kind not in LEVEL:
        return None
    abbr, roman_abbr, english = LEVEL[kind]
    rest = name[: -len(kind)]
    gender = "여" if rest.endswith("여자") else "남" if rest.endswith("남자") else ""
    stem = rest[:-2] if gender else rest
    for t, (short, roman_short, english_type) in TYPES.items():
        if kind == "고등학교" and stem.endswith(t) and len(stem) > len(t):
            stem = stem[: -len(t)]
            return stem, short + abbr, roman_short + roman_abbr, english_type + english
    if stem not in ROMAN:
        return None
    roman_gender = {"여": "yeo", "남": "nam"}.get(gender, "")
    english_gender = {"여": "girls", "남": "boys"}.get(gender, "")
    return stem, gender + abbr, roman_gender + roman_abbr, english_gender + english

names = Counter(s["학교명"] for s in schools)
usable = [(s, parts(s)) for s in schools if names[s["학교명"]] == 1 and parts(s) and parts(s)[0] in ROMAN]
initial_forms = Counter(initials(p[0]) + p[1] for _, p in usable)
lines = []

def add(text, expected):
    lines.append(text + "\t" + expected)

for s, (stem, short, roman_short, english) in usable:
    sid = "school=" + s["행정표준코드"]
    form = stem + short
    sep = rnd.choice(SEPARATORS)
    add(rnd.choice(CONTEXTS).format(sep.join(form)), sid)
    sep = rnd.choice([x for x in SEPARATORS if x != " "])
    add(rnd.choice(CONTEXTS).format(sep.join(stem) + sep + short), sid)
    if initial_forms[initials(stem) + short] == 1:
        add(rnd.choice(CONTEXTS).format(initials(stem) + short), sid)
        if len(stem) + len(short) >= 4:
            add(rnd.choice(CONTEXTS).format(initials(stem) + initials(short)), sid)
    roman = ROMAN[stem]
    joiner = rnd.choice(["_", ".", "", "-"])
    add(rnd.choice(LATIN_CONTEXTS).format(roman + joiner + roman_short), sid)
    add(rnd.choice(LATIN_CONTEXTS).format((roman + " " + english).title() if rnd.random() < 0.5 else (roman + english).upper()), sid)

# Negatives: the same tricks around words that are not schools.
traps = ["별빛고양이", "청솔고기", "가온고객센터", "미르초밥", "누리고속버스", "해솔중고차", "다온중개사무소", "한빛여고양이", "새솔중국집",
         "나린고구마", "아라초콜릿", "마루중계방송", "도담고무장갑", "라온여고생아님"]
for trap in traps:
    for sep in rnd.sample(SEPARATORS[:7], 3):
        text = sep.join(trap) if trap != "라온여고생아님" else trap
        add(rnd.choice(["{} 후기", "{} 사진", "{} 문의"]).format(text), "school=9900022" if trap == "라온여고생아님" else "")
latin_traps = ["hanbitcoin", "garamgoods", "daonload", "narinjungle", "nurigolf", "xhanbityeogo", "maruchocolate", "solbitgwagoat",
               "aracho1ce", "raonyeogos", "the gaon", "dodamgoing", "eunhachoice", "mireunamgoal"]
for trap in latin_traps:
    add(rnd.choice(["{} 시세", "{} 링크", "t.me/{}"]).format(trap), "")
jamo_traps = ["ㅋㅋㅎㅂ여고ㅋㅋ", "ㅎㅂㄱ 뭐임", "ㅇㅈ 고마워", "ㄱㄱ 여고 가자", "ㅎㅂ여고양이", "ㅇㅋ 중요한 거", "ㅈㅅ 고생했어", "ㄴㄴ 초밥 먹자"]
for trap in jamo_traps:
    add(trap, "")

out = os.path.join(root, "tagging/src/test/resources/corpus/evasions.tsv")
with open(out, "w", encoding="utf-8") as f:
    f.write("# text\texpected tags. Generated by tools/make_evasion_corpus.py (issue 22); synthetic.\n")
    for line in lines:
        f.write(line + "\n")
print(len(lines), "lines ->", out)
