package org.roomwatch.core.school;

/** NEIS 남녀공학구분명: 남 (boys'), 여 (girls'), 남여공학 (co-ed). */
public enum SchoolGender {
    BOYS, GIRLS, COED;

    public static SchoolGender parse(String value) {
        if (value == null || value.isBlank()) {
            return COED;
        }
        String v = value.strip();
        if (v.equals("남") || v.equalsIgnoreCase("boys")) {
            return BOYS;
        }
        if (v.equals("여") || v.equalsIgnoreCase("girls")) {
            return GIRLS;
        }
        if (v.contains("공학") || v.equalsIgnoreCase("coed")) {
            return COED;
        }
        throw new IllegalArgumentException("남녀공학구분명 must be 남, 여 or 남여공학, got '" + v + "'");
    }
}
