package com.pawprint.storage;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Creates the bucket when the service starts. An unreachable server does not stop the service: the readiness
 * check keeps it out of traffic and creates the bucket once the server answers.
 */
@ApplicationScoped
public class BucketInitializer {

    private static final Logger LOG = Logger.getLogger(BucketInitializer.class);

    void onStart(@Observes StartupEvent event, MinioObjectStore store) {
        try {
            store.ensureBucket();
            LOG.infof("Bucket %s ready", store.bucket());
        } catch (StorageException e) {
            LOG.warnf("Bucket %s not ready at start-up, readiness will retry: %s", store.bucket(), e.getMessage());
        }
    }
}
