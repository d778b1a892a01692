#!/usr/bin/env python3
"""Writes tagging/src/test/resources/corpus/labelled.tsv: synthetic Korean chat lines with the tags they should get.

Every school comes from the synthetic registry (tagging/src/main/resources/schools/sample-schools.csv); names, phone
numbers and handles are made up. Columns: text, then the expected tags as kind=value separated by ' ; '.
Deterministic (seeded); rerun after changing the templates, and review the diff.
"""
import csv, random, os

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
schools = list(csv.DictReader(open(os.path.join(root, "tagging/src/main/resources/schools/sample-schools.csv"), encoding="utf-8")))
rnd = random.Random(20261121)
SIDO = {"서울특별시": "서울", "경기도": "경기", "부산광역시": "부산", "인천광역시": "인천", "대전광역시": "대전", "대구광역시": "대구",
        "광주광역시": "광주", "울산광역시": "울산", "세종특별자치시": "세종", "강원특별자치도": "강원", "충청북도": "충북",
        "전북특별자치도": "전북", "전라남도": "전남", "제주특별자치도": "제주", "경상남도": "경남", "경상북도": "경북", "충청남도": "충남"}
TYPES = {"외국어": "외", "과학": "과", "예술": "예", "체육": "체", "공업": "공", "상업": "상"}
LEVEL = {"초등학교": "초", "중학교": "중", "고등학교": "고", "대학교": "대"}

def names(s):
    name, kind, gender = s["학교명"], s["학교종류명"], s["남녀공학구분명"]
    abbr = LEVEL[kind]
    rest = name[: -len(kind)]
    g = "여" if rest.endswith("여자") else "남" if rest.endswith("남자") else None
    stem = rest[:-2] if g else rest
    out = [name]
    for t, short in TYPES.items():
        if stem.endswith(t):
            out.append(stem[: -len(t)] + short + abbr)
            return out
    out.append(stem + (g or "") + abbr)
    if g:
        out.append(stem + g + "자" + abbr)
    if s["별칭"]:
        out.append(s["별칭"])
    return out

def spaced(n):
    # 한빛여고 -> 한빛 여고 (space before the school-type part)
    for cut in ("여자고등학교", "여자중학교", "고등학교", "중학교", "초등학교", "여고", "여중", "남고", "외고", "과고", "예고", "체고", "공고", "상고"):
        if n.endswith(cut) and len(n) > len(cut) + 1:
            return n[: -len(cut)] + " " + n[-len(cut):]
    return n

PARTICLES = ["", " ", "에서 ", "애들 ", "랑 ", "이랑 ", " 2학년 ", "생 ", " 출신 ", " 지인 "]
TAILS = ["사진 있음", "합성 요청", "단톡 캡처", "애들 번호 구함", "능욕방 새로 팜", "박제 자료", "인증하면 입장", "신상 털림", "겹지인 구함"]
lines = []

# Registry schools whose names are unique in the registry.
unique = [s for s in schools if sum(1 for o in schools if o["학교명"] == s["학교명"]) == 1]
for s in unique:
    forms = names(s)
    for f in forms:
        for variant in sorted({f, spaced(f)}):
            for p in rnd.sample(PARTICLES, 2):
                text = variant + p + rnd.choice(TAILS)
                extra = [("grade", "2학년")] if "2학년" in p else []
                lines.append((text, [("school", s["행정표준코드"])] + extra))
    zw = "\u200d".join(forms[1] if len(forms) > 1 else forms[0])
    lines.append((zw + " " + rnd.choice(TAILS), [("school", s["행정표준코드"])]))

# Same-named schools told apart by region; without a region they stay ambiguous.
for s in [s for s in schools if s["학교명"] == "한빛중학교"]:
    sido = SIDO[s["소재지명"]]
    sgg = s["도로명주소"].split()[1]
    for text in (f"{sido} 한빛중 {rnd.choice(TAILS)}", f"{sgg} 한빛중학교 {rnd.choice(TAILS)}", f"{sido}한빛중 애들 {rnd.choice(TAILS)}"):
        lines.append((text, [("school", s["행정표준코드"])] + [("region", "x")]))
for _ in range(4):
    lines.append((f"한빛중 {rnd.choice(TAILS)}", [("school_ambiguous", "한빛중")]))

# Grades and classes, with and without schools.
girls = next(s for s in schools if s["학교명"] == "한빛여자고등학교")
for g in range(1, 4):
    for c in (1, 3, 7, 11):
        lines.append((f"한빛여고 {g}학년 {c}반 {rnd.choice(TAILS)}", [("school", girls["행정표준코드"]), ("grade", f"{g}학년 {c}반")]))
for lvl in "초중고":
    for n in (1, 2, 3):
        lines.append((f"{lvl}{n} 모여라 {rnd.choice(TAILS)}", [("grade", f"{lvl}{n}")]))

# Unknown but school-shaped: candidates.
for cand in ("새봄여고", "하람중학교", "꽃길고등학교", "이든초등학교", "서울중학교", "보늬여중", "단비남고", "나무외고"):
    lines.append((f"{cand} {rnd.choice(TAILS)}", [("school_candidate", cand)]))
    lines.append((f"{cand}에서 {rnd.choice(TAILS)}", [("school_candidate", cand)]))

# Negatives: nothing school-like (grade tags only where a grade is really written).
negatives = ["중고거래 합니다", "중고 폰 팝니다", "서울중앙지검 송치됨", "최고의 방 인정", "고등어 구이 맛집", "초등학생 때 친구", "중학교 때 친구들",
             "고등학교 친구 결혼함", "서울 중학생 모임", "우리 중학교 애들 착함", "여고생 교복 사진", "남고생들 축구함", "중간고사 망함",
             "고기 먹으러 감", "초보 환영", "중국 여행 후기", "고양이 사진", "대학교 과제 도와줘", "중요 공지 확인", "고맙다 얘들아",
             "오늘 날씨 좋다", "합성 의뢰 받음", "지인능욕 요청 받아요", "링크 외부 유출 금지", "방장 공지 읽어", "한빛이 최고",
             "빛나는 하루", "고속도로 막힘", "중앙역 앞에서 만나", "초코우유 마시는 중"]
for n in negatives:
    lines.append((n, []))
for n in ("고2 모여라", "중3 단톡"):
    lines.append((n, [("grade", n[:2])]))

# Mentions.
people = [("p1", "한가온"), ("p2", "유나래"), ("p3", "문지수"), ("p4", "남다솜"), ("p5", "도새봄")]
def forms_of(name):
    given = name[1:]
    last = ord(given[-1]) - 0xAC00
    return [name, given + ("이" if last % 28 else "야"), given + ("아" if last % 28 else "야")]
for pid, name in people:
    for f in forms_of(name):
        lines.append((f"{f} 사진 있음", [("person", pid)]))
    lines.append((f"{name}이랑 {rnd.choice(TAILS)}", [("person", pid)]))
for name in ("김민지", "박서연", "이하늘"):
    lines.append((f"{name} 사진 있음", []))
for i in range(12):
    a, b = rnd.randint(1000, 9999), rnd.randint(1000, 9999)
    sep = rnd.choice(["-", " ", ".", ""])
    lines.append((f"연락처 010{sep}{a}{sep}{b} 로", [("phone", f"010-{a}-{b}")]))
for h in ("sample_one", "gaon.sample", "nr_2011"):
    lines.append((f"인스타 @{h} 확인", [("handle", h)]))
    lines.append((f"https://www.instagram.com/{h}/ 여기", [("handle", "instagram:" + h)]))
    lines.append((f"카톡 아이디 {h} 로 연락", [("kakao", h)]))
lines.append(("메일 someone@example.org 로", []))

with open(os.path.join(root, "tagging/src/test/resources/corpus/labelled.tsv"), "w", encoding="utf-8") as out:
    out.write("# text\texpected tags (kind=value ; ...). Generated by tools/make_tagging_corpus.py; synthetic.\n")
    for text, tags in lines:
        out.write(text + "\t" + " ; ".join(f"{k}={v}" for k, v in tags if k != "region") + "\n")
print(len(lines), "lines")
