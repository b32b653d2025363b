package com.pawprint.merch.catalog;

/** Which procedural template draws a product's mockup. */
public enum MockupStyle {
    TSHIRT, MUG, POSTCARD, TOTE, STICKER, POSTER
}
