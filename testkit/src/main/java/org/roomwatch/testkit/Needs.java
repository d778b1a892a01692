package org.roomwatch.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (class or method) that needs parts of the machine Maven cannot fetch. Where one is missing the test is
 * skipped with one line saying what and how to get it, except under CI ({@code CI=true}), where {@code .ci/run}
 * installs everything and a missing part fails the test instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MachineCheck.class)
public @interface Needs {
    Machine[] value();
}
