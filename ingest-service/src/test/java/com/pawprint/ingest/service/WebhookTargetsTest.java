package com.pawprint.ingest.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTargetsTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.1.2.3, loopback", "::1, loopback",
            "169.254.169.254, link-local (cloud metadata)", "fe80::1, link-local (cloud metadata)",
            "10.0.0.5, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
            "fd00::1, unique-local", "fc00::1, unique-local", "fd00:ec2::254, unique-local",
            "224.0.0.1, multicast", "ff02::1, multicast",
            "0.0.0.0, unspecified", "::, unspecified",
            "100.64.0.1, reserved", "100.100.100.200, reserved", "198.18.0.1, reserved", "255.255.255.255, reserved",
            "::ffff:10.0.0.1, private", "::ffff:169.254.169.254, link-local (cloud metadata)",
            "64:ff9b::7f00:1, loopback", "2002:a9fe:a9fe::, link-local (cloud metadata)", "::127.0.0.1, loopback"})
    void nonPublicAddressesAreNamedByTheirClass(String address, String expected) throws Exception {
        assertThat(WebhookTargets.forbiddenClass(InetAddress.getByName(address))).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "64:ff9b::808:808", "2002:808:808::"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(WebhookTargets.forbiddenClass(InetAddress.getByName(address))).isEmpty();
    }
}
