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

    @Command(name = "verify", description = "Check a bundle's signature and every file's SHA-256 against the deployment's key"
            + " (--key, or --fingerprint to pin it); exit 1 naming what fails, 3 when intact but signed by a key not checked.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "BUNDLE", description = "the evidence ZIP") Path bundle;
        @Option(names = "--key", paramLabel = "PEM", description = "the deployment's published public key")
        Path key;
        @Option(names = "--fingerprint", paramLabel = "FINGERPRINT",
                description = "the published fingerprint of the deployment's key (as 'roomwatch evidence key' prints it)")
        String fingerprint;
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
                if (trusted != null) {
                    out.println("signed by key " + report.fingerprint() + " (the key given)");
                    return 0;
                }
                if (fingerprint != null && fingerprint.strip().equalsIgnoreCase(report.fingerprint())) {
                    out.println("signed by key " + report.fingerprint() + " (the fingerprint given)");
                    return 0;
                }
                // Anyone can sign a bundle with a key of their own and put it inside: only a known key proves who signed.
                err.println("signed by key " + report.fingerprint() + ", the bundle's own: its origin is NOT verified."
                        + (fingerprint != null ? " It is not the fingerprint given (" + fingerprint.strip() + ")." : "")
                        + " Verify again with --key (the unit's published public key) or --fingerprint.");
                return 3;
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
