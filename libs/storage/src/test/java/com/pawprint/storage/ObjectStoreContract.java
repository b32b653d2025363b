package com.pawprint.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link ObjectStore} shares; each implementation's test extends it. */
abstract class ObjectStoreContract {

    abstract ObjectStore store();

    /** A fresh pet per test so that tests sharing one server never see each other's objects. */
    final ObjectKeys.PetKeys pet = ObjectKeys.pet(UUID.randomUUID().toString(), UUID.randomUUID().toString());

    @Test
    void putThenGetAndStat() {
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        store().put(pet.photoOriginal("p1"), data, "image/jpeg");
        assertArrayEquals(data, store().get(pet.photoOriginal("p1")));
        ObjectInfo info = store().stat(pet.photoOriginal("p1")).orElseThrow();
        assertEquals(5, info.size());
        assertEquals("image/jpeg", info.contentType());
        assertTrue(store().exists(pet.photoOriginal("p1")));
    }

    @Test
    void streamOfUnknownLengthIsStored() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        store().put(pet.datasetImage("j1", "p1"), new ByteArrayInputStream(data), -1, "image/jpeg");
        try (var in = store().open(pet.datasetImage("j1", "p1"))) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void missingObjectIsNotFound() {
        String key = pet.photoOriginal("nope");
        assertFalse(store().exists(key));
        assertTrue(store().stat(key).isEmpty());
        assertEquals(key, assertThrows(ObjectNotFoundException.class, () -> store().get(key)).key());
        store().delete(key);
    }

    @Test
    void listAndDeleteByPrefixStayWithinThePrefix() {
        ObjectKeys.PetKeys neighbour = ObjectKeys.pet(UUID.randomUUID().toString(), "p");
        store().put(pet.photoOriginal("a"), new byte[] {1}, "image/png");
        store().put(pet.photoNormalized("a"), new byte[] {2}, "image/png");
        store().put(pet.datasetMetadata("j"), new byte[] {3}, "text/csv");
        store().put(neighbour.photoOriginal("a"), new byte[] {4}, "image/png");

        assertEquals(List.of(pet.photoNormalized("a"), pet.photoOriginal("a")),
                store().list(pet.photoPrefix("a")).stream().map(ObjectInfo::key).toList());
        assertEquals(3, store().list(pet.prefix()).size());

        assertEquals(3, store().deletePrefix(pet.prefix()));
        assertTrue(store().list(pet.prefix()).isEmpty());
        assertTrue(store().exists(neighbour.photoOriginal("a")));
        store().deletePrefix(neighbour.prefix());
    }

    @Test
    void prefixesMustEndInSlash() {
        String unterminated = pet.prefix().substring(0, pet.prefix().length() - 1);
        assertThrows(InvalidKeyException.class, () -> store().list(unterminated));
        assertThrows(InvalidKeyException.class, () -> store().deletePrefix(unterminated));
        assertThrows(InvalidKeyException.class, () -> store().deletePrefix(""));
    }

    @Test
    void deleteRemovesOneObject() {
        store().put(pet.render("j", "r1"), new byte[] {1}, "image/png");
        store().put(pet.render("j", "r2"), new byte[] {2}, "image/png");
        store().delete(pet.render("j", "r1"));
        assertFalse(store().exists(pet.render("j", "r1")));
        assertTrue(store().exists(pet.render("j", "r2")));
    }
}
