package com.pawprint.merch.service;

import com.pawprint.imaging.DecodedImage;
import com.pawprint.imaging.Outcome;
import com.pawprint.imaging.SafeDecoder;
import com.pawprint.imaging.SrgbConverter;
import com.pawprint.merch.compose.CompositionException;
import com.pawprint.storage.ObjectNotFoundException;
import com.pawprint.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.awt.image.BufferedImage;

/** Reads a render from the bucket as opaque sRGB pixels; a missing or broken render is a {@link CompositionException}. */
@ApplicationScoped
public class DesignLoader {

    private final ObjectStore store;
    private final SafeDecoder decoder;

    public DesignLoader(ObjectStore store, SafeDecoder decoder) {
        this.store = store;
        this.decoder = decoder;
    }

    public BufferedImage load(String key) {
        byte[] bytes;
        try {
            bytes = store.get(key);
        } catch (ObjectNotFoundException e) {
            throw new CompositionException("render " + key + " is missing");
        }
        Outcome<DecodedImage> decoded = decoder.decode(bytes);
        if (!decoded.isOk()) {
            throw new CompositionException("render " + key + " cannot be decoded: " + decoded.rejection().message());
        }
        BufferedImage image = decoded.value().image();
        return image.getType() == BufferedImage.TYPE_INT_RGB ? image : SrgbConverter.toOpaqueSrgb(image);
    }
}
