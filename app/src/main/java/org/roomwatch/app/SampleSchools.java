package org.roomwatch.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.roomwatch.core.school.School;
import org.roomwatch.tagging.NeisSchoolCsv;
import org.roomwatch.tagging.SchoolListException;

/** The bundled synthetic school registry (made-up schools in NEIS's CSV shape): the demo's, the benchmarks' and the tests'. */
public final class SampleSchools {
    private static final String RESOURCE = "/schools/sample-schools.csv";

    private SampleSchools() {}

    public static List<School> load() {
        try (InputStream in = SampleSchools.class.getResourceAsStream(RESOURCE)) {
            return NeisSchoolCsv.parse(in.readAllBytes());
        } catch (IOException | SchoolListException e) {
            throw new IllegalStateException("the bundled sample school list is unreadable: " + e.getMessage(), e);
        }
    }
}
