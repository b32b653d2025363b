package com.pawprint.ingest.service;

import java.net.UnknownHostException;
import java.net.InetAddress;
import java.util.List;

/** What a webhook target's host name resolves to, asked afresh at registration and before every delivery. */
public interface HostResolver {

    /** @throws UnknownHostException when the name does not resolve */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
