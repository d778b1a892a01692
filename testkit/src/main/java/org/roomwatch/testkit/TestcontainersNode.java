package org.roomwatch.testkit;

import java.net.URI;
import java.nio.file.Path;
import org.roomwatch.esnode.ElasticsearchDistribution;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** The official 8.19 image with the project's Korean plugin copied in; used only where a Docker engine runs. */
final class TestcontainersNode {
    private static ElasticsearchContainer container;

    private TestcontainersNode() {}

    static synchronized URI start() {
        if (container == null) {
            Path plugin = ElasticsearchDistribution.locate().pluginZip();
            ElasticsearchContainer es = new ElasticsearchContainer(
                    DockerImageName.parse("docker.elastic.co/elasticsearch/elasticsearch").withTag(ElasticsearchDistribution.VERSION))
                    .withEnv("xpack.security.enabled", "false")
                    .withEnv("discovery.type", "single-node")
                    .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                    .withCopyFileToContainer(MountableFile.forHostPath(plugin), "/tmp/roomwatch-korean-analysis.zip")
                    .withCommand("sh", "-c", "bin/elasticsearch-plugin install --batch file:///tmp/roomwatch-korean-analysis.zip"
                            + " && exec /usr/local/bin/docker-entrypoint.sh eswrapper");
            es.start();
            container = es;
            Runtime.getRuntime().addShutdownHook(new Thread(es::stop));
        }
        return URI.create("http://" + container.getHttpHostAddress());
    }
}
