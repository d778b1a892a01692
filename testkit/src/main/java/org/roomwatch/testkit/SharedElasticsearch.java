package org.roomwatch.testkit;

import java.lang.reflect.Method;
import java.net.URI;
import org.roomwatch.esnode.ElasticsearchDistribution;
import org.roomwatch.esnode.ManagedElasticsearchNode;
import org.roomwatch.esnode.NodeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Elasticsearch per test JVM, found as DESIGN.md orders it: ES_URL (or -Droomwatch.es.url), else
 * Testcontainers when a Docker engine answers, else a managed local node from the distribution zip.
 */
public final class SharedElasticsearch {
    private static final Logger log = LoggerFactory.getLogger(SharedElasticsearch.class);
    private static URI url;
    private static ManagedElasticsearchNode managed;

    private SharedElasticsearch() {}

    public static synchronized URI url() {
        if (url == null) {
            url = provision();
        }
        return url;
    }

    /** The managed node, when that is what the tests run on (null otherwise); outage tests stop and start it. */
    public static synchronized ManagedElasticsearchNode managedNode() {
        url();
        return managed;
    }

    private static URI provision() {
        String configured = System.getenv("ES_URL");
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("roomwatch.es.url");
        }
        if (configured != null && !configured.isBlank()) {
            log.info("Tests use the Elasticsearch at {}", configured);
            return URI.create(configured.trim());
        }
        URI container = ContainerNode.startIfDockerAnswers();
        if (container != null) {
            return container;
        }
        managed = ManagedElasticsearchNode.start(ElasticsearchDistribution.locate(), NodeSettings.throwaway());
        return managed.url();
    }

    /** Reflection keeps Testcontainers optional at run time; without a Docker engine it is skipped cleanly. */
    static final class ContainerNode {
        private ContainerNode() {}

        static URI startIfDockerAnswers() {
            if ("false".equals(System.getProperty("roomwatch.es.testcontainers"))) {
                return null;
            }
            try {
                Class<?> factory = Class.forName("org.testcontainers.DockerClientFactory");
                Object instance = factory.getMethod("instance").invoke(null);
                Method available = factory.getMethod("isDockerAvailable");
                if (!(Boolean) available.invoke(instance)) {
                    log.info("No Docker engine answers: using a managed local Elasticsearch node");
                    return null;
                }
                return TestcontainersNode.start();
            } catch (ClassNotFoundException e) {
                return null;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                log.info("Testcontainers unavailable ({}): using a managed local Elasticsearch node", e.toString());
                return null;
            }
        }
    }
}
