package org.roomwatch.media.ocr;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Moves the calling thread to the lowest scheduling priority (nice 19) on Linux, so OCR takes only the CPU that
 * fetching, hashing and indexing leave over. Java's own thread priorities are ignored by Linux's scheduler unless the
 * JVM runs with special flags; a thread's nice value is honoured always, and a process may always lower its own.
 */
final class IdlePriority {
    private IdlePriority() {}

    interface C extends Library {
        int gettid();

        int setpriority(int which, int who, int prio);
    }

    /** True when the calling thread now runs at nice 19; false where that cannot be done (not Linux, no glibc 2.30). */
    static boolean lower() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return false;
        }
        try {
            C c = Native.load("c", C.class);
            return c.setpriority(0 /* PRIO_PROCESS: on Linux, a thread id names one thread */, c.gettid(), 19) == 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }
}
