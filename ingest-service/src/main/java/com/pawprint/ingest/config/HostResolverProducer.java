package com.pawprint.ingest.config;

import com.pawprint.ingest.service.HostResolver;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.net.InetAddress;
import java.util.List;

/** The system resolver; tests that must control DNS (a name that changes its answer) provide their own bean. */
public class HostResolverProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    HostResolver systemResolver() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
