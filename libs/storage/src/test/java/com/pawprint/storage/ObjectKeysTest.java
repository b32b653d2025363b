package com.pawprint.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

    static final String TENANT = "7f9c2a4e-1b3d-4e5f-8a6b-0c1d2e3f4a5b";
    static final String PET = "pet-1";
    static final ObjectKeys.PetKeys KEYS = ObjectKeys.pet(TENANT, PET);
    static final String PREFIX = "tenants/" + TENANT + "/pets/pet-1/";

    @Test
    void petKeysFollowTheLayout() {
        assertEquals("tenants/" + TENANT + "/", ObjectKeys.tenantPrefix(TENANT));
        assertEquals(PREFIX, KEYS.prefix());
        assertEquals(PREFIX + "photos/ph1/", KEYS.photoPrefix("ph1"));
        assertEquals(PREFIX + "photos/ph1/original", KEYS.photoOriginal("ph1"));
        assertEquals(PREFIX + "photos/ph1/normalized", KEYS.photoNormalized("ph1"));
        assertEquals(PREFIX + "photos/ph1/thumbnail", KEYS.photoThumbnail("ph1"));
        assertEquals(PREFIX + "datasets/job1/", KEYS.datasetPrefix("job1"));
        assertEquals(PREFIX + "datasets/job1/images/ph1.jpg", KEYS.datasetImage("job1", "ph1"));
        assertEquals(PREFIX + "datasets/job1/metadata.csv", KEYS.datasetMetadata("job1"));
        assertEquals(PREFIX + "datasets/job1/captions/ph1.txt", KEYS.datasetCaption("job1", "ph1"));
        assertEquals(PREFIX + "loras/v1/", KEYS.loraPrefix("v1"));
        assertEquals(PREFIX + "loras/MyCat_v2_rank16_ep10/", KEYS.loraPrefix("MyCat_v2_rank16_ep10"));
        assertThrows(InvalidKeyException.class, () -> KEYS.loraPrefix("../v1"));
        assertThrows(InvalidKeyException.class, () -> KEYS.loraPrefix("_v1"));
        assertThrows(InvalidKeyException.class, () -> KEYS.loraPrefix("a/b"));
        assertEquals(PREFIX + "loras/v1/checkpoints/step-000500.safetensors",
                KEYS.loraFile("v1", "checkpoints/step-000500.safetensors"));
        assertEquals(PREFIX + "renders/job1/", KEYS.renderPrefix("job1"));
        assertEquals(PREFIX + "renders/job1/r1.png", KEYS.render("job1", "r1"));
        assertEquals(PREFIX + "merch/job1/", KEYS.merchPrefix("job1"));
        assertEquals(PREFIX + "merch/job1/mug/print.pdf", KEYS.merchFile("job1", "mug/print.pdf"));
    }

    @Test
    void everyPetKeyLiesUnderThePetPrefix() {
        for (String key : new String[] {KEYS.photoOriginal("a"), KEYS.datasetMetadata("j"), KEYS.loraFile("v", "x"),
                KEYS.render("j", "r"), KEYS.merchFile("j", "m")}) {
            assertTrue(key.startsWith(KEYS.prefix()), key);
        }
    }

    @Test
    void aKeyAnEventNamesIsAcceptedOnlyUnderItsOwnPrefix() {
        assertEquals(KEYS.render("j", "r"), KEYS.requireOwn("render", KEYS.render("j", "r")));
        assertEquals(PREFIX + "regularization/", KEYS.requireOwn("reg_data_dir", PREFIX + "regularization/"));
        String otherPet = ObjectKeys.pet(TENANT, "pet-2").render("j", "r");
        for (String foreign : new String[] {otherPet, PREFIX + "../pet-2/renders/j/r.png", PREFIX + "a//b",
                PREFIX + "./a", PREFIX + "a\\..\\b", PREFIX + "a\u0000b", "tenants/" + TENANT + "/pets/pet-1",
                PREFIX + "x".repeat(1024)}) {
            ForeignKeyException error = assertThrows(ForeignKeyException.class,
                    () -> KEYS.requireOwn("render", foreign), foreign);
            assertTrue(error.getMessage().startsWith("render '") && error.getMessage().endsWith(
                    "' does not lie under " + PREFIX), error.getMessage());
        }
        assertThrows(ForeignKeyException.class, () -> KEYS.requireOwn("render", null));
    }

    @Test
    void modelKeys() {
        assertEquals("models/sd15/", ObjectKeys.modelPrefix("sd15"));
        assertEquals("models/sd15/unet/diffusion_pytorch_model.safetensors",
                ObjectKeys.modelFile("sd15", "unet/diffusion_pytorch_model.safetensors"));
    }

    @Test
    void uuidsAreLowercasedSoOneIdGivesOneKey() {
        assertEquals(ObjectKeys.tenantPrefix(TENANT), ObjectKeys.tenantPrefix(TENANT.toUpperCase()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"..", "../other-tenant", "a/b", "a\\b", "Rex", "rex.jpg", " rex", "-rex", "_rex",
            "rex\n", "%2e%2e", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void invalidIdsAreRejected(String id) {
        assertThrows(InvalidKeyException.class, () -> ObjectKeys.pet(TENANT, id));
        assertThrows(InvalidKeyException.class, () -> ObjectKeys.tenantPrefix(id));
        assertThrows(InvalidKeyException.class, () -> KEYS.photoOriginal(id));
        assertThrows(InvalidKeyException.class, () -> ObjectKeys.modelPrefix(id));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../../other/photo.jpg", "/etc/passwd", "a//b", "a/../b", "./a", "dir/", "my photo.jpg",
            "..", ".hidden", "C:\\x.png", "a\u0000b"})
    void userFileNamesNeverBecomeKeys(String fileName) {
        assertThrows(InvalidKeyException.class, () -> KEYS.loraFile("v1", fileName));
        assertThrows(InvalidKeyException.class, () -> KEYS.merchFile("job1", fileName));
        assertThrows(InvalidKeyException.class, () -> ObjectKeys.modelFile("sd15", fileName));
    }
}
