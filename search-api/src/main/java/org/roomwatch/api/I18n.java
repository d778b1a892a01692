package org.roomwatch.api;

import java.util.Map;

/** The pages' words, in Korean (the default) and English. */
final class I18n {
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("app", new String[] {"roomwatch", "roomwatch"}),
            Map.entry("skip", new String[] {"본문으로 건너뛰기", "Skip to content"}),
            Map.entry("login", new String[] {"로그인", "Log in"}),
            Map.entry("logout", new String[] {"로그아웃", "Log out"}),
            Map.entry("user", new String[] {"아이디", "User name"}),
            Map.entry("password", new String[] {"비밀번호", "Password"}),
            Map.entry("loginFailed", new String[] {"아이디 또는 비밀번호가 틀렸거나, 잠기거나 사용 중지된 계정입니다.",
                    "Wrong user name or password, or the user is locked out or disabled."}),
            Map.entry("search", new String[] {"메시지 검색", "Search messages"}),
            Map.entry("query", new String[] {"검색어", "Search terms"}),
            Map.entry("school", new String[] {"학교 ID", "School id"}),
            Map.entry("region", new String[] {"지역", "Region"}),
            Map.entry("room", new String[] {"방", "Room"}),
            Map.entry("from", new String[] {"시작일", "From"}),
            Map.entry("to", new String[] {"종료일", "To"}),
            Map.entry("hasMedia", new String[] {"미디어 있는 글만", "With media only"}),
            Map.entry("go", new String[] {"검색", "Search"}),
            Map.entry("results", new String[] {"건", "results"}),
            Map.entry("noResults", new String[] {"결과가 없습니다.", "Nothing found."}),
            Map.entry("prev", new String[] {"이전", "Previous"}),
            Map.entry("next", new String[] {"다음", "Next"}),
            Map.entry("schools", new String[] {"학교", "Schools"}),
            Map.entry("rooms", new String[] {"방 목록", "Rooms"}),
            Map.entry("latest", new String[] {"최근 언급", "Latest mentions"}),
            Map.entry("roomInfo", new String[] {"방 정보", "Room"}),
            Map.entry("members", new String[] {"참여자", "Members"}),
            Map.entry("signals", new String[] {"위험 신호", "Signals"}),
            Map.entry("timeline", new String[] {"최근 메시지", "Latest messages"}),
            Map.entry("media", new String[] {"미디어 해시", "Media hashes"}),
            Map.entry("links", new String[] {"링크", "Links"}),
            Map.entry("images", new String[] {"이미지 검색", "Image search"}),
            Map.entry("imageFile", new String[] {"이미지 파일 (기기에서 해시만 계산하고 버립니다)",
                    "Image file (hashed in memory and dropped)"}),
            Map.entry("pdqHex", new String[] {"또는 PDQ 해시 (64자리 16진수)", "or a PDQ hash (64 hex digits)"}),
            Map.entry("distance", new String[] {"거리", "Distance"}),
            Map.entry("noImage", new String[] {"이미지 자체는 저장하지도 보여주지도 않습니다.", "The image itself is never stored or shown."}),
            Map.entry("admin", new String[] {"관리", "Admin"}),
            Map.entry("users", new String[] {"사용자", "Users"}),
            Map.entry("audit", new String[] {"감사 기록", "Audit log"}),
            Map.entry("forbidden", new String[] {"이 페이지를 볼 권한이 없습니다.", "You may not see this page."}),
            Map.entry("notFound", new String[] {"찾을 수 없습니다.", "Not found."}),
            Map.entry("language", new String[] {"English", "한국어"}),
            Map.entry("posted", new String[] {"게시", "Posted"}),
            Map.entry("seenThrough", new String[] {"수집 경로", "Seen through"}),
            Map.entry("badInput", new String[] {"입력을 확인해 주세요", "Please check the input"}));

    private I18n() {}

    /** The word for {@code key} in {@code lang} ("ko" or "en"). */
    static String t(String lang, String key) {
        String[] pair = WORDS.get(key);
        if (pair == null) {
            throw new IllegalArgumentException("no text for " + key);
        }
        return "en".equals(lang) ? pair[1] : pair[0];
    }
}
