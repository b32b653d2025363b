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
import com.pawprint.storage.ForeignKeyException;
import com.pawprint.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Composes every catalogue product (default variant, every placement) of a job, each from its own design: the first
 * readable render made for that product, else the first readable render made for no product in particular (events
 * from before render-service rendered per product). A product without a design, or one its design cannot make, is
 * a problem line, and the others still go on.
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

    /** A render read for composing. */
    private record Design(Render render, BufferedImage image) {
    }

    /** A composed product and the design it was composed from. */
    private record Composed(ComposedProduct product, Design design) {
    }

    /** Composes the job's products and records them; call within the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public JobOutcome compose(RendersDone event) {
        EventMetadata metadata = event.metadata();
        List<String> problems = new ArrayList<>();
        if (event.renders().isEmpty()) {
            problems.add("the event lists no render");
            return new JobOutcome(List.of(), problems);
        }
        Map<String, Optional<Design>> loaded = new HashMap<>();
        ObjectKeys.PetKeys keys = ObjectKeys.pet(metadata.tenantId(), metadata.petId().toString());
        String jobId = metadata.jobId().toString();
        List<Composed> products = new ArrayList<>();
        Design first = null;
        // An event naming an image that is not one of this job's renders is not trusted with any of them.
        String ownRenders = keys.renderPrefix(jobId);
        try {
            for (Render render : event.renders()) {
                ObjectKeys.requireUnder(ownRenders, "render", render.key());
                if (render.previewKey() != null) {
                    ObjectKeys.requireUnder(ownRenders, "render preview", render.previewKey());
                }
            }
        } catch (ForeignKeyException e) {
            problems.add(e.getMessage());
            return new JobOutcome(List.of(), problems);
        }
        for (Product product : catalog.products()) {
            Optional<Design> design = designFor(product, event.renders(), loaded, problems);
            if (design.isEmpty()) {
                boolean made = event.renders().stream().anyMatch(render -> render.product() == null
                        || product.id().equals(render.product()));
                problems.add(product.id() + ": " + (made ? "no render made for it could be read"
                        : "no render was made for it"));
                continue;
            }
            first = first == null ? design.get() : first;
            for (Placement placement : product.placements()) {
                try {
                    products.add(new Composed(composer.compose(design.get().image(), product,
                            product.defaultVariant(), placement, DesignPlacement.FIT, placement.background(),
                            name -> keys.merchFile(jobId, name)), design.get()));
                } catch (CompositionException e) {
                    problems.add(product.id() + "/" + placement.id() + ": " + e.getMessage());
                }
            }
        }
        if (products.isEmpty()) {
            problems.add(first == null ? "no render could be read" : "every render is too small for any product");
            return new JobOutcome(List.of(), problems);
        }
        record(metadata, first.render().key(), first.image(), products);
        LOG.infof("composed %d products for job %s from %d renders", products.size(), jobId,
                products.stream().map(made -> made.design().render().key()).distinct().count());
        return new JobOutcome(products.stream().map(Composed::product).toList(), problems);
    }

    private Optional<Design> designFor(Product product, List<Render> renders, Map<String, Optional<Design>> loaded,
                                       List<String> problems) {
        List<Render> candidates = new ArrayList<>();
        renders.stream().filter(render -> product.id().equals(render.product())).forEach(candidates::add);
        renders.stream().filter(render -> render.product() == null).forEach(candidates::add);
        for (Render render : candidates) {
            Optional<Design> design = loaded.computeIfAbsent(render.key(), key -> {
                try {
                    return Optional.of(new Design(render, designs.load(key)));
                } catch (CompositionException e) {
                    problems.add(e.getMessage());
                    return Optional.empty();
                }
            });
            if (design.isPresent()) {
                return design;
            }
        }
        return Optional.empty();
    }

    private void record(EventMetadata metadata, String designKey, BufferedImage design,
                        List<Composed> products) {
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
        for (Composed made : products) {
            ComposedProduct composed = made.product();
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
            item.designKey = made.design().render().key();
            item.designWidth = made.design().image().getWidth();
            item.designHeight = made.design().image().getHeight();
            item.warnings = String.join("\n", composed.warnings());
            item.createdAt = clock.instant();
            item.persist();
        }
    }
}
