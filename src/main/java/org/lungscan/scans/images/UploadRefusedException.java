package org.lungscan.scans.images;

/**
 * An upload the server will not keep. The message is written for the doctor who uploaded it and may
 * be shown to them as it is.
 */
public abstract class UploadRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  protected UploadRefusedException(String messageForDoctor) {
    super(messageForDoctor);
  }

  protected UploadRefusedException(String messageForDoctor, Throwable cause) {
    super(messageForDoctor, cause);
  }
}
