package com.pawprint.messaging;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kafka headers (bytes) to and from the text maps the contracts speak; all PawPrint headers are UTF-8 text. */
public final class KafkaHeaderMaps {

    private KafkaHeaderMaps() {
    }

    /** Header values as text, in record order; of a repeated header the last value wins, as Kafka's lastHeader. */
    public static Map<String, String> toMap(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                map.put(header.key(), header.value() == null ? null : new String(header.value(),
                        StandardCharsets.UTF_8));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    public static List<RecordHeader> toRecordHeaders(Map<String, String> map) {
        List<RecordHeader> headers = new ArrayList<>(map.size());
        map.forEach((key, value) -> headers.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8))));
        return headers;
    }

    public static Headers toHeaders(Map<String, String> map) {
        return new RecordHeaders(new ArrayList<>(toRecordHeaders(map)));
    }
}
