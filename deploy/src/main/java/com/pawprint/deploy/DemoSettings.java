package com.pawprint.deploy;

/** Where the demo finds the running services; the defaults are the local run's fixed ports. */
record DemoSettings(String ingestUrl, String renderUrl, String kafkaBootstrap, String adminToken, int photoCount) {

    static DemoSettings fromArgs(String[] args) {
        String ingestUrl = "http://localhost:8081";
        String renderUrl = "http://localhost:8084";
        String kafka = "localhost:9092";
        String adminToken = System.getenv().getOrDefault("PAWPRINT_AUTH_ADMIN_TOKEN", "");
        int photos = 24;
        for (String arg : args) {
            if (arg.startsWith("--ingest=")) {
                ingestUrl = arg.substring("--ingest=".length());
            } else if (arg.startsWith("--render=")) {
                renderUrl = arg.substring("--render=".length());
            } else if (arg.startsWith("--kafka=")) {
                kafka = arg.substring("--kafka=".length());
            } else if (arg.startsWith("--admin-token=")) {
                adminToken = arg.substring("--admin-token=".length());
            } else if (arg.startsWith("--photos=")) {
                photos = Integer.parseInt(arg.substring("--photos=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + " (known: --ingest=URL --render=URL --kafka=HOST:PORT --admin-token=TOKEN --photos=N)");
            }
        }
        if (adminToken.isBlank()) {
            throw new IllegalArgumentException("the admin token is missing: set PAWPRINT_AUTH_ADMIN_TOKEN or pass --admin-token=");
        }
        return new DemoSettings(ingestUrl, renderUrl, kafka, adminToken, photos);
    }
}
