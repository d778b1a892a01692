package org.roomwatch.core.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** Where the index lives and how it is written to. */
public record ElasticsearchConfig(String url, String indexPrefix, Duration socketTimeout, int bulkActions,
                                  int bulkConcurrency, int bulkRetries, Duration bulkRetryBackoff,
                                  ManagedNodeConfig managed) {
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    public ElasticsearchConfig {
        url = Check.orEmpty(url);
        if (!url.isEmpty() && !url.matches("https?://.+")) {
            throw new IllegalArgumentException("elasticsearch.url must start with http:// or https://, got " + url);
        }
        indexPrefix = Check.orEmpty(indexPrefix);
        if (!indexPrefix.isEmpty() && !PREFIX.matcher(indexPrefix).matches()) {
            throw new IllegalArgumentException("elasticsearch.indexPrefix must be lower case letters, digits, '-', '_' or '.',"
                    + " starting with a letter or digit; got " + indexPrefix);
        }
        Check.positive("elasticsearch.socketTimeout", socketTimeout);
        Check.atLeast("elasticsearch.bulkActions", bulkActions, 1);
        Check.atLeast("elasticsearch.bulkConcurrency", bulkConcurrency, 1);
        Check.atLeast("elasticsearch.bulkRetries", bulkRetries, 0);
        Check.positive("elasticsearch.bulkRetryBackoff", bulkRetryBackoff);
        if (managed == null) {
            throw new IllegalArgumentException("elasticsearch.managed is required");
        }
    }

    public boolean isManaged() {
        return url.isEmpty();
    }

    public ElasticsearchConfig withUrl(String value) {
        return new ElasticsearchConfig(value, indexPrefix, socketTimeout, bulkActions, bulkConcurrency, bulkRetries,
                bulkRetryBackoff, managed);
    }

    public ElasticsearchConfig withIndexPrefix(String value) {
        return new ElasticsearchConfig(url, value, socketTimeout, bulkActions, bulkConcurrency, bulkRetries,
                bulkRetryBackoff, managed);
    }
}
