/**
 * Scan images on disk, plain Java: checking that an upload really is a whole JPEG or PNG of an
 * acceptable size ({@link org.lungscan.scans.images.ImageCheck}), keeping it durably under a
 * server-chosen key ({@link org.lungscan.scans.images.ImageStore}), its thumbnails ({@link
 * org.lungscan.scans.images.Thumbnails}) and every decode ({@link
 * org.lungscan.scans.images.ImageDecoder}).
 *
 * <p>Decoding: the one {@link org.lungscan.scans.images.ImageDecoder} of the server reserves the
 * bytes a decode's kept pixels will take in one memory budget (default a quarter of the maximum
 * heap) and one of a few decode slots (default one per processor) before it starts, and gives them
 * back when the caller's work on the pixels is done; what does not fit waits a bounded time
 * (default 10 s) and is refused with a retry-after. Checks and thumbnails keep at most 4 million
 * pixels (every n-th row and column), so an upload's check can hand its decode on to make the
 * thumbnail (and, from an image it kept whole, the model's input) without decoding again; the
 * model's preprocessing keeps every pixel except along an axis where its own rule says a subsampled
 * decode gives the same tensor.
 *
 * <p>What is kept of an upload: its pixels, exactly, and nothing that could name a patient. A JPEG
 * keeps SOI, frame and scan headers, quantisation and Huffman tables, restart intervals, the
 * compressed data and EOI, plus JFIF (APP0, without its thumbnail) and Adobe (APP14) segments,
 * which tell the decoder the colour transform, and the ICC profile (APP2); it loses Exif and XMP
 * (APP1), every other APPn, comments (COM), stray bytes between segments and everything after EOI.
 * A PNG keeps IHDR, PLTE, IDAT, IEND, tRNS, gAMA, cHRM, sRGB, iCCP (its free-text profile name
 * replaced by "ICC profile"), cICP, sBIT and pHYs; it loses tEXt, zTXt, iTXt, eXIf, tIME, every
 * other chunk and everything after IEND. Nothing is decoded and re-encoded. The size and SHA-256
 * recorded are those of the kept bytes, and they are read back only while they still have that
 * SHA-256.
 *
 * <p>Rules: the only place in the product, apart from the inference engine, that uses ImageIO; an
 * uploaded file's name never reaches a path; a file appears under its key only whole and forced to
 * disk; no pixels are decoded outside the decoder's budget.
 *
 * <p>Never imports anything of the product, nor CDI, JPA or the web APIs.
 */
package org.lungscan.scans.images;
