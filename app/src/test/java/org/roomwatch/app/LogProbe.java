package org.roomwatch.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a Korean line and a failure, then runs the real entry point's checks: a child JVM for the logging tests. */
public final class LogProbe {
    private LogProbe() {}

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("org.roomwatch.probe");
        log.info("크롤 완료: {} 새 메시지", 3);
        log.warn("저장 실패", new IllegalStateException("색인이 응답하지 않음"));
    }
}
