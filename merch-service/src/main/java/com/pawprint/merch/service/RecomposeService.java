package com.pawprint.merch.service;

import com.pawprint.merch.catalog.BackgroundPolicy;
import com.pawprint.merch.catalog.Catalog;
import com.pawprint.merch.catalog.Placement;
import com.pawprint.merch.catalog.Product;
import com.pawprint.merch.catalog.Variant;
import com.pawprint.merch.compose.CompositionException;
import com.pawprint.merch.compose.DesignPlacement;
import com.pawprint.merch.compose.PrintComposer;
import com.pawprint.merch.storage.MerchJob;
import com.pawprint.merch.storage.RecomposeTask;
import com.pawprint.merch.storage.TaskStatus;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.tenancy.LogContext;
import com.pawprint.tenancy.TenantContext;
import com.pawprint.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * Re-compose tasks, the way Printful's mockup generator works: the request is checked at once (unknown product,
 * variant or placement, a design reaching outside the print area: 422), then the task is pending until a worker
 * has composed it, and ends completed with its files or failed with the reason.
 */
@ApplicationScoped
public class RecomposeService {

    private static final Logger LOG = Logger.getLogger(RecomposeService.class);

    private final Catalog catalog;
    private final TenantContext tenant;
    private final DesignLoader designs;
    private final ProductComposer composer;
    private final ExecutorService executor;
    private final Clock clock = Clock.systemUTC();

    public RecomposeService(Catalog catalog, TenantContext tenant, DesignLoader designs, ProductComposer composer,
                            @Named("recompose") ExecutorService executor) {
        this.catalog = catalog;
        this.tenant = tenant;
        this.designs = designs;
        this.composer = composer;
        this.executor = executor;
    }

    /** Records a pending task for the caller's job; {@link #start} runs it once this transaction has committed. */
    @Transactional
    public RecomposeTask create(UUID jobId, RecomposeRequest request) {
        MerchJob job = tenant.requireOwned(MerchJob.<MerchJob>findById(jobId), owned -> owned.tenantId, "job", jobId);
        if (request == null || request.product() == null) {
            throw ProblemException.unprocessableField("product", "product is required");
        }
        Product product = catalog.product(request.product()).orElseThrow(() ->
                ProblemException.unprocessableField("product", "unknown product '" + request.product() + "'"));
        Variant variant = request.variant() == null ? product.defaultVariant()
                : product.variant(request.variant()).orElseThrow(() -> ProblemException.unprocessableField(
                        "variant", "product " + product.id() + " has no variant '" + request.variant() + "'"));
        Placement placement = request.placement() == null ? product.placements().get(0)
                : product.placement(request.placement()).orElseThrow(() -> ProblemException.unprocessableField(
                        "placement", "product " + product.id() + " has no placement '" + request.placement() + "'"));
        DesignPlacement where = designPlacement(request);
        try {
            ProductDesign design = ProductDesign.of(job, product.id());
            PrintComposer.checkInside(placement, design.width(), design.height(), where);
        } catch (CompositionException e) {
            throw ProblemException.unprocessable("placement-outside-print-area", e.getMessage());
        }
        RecomposeTask task = new RecomposeTask();
        task.id = UUID.randomUUID();
        task.jobId = jobId;
        task.tenantId = job.tenantId;
        task.product = product.id();
        task.variant = variant.id();
        task.placement = placement.id();
        task.centreX = where.centreXInches();
        task.centreY = where.centreYInches();
        task.scale = where.scale();
        task.rotation = where.rotationDegrees();
        task.background = request.background() == null ? placement.background() : request.background();
        task.status = TaskStatus.PENDING;
        task.createdAt = clock.instant();
        task.persist();
        return task;
    }

    public void start(UUID taskId) {
        executor.submit(() -> run(taskId));
    }

    /** The caller's task of the caller's job, or 404. */
    @Transactional
    public RecomposeTask find(UUID jobId, UUID taskId) {
        RecomposeTask task = RecomposeTask.findById(taskId);
        if (task != null && !task.jobId.equals(jobId)) {
            task = null;
        }
        return tenant.requireOwned(task, owned -> owned.tenantId, "task", taskId);
    }

    private static DesignPlacement designPlacement(RecomposeRequest request) {
        try {
            return new DesignPlacement(request.centreXInches(), request.centreYInches(),
                    request.scale() == null ? 1.0 : request.scale(),
                    request.rotationDegrees() == null ? 0.0 : request.rotationDegrees());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessableField(e.getMessage().startsWith("scale") ? "scale" : "rotationDegrees",
                    e.getMessage());
        }
    }

    private void run(UUID taskId) {
        RecomposeTask task = QuarkusTransaction.requiringNew().call(() -> RecomposeTask.findById(taskId));
        MerchJob job = QuarkusTransaction.requiringNew().call(() -> MerchJob.findById(task.jobId));
        try (LogContext.Scope ignored = LogContext.open(task.tenantId, task.jobId.toString())) {
            ComposedProduct made;
            try {
                made = compose(task, job);
            } catch (CompositionException e) {
                finish(taskId, null, e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "re-compose task %s failed", taskId);
                finish(taskId, null, "composition failed unexpectedly; try again later");
                return;
            }
            finish(taskId, made, null);
        }
    }

    private ComposedProduct compose(RecomposeTask task, MerchJob job) {
        Product product = catalog.product(task.product).orElseThrow();
        String designKey = QuarkusTransaction.requiringNew().call(() -> ProductDesign.of(job, product.id()).key());
        BufferedImage design = designs.load(designKey);
        Variant variant = product.variant(task.variant).orElseThrow();
        Placement placement = product.placement(task.placement).orElseThrow();
        DesignPlacement where = new DesignPlacement(task.centreX, task.centreY, task.scale, task.rotation);
        ObjectKeys.PetKeys keys = ObjectKeys.pet(job.tenantId, job.petId.toString());
        String jobId = job.jobId.toString();
        BackgroundPolicy background = task.background;
        return composer.compose(design, product, variant, placement, where, background,
                name -> keys.merchFile(jobId, "tasks/" + task.id + "/" + name));
    }

    private void finish(UUID taskId, ComposedProduct made, String failure) {
        QuarkusTransaction.requiringNew().run(() -> {
            RecomposeTask task = RecomposeTask.findById(taskId);
            task.finishedAt = clock.instant();
            if (made == null) {
                task.status = TaskStatus.FAILED;
                task.failureReason = failure;
                return;
            }
            task.status = TaskStatus.COMPLETED;
            task.printFileKey = made.printFileKey();
            task.cutLineKey = made.cutLineKey();
            task.mockupKey = made.mockupKey();
            task.thumbnailKey = made.thumbnailKey();
            task.warnings = String.join("\n", made.warnings());
        });
    }
}
