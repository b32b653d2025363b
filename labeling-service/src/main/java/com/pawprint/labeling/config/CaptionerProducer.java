package com.pawprint.labeling.config;

import com.pawprint.labeling.service.BasicCaptioner;
import com.pawprint.labeling.service.CaptionChecks;
import com.pawprint.labeling.service.Captioner;
import com.pawprint.labeling.service.ClipCaptioner;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The captioner: CLIP when {@code pawprint.labeling.clip.model-path} names a model, else the basic one. */
public class CaptionerProducer {

    private static final Logger LOG = Logger.getLogger(CaptionerProducer.class);

    @Produces
    @Singleton
    Captioner captioner(LabelingConfig config) {
        return config.clip().modelPath().<Captioner>map(path -> {
            LOG.infof("captioning with the CLIP model at %s", path);
            return ClipCaptioner.load(path);
        }).orElseGet(() -> {
            LOG.info("no CLIP model configured (pawprint.labeling.clip.model-path): captioning with the basic "
                    + "image analysis");
            return new BasicCaptioner();
        });
    }

    @Produces
    @Singleton
    CaptionChecks captionChecks() {
        return CaptionChecks.withBundledTokenizer();
    }
}
