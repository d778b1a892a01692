package org.roomwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Synthetic Korean rooms for the demo and the tests: made-up schools, names, handles and phone numbers, generated
 * images, nothing real and nothing explicit. The same seed gives the same rooms.
 */
public final class SyntheticRooms {
    static final String[] SCHOOLS = {"한빛여고", "새솔중학교", "푸른숲고등학교", "은하초", "달빛여중", "바람공고", "서울중학교", "하늬고"};
    private static final String[] GIVEN = {"가온", "나래", "다솜", "라온", "마루", "바다", "새봄", "아라"};
    private static final String[] FAMILY = {"한", "유", "문", "남", "도"};
    private static final String[] TEMPLATES = {
        "%s %d학년 %d반 단톡 캡처 올림",
        "%s 지인능욕 요청 받아요 DM 주세요",
        "합성 의뢰는 @sample_handle_%d 로만 받음",
        "%s 겹지인 있는 사람?",
        "신상 박제 %s %s 인스타 있음",
        "오늘 공지: 방 규칙 지키고 링크 외부 유출 금지",
        "새 방 링크 https://t.me/+Sim%sLink%d 들어와",
        "%s 딥페 자료 정리중, 연락처 010-0000-%04d",
        "%s 애들 사진 더 있으면 올려줘",
        "지능방 인원 모집 %s 학생만",
    };

    private SyntheticRooms() {}

    /** A dozen rooms with a few hundred posts, two hidden previews, and four invites (two expired). */
    public static void populate(TelegramSite site, long seed, Instant now) {
        Random random = new Random(seed);
        String[][] rooms = {
            {"hanbit_gossip", "한빛여고 소식방", "한빛여고 얘기하는 방", "group"},
            {"saesol_room", "새솔중 단톡 백업", "새솔중학교 공지 백업", "channel"},
            {"pureun_forest", "푸른숲고 익명방", "푸른숲고등학교 익명 제보", "group"},
            {"eunha_kids", "은하초 학부모 정보", "은하초 학부모 정보 공유", "channel"},
            {"dalbit_notice", "달빛여중 지인방", "달빛여중 지인능욕 제보방", "group"},
            {"baram_tech", "바람공고 합성방", "합성 요청 받는 방", "channel"},
            {"seoul_mid_chat", "서울중학교 잡담", "서울중학교 학생들 잡담방", "group"},
            {"jiin_room_01", "지인능욕방 1호", "겹지인 인증 후 입장", "group"},
            {"hapseong_req", "합성 의뢰 채널", "딥페 의뢰 채널", "channel"},
            {"gyeop_jiin", "겹지인 찾기", "겹지인 찾는 방", "group"},
            {"hidden_room_a", "비공개 능욕방 A", "미리보기 없는 방", "group"},
            {"hidden_room_b", "비공개 합성방 B", "미리보기 없는 채널", "channel"},
        };
        for (int r = 0; r < rooms.length; r++) {
            String[] spec = rooms[r];
            boolean preview = !spec[0].startsWith("hidden_");
            SimRoom room = new SimRoom(spec[0], spec[1], spec[2], spec[3].equals("channel"), 40 + random.nextInt(3000), preview);
            int count = 12 + random.nextInt(40);
            Instant start = now.minus(Duration.ofDays(20 + r));
            long id = 1;
            room.add(new SimPost(id, start, null, "Channel created", null, null, 0, false, 0, false, null, true));
            for (int i = 1; i < count; i++) {
                id += 1 + (random.nextInt(10) == 0 ? 1 : 0); // a deleted post now and then leaves a gap
                room.add(post(random, id, start.plus(Duration.ofMinutes(37L * i + random.nextInt(30))), i, r));
            }
            site.add(room);
        }
        site.add(new SimInvite("SimHanbitInvite01", "한빛여고 비밀방", "초대받은 사람만", false, 57, false));
        site.add(new SimInvite("SimSaesolInvite02", "새솔중 자료 채널", "자료 공유", true, 212, false));
        site.add(new SimInvite("SimExpiredInvite03", null, null, false, 0, true));
        site.add(new SimInvite("SimExpiredInvite04", null, null, true, 0, true));
    }

    /** A post for room index {@code r}, i-th in it. */
    static SimPost post(Random random, long id, Instant date, int i, int r) {
        String school = SCHOOLS[(r + random.nextInt(2)) % SCHOOLS.length];
        String name = FAMILY[random.nextInt(FAMILY.length)] + GIVEN[random.nextInt(GIVEN.length)];
        String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
        String text = switch (template.chars().filter(c -> c == '%').count() > 0 ? (int) template.chars().filter(c -> c == '%').count() : 0) {
            case 0 -> template;
            case 1 -> template.contains("%d") ? String.format(template, random.nextInt(90) + 10) : String.format(template, school);
            case 2 -> template.startsWith("새 방") ? String.format(template, school.hashCode() & 0xff, i)
                    : template.contains("%04d") ? String.format(template, school, random.nextInt(10000))
                    : String.format(template, school, name);
            default -> String.format(template, school, 1 + random.nextInt(3), 1 + random.nextInt(10));
        };
        int photos = random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 0;
        boolean video = random.nextInt(12) == 0;
        String document = random.nextInt(15) == 0 ? "자료_" + id + ".zip" : null;
        String forwarded = random.nextInt(10) == 0 ? "saesol_room" : null;
        Long reply = id > 3 && random.nextInt(8) == 0 ? id - 1 - random.nextInt(2) : null;
        long views = 10 + random.nextInt(random.nextInt(6) == 0 ? 12000 : 900);
        boolean edited = random.nextInt(9) == 0;
        String author = random.nextInt(4) == 0 ? "관리자" : null;
        return new SimPost(id, date, author, text, forwarded, reply, views, edited, photos, video, document, false);
    }

    /** A new post for the demo's live feed. */
    public static SimPost nextPost(SimRoom room, Random random, Instant now) {
        return post(random, room.lastId() + 1, now, (int) room.lastId(), Math.abs(room.name().hashCode()) % 12);
    }

    public static List<String> schoolNames() {
        return List.of(SCHOOLS);
    }
}
