package org.roomwatch.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoomLinksTest {
    private static List<String> keys(String text) {
        return RoomLinks.find(text).stream().map(RoomLinks.RoomLink::key).toList();
    }

    @Test
    void oneRoomUnderSeveralLinksIsOneKey() {
        assertEquals(List.of("telegram:hanbit_gossip"),
                keys("https://t.me/hanbit_gossip 또는 t.me/s/Hanbit_Gossip 그리고 https://telegram.me/hanbit_gossip/123"));
        assertEquals(List.of("telegram:+SimHanbitInvite01"), keys("https://t.me/+SimHanbitInvite01 = t.me/joinchat/SimHanbitInvite01"));
    }

    @Test
    void kakaoAndDiscordInvites() {
        List<RoomLinks.RoomLink> links = RoomLinks.find("오픈톡 https://open.kakao.com/o/gSample12 디코 discord.gg/sample-room");
        assertEquals(List.of("kakao:gSample12", "discord:sample-room"), links.stream().map(RoomLinks.RoomLink::key).toList());
        assertEquals(true, links.get(0).invite());
    }

    @Test
    void notRoomsAndLookAlikesAreIgnored() {
        assertEquals(List.of(), keys("https://t.me/share/url?url=x t.me/c/12345/6 t.me/addstickers/pack https://t.me/s/ notat.me/abcd"));
        assertEquals(List.of(), keys("t.me/+short 이메일 a@t.me"));
        assertEquals(List.of(), keys(null));
    }
}
