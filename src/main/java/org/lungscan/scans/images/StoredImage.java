package org.lungscan.scans.images;

/**
 * What the image store knows of an image it holds: its key and what its content turned out to be.
 */
public record StoredImage(
    String key, String contentType, long sizeBytes, int width, int height, String sha256) {}
