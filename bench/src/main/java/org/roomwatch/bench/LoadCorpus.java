package org.roomwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.roomwatch.core.ImageHashes;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.school.School;

/**
 * The synthetic messages {@code bench-load} pre-loads: Korean chat as these rooms write it (requests for fakes,
 * doxxing, room rules, chatter), a school of the registry named in about two messages of five, made-up names,
 * handles and phone numbers, and photos whose PDQ hashes fall in near-duplicate clusters (the same fake re-posted
 * with small changes), so every request of the mix has something realistic to find. Words are drawn with a Zipf-like
 * skew from a vocabulary of 150, 3 to 16 of them a message, so the head words are in most messages and even the
 * rarest in about one in a hundred (counted in 1,000,000: 사진 82 %, 방 60 %, 링크 43 %, 추첨 1.2 %). Real chat has
 * a far longer tail, so a search here matches more messages than it would in a unit's index: a heavy case. Nothing
 * real; the same seed gives the same corpus.
 */
final class LoadCorpus {
    static final String[] WORDS = {
        "사진", "방", "링크", "학교", "학년", "반", "선생님", "합성", "능욕", "지인", "겹지인", "신상", "인스타", "페북", "카톡",
        "프로필", "캡처", "자료", "정리", "공유", "요청", "의뢰", "받아요", "올림", "있음", "없음", "구함", "삽니다", "팝니다",
        "입장", "인증", "규칙", "공지", "유출", "금지", "외부", "비번", "초대", "채널", "그룹", "단톡", "백업", "영상", "움짤",
        "얼굴", "교복", "체육복", "수학여행", "졸업사진", "앨범", "동아리", "방과후", "학원", "기숙사", "급식", "매점", "운동장",
        "축제", "시험", "중간고사", "기말고사", "담임", "교감", "교장", "보건실", "도서관", "음악실", "미술실", "복도", "교실",
        "친구", "선배", "후배", "동생", "언니", "누나", "형", "오빠", "여친", "남친", "전학생", "반장", "부반장", "일진", "찐따",
        "오늘", "어제", "내일", "주말", "밤", "새벽", "아침", "점심", "저녁", "방금", "아까", "나중", "빨리", "천천히", "조용히",
        "딥페", "딥페이크", "얼굴합성", "몸합성", "작업", "작업물", "샘플", "원본", "고화질", "저화질", "무보정", "보정", "필터",
        "텔레", "텔레그램", "디코", "디스코드", "오픈채팅", "익명", "제보", "박제", "신고", "차단", "강퇴", "관리자", "부방장",
        "가격", "문상", "기프티콘", "포인트", "코인", "입금", "선입금", "후불", "할인", "무료", "유료", "한정", "이벤트", "추첨",
    };
    private static final String[] GIVEN = {"가온", "나래", "다솜", "라온", "마루", "바다", "새봄", "아라", "하늘", "별빛", "이슬",
        "초롱", "한결", "보람", "슬기", "누리", "단비", "여름", "겨울", "소리"};
    private static final String[] FAMILY = {"한", "유", "문", "남", "도", "서", "진", "하", "은", "표"};
    private static final String[] OPENERS = {"%s %d학년 %d반 단톡 캡처 올림", "%s 지인능욕 요청 받아요 DM 주세요", "%s 겹지인 있는 사람?",
        "신상 박제 %s %s 인스타 있음", "%s 애들 사진 더 있으면 올려줘", "지능방 인원 모집 %s 학생만", "%s %s 선생님 사진 구함",
        "%s 딥페 자료 정리중", "%s 졸업앨범 스캔 있는 사람", "오늘 %s 축제 영상 올라옴"};
    /** How many near-duplicate clusters the photos fall in, and how many bits a re-post differs from its cluster. */
    static final int PHOTO_CLUSTERS = 5000;
    static final int MAX_FLIPPED_BITS = 12;

    private final List<School> schools;
    private final int rooms;
    private final Instant from;
    private final Duration span;
    private final double[] wordCumulative;

    LoadCorpus(List<School> schools, int rooms, Instant from, Duration span) {
        this.schools = List.copyOf(schools);
        this.rooms = rooms;
        this.from = from;
        this.span = span;
        // Zipf with exponent 1: word k (from 1) drawn with weight 1/k.
        wordCumulative = new double[WORDS.length];
        double sum = 0;
        for (int k = 0; k < WORDS.length; k++) {
            sum += 1.0 / (k + 1);
            wordCumulative[k] = sum;
        }
        for (int k = 0; k < WORDS.length; k++) {
            wordCumulative[k] /= sum;
        }
    }

    static String roomName(int r) {
        return String.format("pre_room_%04d", r);
    }

    /** The pre-loaded rooms: titles and descriptions name their schools, as the rooms do. */
    List<Room> roomDocuments(Instant capturedAt) {
        List<Room> out = new ArrayList<>(rooms);
        for (int r = 0; r < rooms; r++) {
            School school = schools.get(r % schools.size());
            boolean channel = r % 3 == 0;
            out.add(new Room("telegram", roomName(r), school.name() + (channel ? " 자료 채널 " : " 지인방 ") + r, school.name() + " 얘기하는 방",
                    channel ? RoomKind.CHANNEL : RoomKind.GROUP, channel ? null : 30L + r % 900, channel ? 50L + r * 7L % 5000 : null,
                    null, null, null, null, true, InviteStatus.NOT_AN_INVITE, capturedAt, "web", sha(new Random(r))));
        }
        return out;
    }

    /** Message number {@code i} (from 0) of the corpus, the same for the same {@code i}. */
    Message message(long i) {
        Random random = new Random(0x5EED0000L + i);
        int r = (int) (i % rooms);
        long messageId = i / rooms + 1;
        Instant posted = from.plusSeconds((long) (random.nextDouble() * span.toSeconds()));
        StringBuilder text = new StringBuilder();
        if (random.nextInt(5) < 2) {
            School school = schools.get((r + random.nextInt(3)) % schools.size());
            String name = school.aliases().isEmpty() || random.nextBoolean() ? school.name() : school.aliases().get(0);
            String opener = OPENERS[random.nextInt(OPENERS.length)];
            text.append(opener.contains("%d") ? String.format(opener, name, 1 + random.nextInt(3), 1 + random.nextInt(12))
                    : opener.indexOf("%s") != opener.lastIndexOf("%s") ? String.format(opener, name, person(random)) : String.format(opener, name));
        }
        int words = 3 + random.nextInt(14);
        for (int w = 0; w < words; w++) {
            text.append(text.length() == 0 ? "" : " ").append(word(random));
        }
        if (random.nextInt(25) == 0) {
            text.append(" 연락처 010-0000-").append(String.format("%04d", random.nextInt(10000)));
        }
        if (random.nextInt(20) == 0) {
            text.append(" @sample_handle_").append(random.nextInt(500));
        }
        List<MediaRef> media = new ArrayList<>();
        if (random.nextInt(100) < 8) {
            media.add(new MediaRef(MediaKind.PHOTO, "https://cdn.example.invalid/p/" + i + ".jpg").withHashes(photo(random)));
        } else if (random.nextInt(100) < 3) {
            media.add(new MediaRef(MediaKind.VIDEO, "https://cdn.example.invalid/v/" + i + ".mp4"));
        }
        String room = roomName(r);
        return new Message("telegram", room, messageId, "https://t.me/" + room + "/" + messageId, posted,
                random.nextInt(4) == 0 ? "관리자" : null, text.toString(), List.of(), random.nextInt(12) == 0 ? roomName(random.nextInt(rooms)) : null,
                null, (long) (10 + random.nextInt(random.nextInt(6) == 0 ? 12000 : 900)), random.nextInt(9) == 0, false, media,
                posted.plusSeconds(60 + random.nextInt(86_400)), "web", sha(random));
    }

    String word(Random random) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = WORDS.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (wordCumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return WORDS[lo];
    }

    static String person(Random random) {
        return FAMILY[random.nextInt(FAMILY.length)] + GIVEN[random.nextInt(GIVEN.length)];
    }

    /** The PDQ at the centre of cluster {@code c}: the fake every re-post in the cluster starts from. */
    static byte[] clusterCentre(int c) {
        byte[] pdq = new byte[32];
        new Random(0xC1057E5L + c).nextBytes(pdq);
        return pdq;
    }

    /** A PDQ hash of cluster centre {@code c} with {@code bits} random bits flipped, as 64 hex digits. */
    static String nearCentre(int c, int bits, Random random) {
        byte[] pdq = clusterCentre(c);
        for (int b = 0; b < bits; b++) {
            int bit = random.nextInt(256);
            pdq[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        return HexFormat.of().formatHex(pdq);
    }

    private static ImageHashes photo(Random random) {
        String pdq = nearCentre(random.nextInt(PHOTO_CLUSTERS), random.nextInt(MAX_FLIPPED_BITS + 1), random);
        byte[] md5 = new byte[16];
        random.nextBytes(md5);
        return new ImageHashes(sha(random), HexFormat.of().formatHex(md5), pdq, 80 + random.nextInt(21), 720, 1280, "jpeg",
                40_000 + random.nextInt(200_000));
    }

    private static String sha(Random random) {
        byte[] sha = new byte[32];
        random.nextBytes(sha);
        return HexFormat.of().formatHex(sha);
    }
}
