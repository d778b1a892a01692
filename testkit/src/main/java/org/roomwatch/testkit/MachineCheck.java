package org.roomwatch.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Checks {@link Needs} before a class's or a method's tests: skip with one clear line, or fail under CI. */
public final class MachineCheck implements BeforeAllCallback, BeforeEachCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getTestClass().ifPresent(MachineCheck::check);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getTestMethod().ifPresent(MachineCheck::check);
    }

    private static void check(AnnotatedElement element) {
        Needs needs = element.getAnnotation(Needs.class);
        if (needs != null) {
            require(needs.value());
        }
    }

    /** As {@link Needs}, from inside a test (one case of a parameterized test, say). */
    public static void require(Machine... machines) {
        for (Machine machine : machines) {
            Optional<String> missing = machine.missing();
            if (missing.isPresent()) {
                String line = "needs " + machine.what() + ": " + missing.get();
                if (underCi()) {
                    fail(line + " (under CI .ci/run installs it, so this is a failure, not a skip)");
                }
                Assumptions.abort("skipped: " + line);
            }
        }
    }

    /** Whether this is a CI run, where nothing may be skipped for want of a machine part. */
    public static boolean underCi() {
        return "true".equals(System.getenv("CI"));
    }
}
