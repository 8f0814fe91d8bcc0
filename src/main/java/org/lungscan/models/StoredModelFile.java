package org.lungscan.models;

/** Where a model's file is kept (a folder of its own under the data directory) and its checksum. */
record StoredModelFile(String folder, String fileName, String sha256, long sizeBytes) {}
