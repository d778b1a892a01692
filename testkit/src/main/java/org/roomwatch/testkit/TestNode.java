package org.roomwatch.testkit;

import java.net.URI;

/** The Elasticsearch a test class talks to, and the index prefix that is its own. */
public record TestNode(URI url, String indexPrefix) {}
