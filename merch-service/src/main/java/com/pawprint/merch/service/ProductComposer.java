package com.pawprint.merch.service;

import com.pawprint.imaging.JpegEncoder;
import com.pawprint.imaging.ResampleFilter;
import com.pawprint.imaging.Resampler;
import com.pawprint.merch.catalog.BackgroundPolicy;
import com.pawprint.merch.catalog.FileFormat;
import com.pawprint.merch.catalog.Placement;
import com.pawprint.merch.catalog.Product;
import com.pawprint.merch.catalog.Variant;
import com.pawprint.merch.compose.Argb;
import com.pawprint.merch.compose.DesignPlacement;
import com.pawprint.merch.compose.MockupPainter;
import com.pawprint.merch.compose.PrintComposer;
import com.pawprint.merch.compose.PrintFiles;
import com.pawprint.merch.compose.PrintImage;
import com.pawprint.merch.config.MerchConfig;
import com.pawprint.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.awt.image.BufferedImage;
import java.util.function.UnaryOperator;

/**
 * Composes one product variant and placement from a design and stores its files: the print file (PNG, JPEG or PDF
 * as the placement says), the sticker's cut line, the mockup JPEG at web size and its thumbnail.
 */
@ApplicationScoped
public class ProductComposer {

    private static final float PREVIEW_QUALITY = 0.88f;

    private final PrintComposer printComposer;
    private final ObjectStore store;
    private final MerchConfig config;

    public ProductComposer(PrintComposer printComposer, ObjectStore store, MerchConfig config) {
        this.printComposer = printComposer;
        this.store = store;
        this.config = config;
    }

    /**
     * @param fileKey turns a file name ("tshirt-front.png") into its key in the bucket
     * @throws com.pawprint.merch.compose.CompositionException when the design cannot make this product
     */
    public ComposedProduct compose(BufferedImage design, Product product, Variant variant, Placement placement,
                                   DesignPlacement where, BackgroundPolicy background,
                                   UnaryOperator<String> fileKey) {
        PrintImage print = printComposer.compose(design, placement, where, background);
        String stem = product.id() + "-" + placement.id();
        FileFormat format = placement.format();
        String printFileKey = fileKey.apply(stem + "." + format.extension());
        store.put(printFileKey, encode(print, placement), format.mediaType());
        String cutLineKey = null;
        if (print.cutLine() != null) {
            cutLineKey = fileKey.apply(stem + "-cutline.png");
            store.put(cutLineKey, PrintFiles.png(print.cutLine(), placement.dpi()), "image/png");
        }
        BufferedImage mockup = MockupPainter.paint(product.mockup(), variant.rgb(), print, placement,
                config.mockupSize());
        String mockupKey = fileKey.apply(product.id() + "-" + variant.id() + "-mockup.jpg");
        store.put(mockupKey, JpegEncoder.encode(mockup, PREVIEW_QUALITY), "image/jpeg");
        BufferedImage thumbnail = Resampler.fitLongSide(mockup, config.thumbnailSize(), ResampleFilter.LANCZOS3);
        String thumbnailKey = fileKey.apply(product.id() + "-" + variant.id() + "-thumb.jpg");
        store.put(thumbnailKey, JpegEncoder.encode(thumbnail, PREVIEW_QUALITY), "image/jpeg");
        return new ComposedProduct(product.id(), variant.id(), placement.id(), printFileKey, cutLineKey, mockupKey,
                thumbnailKey, print.warnings());
    }

    private static byte[] encode(PrintImage print, Placement placement) {
        return switch (placement.format()) {
            case PNG -> PrintFiles.png(print.image(), placement.dpi());
            case JPEG -> PrintFiles.jpeg(Argb.onWhite(print.image()), placement.dpi());
            case PDF -> PrintFiles.pdf(Argb.onWhite(print.image()), placement.widthInches(), placement.heightInches(),
                    placement.bleedInches(), placement.safeInches());
        };
    }
}
