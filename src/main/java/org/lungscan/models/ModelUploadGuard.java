package org.lungscan.models;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.platform.Problem;
import org.lungscan.platform.TooLarge;

/**
 * Bounds a model upload ({@code lungscan.models.upload.max-bytes}, all parts together): a declared
 * length over it is refused at once, any other body is counted as it streams and cut off the moment
 * it passes.
 */
@Provider
@BoundedModelUpload
public class ModelUploadGuard implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "lungscan.models.upload.max-bytes")
  long maxBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    String tooLarge =
        "The upload is larger than the limit of " + maxBytes / (1024 * 1024) + " MB for models.";
    if (request.getLength() > maxBytes) {
      request.abortWith(Problem.of(413, "Content Too Large", tooLarge).toResponse().build());
      return;
    }
    request.setEntityStream(new Counted(request.getEntityStream(), maxBytes, tooLarge));
  }

  private static final class Counted extends FilterInputStream {
    private final long limit;
    private final String message;
    private long read;

    Counted(InputStream in, long limit, String message) {
      super(in);
      this.limit = limit;
      this.message = message;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw new TooLarge(message);
      }
    }
  }
}
