package org.roomwatch.core.cases;

import java.util.List;
import java.util.Optional;

/** Cases in the control-plane database. */
public interface Cases {
    /** The distance a case's PDQ hashes match within (the reference's threshold), wherever a case is matched. */
    int MATCH_DISTANCE = 31;

    /** Records a case on an existing hash set; a case number is taken once. */
    CaseFile create(CaseFile file);

    /** Links the watchlist that alerts on the case's hashes. */
    void linkWatchlist(String caseNumber, String watchlistId);

    Optional<CaseFile> find(String caseNumber);

    List<CaseFile> list();

    /** The case whose photos form hash set {@code name}, if the set is a case's. */
    Optional<CaseFile> byHashSet(String name);

    /** Whether {@code user} is named by the case: its creator or a member an admin added. */
    boolean names(String caseNumber, String user);

    /** The users the case names, its creator first. */
    List<String> members(String caseNumber);

    /** Names one more user on the case (an admin's act); false when the user was named already. */
    boolean addMember(String caseNumber, String user, String by);

    /** A case number: 1 to 64 letters (Hangul included), digits, '-' or '_'. */
    static String checkNumber(String number) {
        if (number == null || !number.strip().matches("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]{0,63}")) {
            throw new IllegalArgumentException("a case number is 1 to 64 letters, digits, '-' or '_', starting with a"
                    + " letter or digit; got '" + number + "'");
        }
        return number.strip();
    }
}
