package org.roomwatch.core.config;

/** The managed local Elasticsearch node used when no URL is configured. */
public record ManagedNodeConfig(int heapMegabytes, String workDir, String dataDir, String runAsUser) {
    public ManagedNodeConfig {
        Check.atLeast("elasticsearch.managed.heapMegabytes", heapMegabytes, 128);
        workDir = Check.orEmpty(workDir);
        dataDir = Check.orEmpty(dataDir);
        runAsUser = Check.required("elasticsearch.managed.runAsUser", runAsUser);
    }
}
