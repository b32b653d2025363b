package com.pawprint.training.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pawprint.training.TinyDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionCsvTest {

    @TempDir
    Path dir;

    @Test
    void readsRfc4180RowsWithOrWithoutAHeader() {
        List<CaptionRow> rows = CaptionCsv.parse("filename,prompt\n"
                + "a.png,sks cat\n"
                + "\"b,c.png\",\"sks cat, sitting, \"\"fluffy\"\"\"\n"
                + "d.png,\"two\nlines\"\n"
                + "e.png,5\" tall cat\r\n", "metadata.csv");
        assertEquals(List.of(new CaptionRow(2, "a.png", "sks cat"),
                new CaptionRow(3, "b,c.png", "sks cat, sitting, \"fluffy\""),
                new CaptionRow(4, "d.png", "two\nlines"),
                new CaptionRow(6, "e.png", "5\" tall cat")), rows);
        assertEquals(List.of(new CaptionRow(1, "x.png", "caption")), CaptionCsv.parse("\uFEFFx.png,caption",
                "m.csv"));
    }

    @Test
    void everyMalformedRowIsReportedWithItsLine() {
        DatasetException e = assertThrows(DatasetException.class, () -> CaptionCsv.parse("""
                a.png,sks cat, sitting
                ,no file
                c.png,"never closed
                """, "metadata.csv"));
        assertEquals(List.of(
                "metadata.csv line 1: expected 2 fields (filename,prompt), found 3 (quote captions that contain commas)",
                "metadata.csv line 2: the file name is empty",
                "metadata.csv line 3: a quoted field that never ends"), e.problems());
    }

    @Test
    void datasetRowsNamingMissingOrOutsideFilesAreRefusedByLine() throws Exception {
        Path folder = TinyDatasets.catFolder(dir.resolve("cats"), 2);
        Files.writeString(folder.resolve("metadata.csv"), """
                filename,prompt
                cat_00.png,sks cat
                missing.png,sks cat
                ../secret.png,sks cat
                """);
        Files.writeString(dir.resolve("secret.png"), "not an image");
        Files.writeString(folder.resolve("broken.png"), "not an image");
        Files.writeString(folder.resolve("metadata2.csv"), "broken.png,sks cat\n");
        DatasetException missing = assertThrows(DatasetException.class,
                () -> TrainingDataset.read(folder, folder.resolve("metadata.csv"), null, null));
        assertEquals(List.of("metadata.csv line 3: 'missing.png' does not exist in " + folder,
                "metadata.csv line 4: '../secret.png' is outside train_data_dir"), missing.problems());
        DatasetException broken = assertThrows(DatasetException.class,
                () -> TrainingDataset.read(folder, folder.resolve("metadata2.csv"), null, null));
        assertTrue(broken.problems().get(0).startsWith("metadata2.csv line 1: broken.png is not a usable image"),
                broken.getMessage());
    }

    @Test
    void captionFilesBesideImagesWorkWithoutACsvAndAnEmptyFolderIsRefused() throws Exception {
        Path folder = TinyDatasets.catFolder(dir.resolve("cats"), 2);
        Files.delete(folder.resolve("metadata.csv"));
        Files.writeString(folder.resolve("cat_00.txt"), "sks cat, from a txt\n");
        DatasetException uncaptioned = assertThrows(DatasetException.class,
                () -> TrainingDataset.read(folder, null, null, null));
        assertEquals(List.of("cat_01.png has no caption: write cat_01.txt or give metadata_path"),
                uncaptioned.problems());
        Files.writeString(folder.resolve("cat_01.txt"), "sks cat");
        TrainingDataset dataset = TrainingDataset.read(folder, null, null, null);
        assertEquals("sks cat, from a txt", dataset.training().get(0).caption());
        assertEquals(256, dataset.training().get(0).width(), "sizes come from the header");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        DatasetException none = assertThrows(DatasetException.class, () -> TrainingDataset.read(empty, null, null,
                null));
        assertEquals(List.of("the dataset in " + empty + " has no usable image"), none.problems());
    }

    @Test
    void validationSplitHoldsOutPhotosByTheSeedAndTagsAreCounted() {
        Path folder = TinyDatasets.catFolder(dir.resolve("cats"), 5);
        TrainingDataset dataset = TrainingDataset.read(folder, folder.resolve("metadata.csv"), null, null);
        TrainingDataset split = dataset.withValidationSplit(0.2, 3);
        assertEquals(4, split.training().size());
        assertEquals(1, split.validation().size());
        assertEquals(split.validation(), dataset.withValidationSplit(0.2, 3).validation());
        assertEquals(5, dataset.tagFrequency().get("cats").get("sks cat"));
        assertEquals(3, dataset.tagFrequency().get("cats").get("sitting"));
    }
}
