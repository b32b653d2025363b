package com.pawprint.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void generatedKeyHasSchemePrefixAndSecret() {
        ApiKeys.NewApiKey key = ApiKeys.generate();
        assertTrue(key.plaintext().matches("pp_[a-z0-9]{12}_[A-Za-z0-9_-]{43}"), key.plaintext());
        assertEquals(Optional.of(key.prefix()), ApiKeys.prefixOf(key.plaintext()));
        assertFalse(key.toString().contains(key.plaintext()), "toString must not print the secret");
    }

    @Test
    void storedHashIsNotThePlaintextAndVerifies() {
        ApiKeys.NewApiKey key = ApiKeys.generate();
        assertFalse(key.hash().contains(key.plaintext().substring(16)));
        assertEquals(64, key.hash().length());
        assertTrue(ApiKeys.matches(key.plaintext(), key.hash()));
    }

    @Test
    void otherKeysAndAlteredKeysDoNotMatch() {
        ApiKeys.NewApiKey key = ApiKeys.generate();
        ApiKeys.NewApiKey other = ApiKeys.generate();
        assertNotEquals(key.plaintext(), other.plaintext());
        assertFalse(ApiKeys.matches(other.plaintext(), key.hash()));
        String altered = key.plaintext().substring(0, key.plaintext().length() - 1)
                + (key.plaintext().endsWith("A") ? "B" : "A");
        assertFalse(ApiKeys.matches(altered, key.hash()));
        assertFalse(ApiKeys.matches(key.plaintext(), "not-hex"));
        assertFalse(ApiKeys.matches(null, key.hash()));
    }

    @Test
    void malformedKeysHaveNoPrefix() {
        assertEquals(Optional.empty(), ApiKeys.prefixOf("pp_short_secret"));
        assertEquals(Optional.empty(), ApiKeys.prefixOf("Bearer something"));
        assertEquals(Optional.empty(), ApiKeys.prefixOf(null));
    }
}
