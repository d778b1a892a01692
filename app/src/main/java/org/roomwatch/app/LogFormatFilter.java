package org.roomwatch.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender write only when {@code ROOMWATCH_LOG_FORMAT} names its format ({@code text} unless set), so
 * config/logback.xml keeps both appenders attached and picks one without conditionals (logback's need Janino).
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
    private String format = "text";
    private boolean chosen;

    public void setFormat(String format) {
        this.format = format;
    }

    @Override
    public void start() {
        String wanted = System.getenv("ROOMWATCH_LOG_FORMAT");
        chosen = format.equals(wanted == null || wanted.isBlank() ? "text" : wanted);
        super.start();
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return chosen ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
