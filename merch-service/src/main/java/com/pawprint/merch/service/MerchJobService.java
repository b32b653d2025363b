package com.pawprint.merch.service;

import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.Render;
import com.pawprint.contracts.RendersDone;
import com.pawprint.merch.catalog.Catalog;
import com.pawprint.merch.catalog.Placement;
import com.pawprint.merch.catalog.Product;
import com.pawprint.merch.compose.CompositionException;
import com.pawprint.merch.compose.DesignPlacement;
import com.pawprint.merch.storage.MerchItem;
import com.pawprint.merch.storage.MerchJob;
import com.pawprint.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Composes every catalogue product (default variant, every placement) of a job from its design: the first render
 * of the event that can be read. A product the design cannot make is a problem line, and the others still go on.
 */
@ApplicationScoped
public class MerchJobService {

    private static final Logger LOG = Logger.getLogger(MerchJobService.class);

    private final Catalog catalog;
    private final DesignLoader designs;
    private final ProductComposer composer;
    private final Clock clock;

    public MerchJobService(Catalog catalog, DesignLoader designs, ProductComposer composer) {
        this.catalog = catalog;
        this.designs = designs;
        this.composer = composer;
        this.clock = Clock.systemUTC();
    }

    /** Composes the job's products and records them; call within the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public JobOutcome compose(RendersDone event) {
        EventMetadata metadata = event.metadata();
        List<String> problems = new ArrayList<>();
        Render chosen = null;
        BufferedImage design = null;
        for (Render render : event.renders()) {
            try {
                design = designs.load(render.key());
                chosen = render;
                break;
            } catch (CompositionException e) {
                problems.add(e.getMessage());
            }
        }
        if (design == null) {
            problems.add(event.renders().isEmpty() ? "the event lists no render" : "no render could be read");
            return new JobOutcome(List.of(), problems);
        }
        ObjectKeys.PetKeys keys = ObjectKeys.pet(metadata.tenantId(), metadata.petId().toString());
        String jobId = metadata.jobId().toString();
        List<ComposedProduct> products = new ArrayList<>();
        for (Product product : catalog.products()) {
            for (Placement placement : product.placements()) {
                try {
                    products.add(composer.compose(design, product, product.defaultVariant(), placement,
                            DesignPlacement.FIT, placement.background(), name -> keys.merchFile(jobId, name)));
                } catch (CompositionException e) {
                    problems.add(product.id() + "/" + placement.id() + ": " + e.getMessage());
                }
            }
        }
        if (products.isEmpty()) {
            problems.add("render " + chosen.renderId() + " is too small for any product");
            return new JobOutcome(List.of(), problems);
        }
        record(metadata, chosen.key(), design, products);
        LOG.infof("composed %d products for job %s from render %s", products.size(), jobId, chosen.renderId());
        return new JobOutcome(products, problems);
    }

    private void record(EventMetadata metadata, String designKey, BufferedImage design,
                        List<ComposedProduct> products) {
        MerchJob job = MerchJob.findById(metadata.jobId());
        if (job == null) {
            job = new MerchJob();
            job.jobId = metadata.jobId();
            job.tenantId = metadata.tenantId();
            job.petId = metadata.petId();
            job.createdAt = clock.instant();
        } else {
            MerchItem.delete("jobId", job.jobId);
        }
        job.designKey = designKey;
        job.designWidth = design.getWidth();
        job.designHeight = design.getHeight();
        job.persist();
        for (ComposedProduct composed : products) {
            MerchItem item = new MerchItem();
            item.id = UUID.randomUUID();
            item.jobId = metadata.jobId();
            item.product = composed.product();
            item.variant = composed.variant();
            item.placement = composed.placement();
            item.printFileKey = composed.printFileKey();
            item.cutLineKey = composed.cutLineKey();
            item.mockupKey = composed.mockupKey();
            item.thumbnailKey = composed.thumbnailKey();
            item.warnings = String.join("\n", composed.warnings());
            item.createdAt = clock.instant();
            item.persist();
        }
    }
}
