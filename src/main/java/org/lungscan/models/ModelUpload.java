package org.lungscan.models;

import java.io.InputStream;

/**
 * An upload as the doors receive it: the model file's content and name, and the optional card and
 * reference arrays (null when not sent).
 */
public record ModelUpload(
    String fileName,
    InputStream model,
    InputStream card,
    InputStream referenceInput,
    InputStream referenceOutput) {}
