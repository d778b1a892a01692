package org.roomwatch.core.search;

/**
 * What the enrichment step found, as filters: a school (registry id), a region (시도 or 시군구 of the tagged schools,
 * or a region named in the text), a level (초, 중, 고, 대), a watched person's id, a phone number, a handle or
 * KakaoTalk id. Null means no filter.
 */
public record MessageFilters(String school, String region, String level, String person, String phone, String handle) {
    public static final MessageFilters NONE = new MessageFilters(null, null, null, null, null, null);

    public boolean any() {
        return school != null || region != null || level != null || person != null || phone != null || handle != null;
    }
}
