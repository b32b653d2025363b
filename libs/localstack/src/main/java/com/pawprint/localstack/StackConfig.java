package com.pawprint.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the running stack's servers are and how to log in, under the exact config keys every service reads.
 * The launcher prints it as {@code key=value} lines; the test resource parses those lines back.
 */
public record StackConfig(
        String kafkaBootstrapServers,
        String jdbcUrl,
        String databaseUsername,
        String databasePassword,
        String storageEndpoint,
        String storageAccessKey,
        String storageSecretKey,
        String storageRegion) {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    public static final String DATABASE_USERNAME = "quarkus.datasource.username";
    public static final String DATABASE_PASSWORD = "quarkus.datasource.password";
    public static final String STORAGE_ENDPOINT = "pawprint.storage.endpoint";
    public static final String STORAGE_ACCESS_KEY = "pawprint.storage.access-key";
    public static final String STORAGE_SECRET_KEY = "pawprint.storage.secret-key";
    public static final String STORAGE_REGION = "pawprint.storage.region";

    /** Every key, in the order the launcher prints them. */
    public static final List<String> KEYS = List.of(KAFKA_BOOTSTRAP_SERVERS, JDBC_URL, DATABASE_USERNAME,
            DATABASE_PASSWORD, STORAGE_ENDPOINT, STORAGE_ACCESS_KEY, STORAGE_SECRET_KEY, STORAGE_REGION);

    /** Fixed development credentials: the stack only ever listens on the loopback interface. */
    public static final String DEV_ACCESS_KEY = "pawprint";
    public static final String DEV_SECRET_KEY = "pawprint-secret";
    public static final String DEV_REGION = "us-east-1";
    public static final String DEV_DATABASE = "postgres";
    public static final String DEV_DATABASE_USERNAME = "postgres";
    public static final String DEV_DATABASE_PASSWORD = "postgres";

    /** The config of a stack whose servers listen on the given endpoints, with the development credentials. */
    public static StackConfig withDevCredentials(String kafkaBootstrapServers, String postgresHostAndPort,
            String storageEndpoint) {
        return new StackConfig(kafkaBootstrapServers,
                "jdbc:postgresql://" + postgresHostAndPort + "/" + DEV_DATABASE,
                DEV_DATABASE_USERNAME, DEV_DATABASE_PASSWORD,
                storageEndpoint, DEV_ACCESS_KEY, DEV_SECRET_KEY, DEV_REGION);
    }

    public Map<String, String> toMap() {
        List<String> values = List.of(kafkaBootstrapServers, jdbcUrl, databaseUsername, databasePassword,
                storageEndpoint, storageAccessKey, storageSecretKey, storageRegion);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            map.put(KEYS.get(i), values.get(i));
        }
        return map;
    }

    public static StackConfig fromMap(Map<String, String> map) {
        List<String> missing = new ArrayList<>();
        for (String key : KEYS) {
            if (map.get(key) == null || map.get(key).isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("local stack config lacks " + missing);
        }
        return new StackConfig(map.get(KAFKA_BOOTSTRAP_SERVERS), map.get(JDBC_URL), map.get(DATABASE_USERNAME),
                map.get(DATABASE_PASSWORD), map.get(STORAGE_ENDPOINT), map.get(STORAGE_ACCESS_KEY),
                map.get(STORAGE_SECRET_KEY), map.get(STORAGE_REGION));
    }
}
