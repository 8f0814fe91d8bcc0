package org.lungscan.scans.images;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What a decode gave: the kept pixels (all of them, or those a {@link Sampling} picked), the
 * image's full size as the decoder read it, and the decoder's warnings.
 */
public record DecodedImage(BufferedImage kept, int width, int height, List<String> warnings) {}
