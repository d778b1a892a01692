package org.roomwatch.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import org.roomwatch.core.evidence.BundleVerifier;
import org.roomwatch.core.evidence.EvidenceKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Evidence bundles from the command line: check one, or show the deployment's signing key to publish. */
@Command(name = "evidence", description = "Verify an evidence bundle, or print the signing key's fingerprint and public key.",
        subcommands = {EvidenceCommand.Verify.class, EvidenceCommand.Key.class})
final class EvidenceCommand {
    private EvidenceCommand() {}

    @Command(name = "verify", description = "Check a bundle's signature and every file's SHA-256; exit 1 naming what fails.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "BUNDLE", description = "the evidence ZIP") Path bundle;
        @Option(names = "--key", paramLabel = "PEM", description = "the deployment's published public key (else the bundle's own, whose fingerprint is shown to compare)")
        Path key;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            PublicKey trusted = null;
            if (key != null) {
                try {
                    trusted = EvidenceKey.publicKey(Files.readString(key, StandardCharsets.US_ASCII), key.toString());
                } catch (IOException | IllegalArgumentException e) {
                    err.println("cannot use the key " + key + ": " + e.getMessage());
                    return 2;
                }
            }
            BundleVerifier.Report report = BundleVerifier.verify(bundle, trusted);
            if (report.ok()) {
                out.println("bundle intact: signature valid, " + report.filesChecked() + " files match the manifest");
                out.println("signed by key " + report.fingerprint() + (trusted == null
                        ? " (the bundle's own key: compare this fingerprint with the one the unit publishes)" : " (the key given)"));
                return 0;
            }
            err.println("bundle FAILED verification:");
            report.problems().forEach(p -> err.println("  " + p));
            return 1;
        }
    }

    @Command(name = "key", description = "Print the signing key's fingerprint and public key (made on first use), to publish.")
    static final class Key implements Callable<Integer> {
        @Option(names = "--config") Path config;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            EvidenceKey key = EvidenceKey.loadOrCreate(Path.of(Configs.load(config).security().evidenceKeyFile()));
            PrintWriter out = spec.commandLine().getOut();
            out.println("fingerprint " + EvidenceKey.fingerprint(key.publicKey()));
            out.print(key.publicPem());
            return 0;
        }
    }
}
