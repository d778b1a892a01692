package org.roomwatch.core.school;

/** 초 / 중 / 고 / 대: elementary, middle, high school, university. */
public enum SchoolLevel {
    ELEMENTARY("초", "초등학교"), MIDDLE("중", "중학교"), HIGH("고", "고등학교"), UNIVERSITY("대", "대학교");

    private final String abbreviation;
    private final String suffix;

    SchoolLevel(String abbreviation, String suffix) {
        this.abbreviation = abbreviation;
        this.suffix = suffix;
    }

    /** The one-syllable form used in names: 한빛중, 한빛고. */
    public String abbreviation() {
        return abbreviation;
    }

    /** The full suffix: 중학교, 고등학교. */
    public String suffix() {
        return suffix;
    }

    /** From NEIS 학교종류명 (초등학교, 중학교, 고등학교, 특수학교 …) or a short form; null when not one of the four. */
    public static SchoolLevel parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        for (SchoolLevel level : values()) {
            if (v.equals(level.suffix) || v.equals(level.abbreviation) || v.equalsIgnoreCase(level.name())) {
                return level;
            }
        }
        if (v.endsWith("고등학교")) {
            return HIGH; // 특성화고등학교, 자율고등학교 …
        }
        if (v.endsWith("대학교") || v.endsWith("대학")) {
            return UNIVERSITY;
        }
        return null;
    }
}
