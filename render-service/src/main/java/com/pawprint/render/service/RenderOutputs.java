package com.pawprint.render.service;

import com.pawprint.diffusion.infotext.GenerationParameters;
import com.pawprint.imaging.JpegEncoder;
import com.pawprint.imaging.PngWriter;
import com.pawprint.imaging.ResampleFilter;
import com.pawprint.imaging.Resampler;
import com.pawprint.render.config.RenderConfig;
import com.pawprint.render.storage.RenderedImage;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.awt.image.BufferedImage;

/**
 * Stores a rendered image under the pet's keys: the PNG with its generation parameters and a web-size JPEG preview.
 * An order's renders go under {@code renders/{job}/{product}-{preset}-{n}}, an on-demand task's under
 * {@code renders/{task}/{n}}.
 */
@ApplicationScoped
public class RenderOutputs {

    private static final float PREVIEW_QUALITY = 0.85f;
    /** The PNG text keyword A1111 writes and its PNG Info reads. */
    static final String PARAMETERS = "parameters";

    private final ObjectStore store;
    private final RenderConfig config;

    public RenderOutputs(ObjectStore store, RenderConfig config) {
        this.store = store;
        this.config = config;
    }

    public RenderedImage store(ClaimedTask task, int index, long seed, BufferedImage image,
                               GenerationParameters parameters) {
        ObjectKeys.PetKeys pet = ObjectKeys.pet(task.tenantId(), task.petId().toString());
        String folder = (task.jobId() != null ? task.jobId() : task.id()).toString();
        String name = task.jobId() != null ? task.product() + "-" + task.preset() + "-" + index
                : Integer.toString(index);
        String key = pet.render(folder, name);
        String previewKey = pet.renderPreview(folder, name);
        store.put(key, PngWriter.defaults().withText(PARAMETERS, parameters.format()).encode(image), "image/png");
        BufferedImage preview = Math.max(image.getWidth(), image.getHeight()) <= config.previewSize() ? image
                : Resampler.fitLongSide(image, config.previewSize(), ResampleFilter.LANCZOS3);
        store.put(previewKey, JpegEncoder.encode(preview, PREVIEW_QUALITY), "image/jpeg");
        return new RenderedImage(index, seed, key, previewKey);
    }
}
