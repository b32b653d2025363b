package com.pawprint.ingest.service;

import com.pawprint.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which URLs a tenant's webhooks may call. A webhook is a request our network makes on a tenant's behalf, so it may
 * only go to public addresses over https: a target that resolves to a loopback, link-local (the cloud metadata
 * service), private, unique-local, multicast or otherwise reserved address is refused, at registration and again
 * before every delivery, because the name's answer can change in between. Hosts the operator lists as trusted
 * (an internal relay, the local run's receiver) skip both rules.
 */
@ApplicationScoped
public class WebhookTargets {

    private final HostResolver resolver;
    private final Set<String> trustedHosts;

    public WebhookTargets(HostResolver resolver, IngestConfig config) {
        this.resolver = resolver;
        this.trustedHosts = config.webhooks().trustedHosts().orElse(Set.of());
    }

    /** Why {@code target} may not be called, or empty when it may. */
    public Optional<String> refusal(URI target) {
        String host = hostOf(target);
        if (trustedHosts.contains(host)) {
            return Optional.empty();
        }
        if (!"https".equalsIgnoreCase(target.getScheme())) {
            return Optional.of("url must use https");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("url's host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> forbidden = forbiddenClass(address);
            if (forbidden.isPresent()) {
                return Optional.of("url's host " + host + " resolves to " + address.getHostAddress() + ", a "
                        + forbidden.get() + " address; webhooks may only call public addresses");
            }
        }
        return Optional.empty();
    }

    /** The class of a non-public address, or empty for a public one. */
    static Optional<String> forbiddenClass(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            Optional<Inet4Address> embedded = embeddedIpv4(v6.getAddress());
            if (embedded.isPresent()) {
                return forbiddenClass(embedded.get());
            }
            if ((v6.getAddress()[0] & 0xfe) == 0xfc) {
                return Optional.of("unique-local");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local (cloud metadata)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address v4) {
            return reservedIpv4(v4.getAddress());
        }
        return Optional.empty();
    }

    /** IPv4 ranges that Java's predicates leave out: this network, shared (CGNAT), IETF, benchmarking, class E. */
    private static Optional<String> reservedIpv4(byte[] a) {
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        boolean reserved = first == 0
                || (first == 100 && second >= 64 && second <= 127)
                || (first == 192 && second == 0 && (a[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19))
                || first >= 240;
        return reserved ? Optional.of("reserved") : Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) IPv6 address. */
    private static Optional<Inet4Address> embeddedIpv4(byte[] b) {
        byte[] v4 = null;
        if (allZero(b, 0, 12)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            v4 = Arrays.copyOfRange(b, 2, 6);
        }
        if (v4 == null || allZero(b, 0, 15) && (b[15] == 0 || b[15] == 1)) {
            return Optional.empty(); // :: and ::1 are Inet6's own unspecified and loopback
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(v4));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four bytes always make an IPv4 address", impossible);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String hostOf(URI target) {
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
