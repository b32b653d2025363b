package com.pawprint.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command, run as a newcomer would (minus the build, which the reactor has just done): the local
 * stack, the services and the demo story must all work from the built artifacts.
 */
class LocalRunTest {

    @Test
    void theReadmeRunCommandTellsTheWholeStory(@TempDir Path home) throws IOException, InterruptedException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path output = home.resolve("run.out");
        ProcessBuilder builder = new ProcessBuilder("bash", "deploy/local/run.sh", "--no-build", "--exit")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("PAWPRINT_HOME", home.toString());
        Process run = builder.start();
        boolean finished = run.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertTrue(finished, "the local run did not finish within 10 minutes:\n" + printed);
        assertEquals(0, run.exitValue(), printed);
        assertTrue(printed.contains("ce_type: com.pawprint.photos.ingested"), printed);
        assertTrue(printed.contains("rejected"), printed);
        assertTrue(printed.contains("ce_type: com.pawprint.lora.trained"), printed);
        assertTrue(printed.contains("mochi_v1_rank8_ep"), "the LoRA's version name: " + printed);
        assertTrue(printed.contains("ce_type: com.pawprint.renders.done"), printed);
        assertTrue(printed.contains("\"product\" : \"mug\""), "renders per product: " + printed);
        assertTrue(printed.contains("ce_type: com.pawprint.merch.ready"), printed);
        assertTrue(printed.contains("\"status\":\"succeeded\""), "the on-demand render: " + printed);
    }
}
