package com.pawprint.ingest.config;

import com.pawprint.imaging.DecodeLimits;
import com.pawprint.imaging.QualityGate;
import com.pawprint.imaging.QualityGateConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class QualityGateProducer {

    @Produces
    @Singleton
    QualityGate qualityGate(IngestConfig config) {
        IngestConfig.Quality quality = config.quality();
        return new QualityGate(QualityGateConfig.defaults()
                .withMinShortSide(quality.minShortSide())
                .withMinSharpness(quality.minSharpness())
                .withMaxDuplicateDistance(quality.maxDuplicateDistance())
                .withLimits(new DecodeLimits(config.upload().maxFileBytes().asLongValue(), quality.maxPixels())));
    }
}
