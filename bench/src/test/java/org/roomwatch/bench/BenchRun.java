package org.roomwatch.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The roomwatch-bench command run in-process with its output captured: exit code, stdout, stderr. */
record BenchRun(int code, String out, String err) {
    static BenchRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BenchMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new BenchRun(code, out.toString(), err.toString());
    }
}
