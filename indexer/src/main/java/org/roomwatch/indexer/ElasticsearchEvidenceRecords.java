package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roomwatch.core.evidence.EvidenceRecords;

/** Message and room documents by id, with a multi-get (real-time: a record just written is found). */
public final class ElasticsearchEvidenceRecords implements EvidenceRecords {
    private final ElasticsearchClient client;
    private final IndexNames names;

    public ElasticsearchEvidenceRecords(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    @Override
    public Found messages(List<String> ids) {
        return get(names.messages(), ids);
    }

    @Override
    public Found rooms(List<String> ids) {
        return get(names.rooms(), ids);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Found get(String index, List<String> ids) {
        if (ids.isEmpty()) {
            return new Found(List.of(), List.of());
        }
        try {
            MgetResponse<Map> response = client.mget(m -> m.index(index).ids(ids), Map.class);
            List<Map<String, Object>> found = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            response.docs().forEach(d -> {
                if (d.isResult() && d.result().found()) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("id", d.result().id());
                    record.putAll(d.result().source());
                    found.add(record);
                } else {
                    missing.add(d.isResult() ? d.result().id() : d.failure().id());
                }
            });
            return new Found(found, missing);
        } catch (IOException e) {
            throw new IndexWriteException("could not read the records for an evidence bundle: " + e.getMessage(), e);
        }
    }
}
