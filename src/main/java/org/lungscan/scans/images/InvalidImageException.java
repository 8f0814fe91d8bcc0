package org.lungscan.scans.images;

/** The uploaded file is not a whole JPEG or PNG image the server can read and accept. */
public class InvalidImageException extends UploadRefusedException {

  private static final long serialVersionUID = 1L;

  /** Why the image was refused, for choosing a response status or an audit entry. */
  public enum Reason {
    EMPTY,
    NOT_JPEG_OR_PNG,
    INCOMPLETE_OR_DAMAGED,
    UNSUPPORTED_JPEG_VARIANT,
    UNREADABLE,
    TOO_MANY_PIXELS
  }

  private final Reason reason;

  public InvalidImageException(Reason reason, String messageForDoctor) {
    super(messageForDoctor);
    this.reason = reason;
  }

  public InvalidImageException(Reason reason, String messageForDoctor, Throwable cause) {
    super(messageForDoctor, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  static InvalidImageException empty() {
    return new InvalidImageException(Reason.EMPTY, "The file is empty.");
  }

  static InvalidImageException notJpegOrPng() {
    return new InvalidImageException(
        Reason.NOT_JPEG_OR_PNG, "The file is not a JPEG or PNG image.");
  }

  static InvalidImageException incompleteOrDamaged() {
    return new InvalidImageException(
        Reason.INCOMPLETE_OR_DAMAGED, "The image is incomplete or damaged.");
  }

  static InvalidImageException unsupportedJpegVariant() {
    return new InvalidImageException(
        Reason.UNSUPPORTED_JPEG_VARIANT,
        "The JPEG image is lossless, arithmetic-coded, hierarchical or more than 8 bits deep,"
            + " which cannot be read. Please export it as a standard JPEG or as PNG.");
  }

  static InvalidImageException unreadable(Throwable cause) {
    return new InvalidImageException(
        Reason.UNREADABLE,
        "The image could not be read: it is damaged or saved in an unusual form."
            + " Please export it again as a standard JPEG or PNG.",
        cause);
  }
}
