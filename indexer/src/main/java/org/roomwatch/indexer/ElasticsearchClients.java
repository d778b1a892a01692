package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.net.URI;
import java.time.Duration;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** Builds the Java API client. The socket timeout is raised: big bulks and force-merges outlast 30 s. */
public final class ElasticsearchClients {
    private ElasticsearchClients() {}

    public static ElasticsearchClient create(URI url, Duration socketTimeout) {
        return create(url, socketTimeout, 0);
    }

    /** With up to {@code maxConnections} connections to the node (0: the REST client's default, 10 per node). */
    public static ElasticsearchClient create(URI url, Duration socketTimeout, int maxConnections) {
        RestClient rest = RestClient.builder(new HttpHost(url.getHost(), url.getPort(), url.getScheme()))
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(5_000)
                        .setSocketTimeout((int) socketTimeout.toMillis()))
                .setHttpClientConfigCallback(http -> maxConnections > 0
                        ? http.setMaxConnPerRoute(maxConnections).setMaxConnTotal(maxConnections) : http)
                .build();
        return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }
}
