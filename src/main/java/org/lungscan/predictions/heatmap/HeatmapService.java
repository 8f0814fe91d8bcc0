package org.lungscan.predictions.heatmap;

import static org.lungscan.audit.AuditAction.HEATMAP_READ;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.Shown;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.Unavailable;
import org.lungscan.predictions.LoadedModel;
import org.lungscan.predictions.ModelStatus;
import org.lungscan.predictions.Prediction;
import org.lungscan.predictions.PredictionRecords;
import org.lungscan.predictions.inference.HeatmapGrid;
import org.lungscan.predictions.inference.ScanPreprocessor;
import org.lungscan.predictions.inference.ScanTensor;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanService;
import org.lungscan.scans.images.PngEncoding;
import org.lungscan.scans.images.Sampling;

/**
 * Heatmaps of the signed-in doctor's scans: for any label of the loaded model, where it found its
 * evidence. Every read is audited as a read of the patient's data; another doctor's scan is not
 * found.
 */
@ApplicationScoped
public class HeatmapService {

  static final String RESOURCE = "lung_scan";

  /** The longest side of an overlay alone: the page scales it to the scan it lies over. */
  static final int OVERLAY_LONGEST_SIDE = 512;

  @Inject ScanService scans;
  @Inject LoadedModel model;
  @Inject PredictionRecords predictions;
  @Inject HeatmapCache cache;
  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;

  /** A PNG of a heatmap, with what it shows. */
  public record Picture(String label, String method, int width, int height, byte[] png) {
    public String contentType() {
      return PngEncoding.CONTENT_TYPE;
    }
  }

  /** A heatmap as numbers: {@code values[row][col]} in [0, 1], row 0 at the top. */
  public record Grid(String label, String method, int rows, int cols, float[][] values) {

    static Grid of(HeatmapGrid grid) {
      float[][] values = new float[grid.rows()][grid.cols()];
      for (int r = 0; r < grid.rows(); r++) {
        for (int c = 0; c < grid.cols(); c++) {
          values[r][c] = grid.at(r, c);
        }
      }
      return new Grid(grid.label(), grid.method().id(), grid.rows(), grid.cols(), values);
    }
  }

  /**
   * The scan's heatmap for {@code label} (null or blank: the latest prediction's class, or without
   * one the model's first cancer label) as a grid.
   *
   * @throws org.lungscan.platform.NotFound if the scan is not the doctor's
   * @throws Invalid if the label is not one of the model's
   * @throws Unavailable if no model is loaded or it is busy
   */
  public Grid grid(long scanId, String label) {
    LungScan scan = scans.owned(scanId, HEATMAP_READ);
    HeatmapGrid grid = computed(scan, label);
    shown(scan);
    return Grid.of(grid);
  }

  /** The scan, at most 1024 px on its longer side, in grey with the heatmap of {@code label}. */
  public Picture overlaid(long scanId, String label) {
    LungScan scan = scans.owned(scanId, HEATMAP_READ);
    HeatmapGrid grid = computed(scan, label);
    int[] size = HeatmapPictures.fitted(scan.getWidth(), scan.getHeight());
    BufferedImage base =
        scans.withPixels(
            scan, fewestPixelsFor(size[0], size[1]), image -> scaled(image, size[0], size[1]));
    BufferedImage picture = HeatmapPictures.overlaid(base, grid);
    shown(scan);
    return picture(grid, picture);
  }

  /**
   * The scan alone, at most 1024 px on its longer side, as a PNG: where a heatmap cannot be had (no
   * usable model). Audited as a read of the scan's image.
   */
  public Picture plain(long scanId) {
    LungScan scan = scans.owned(scanId, HEATMAP_READ);
    int[] size = HeatmapPictures.fitted(scan.getWidth(), scan.getHeight());
    BufferedImage base =
        scans.withPixels(
            scan, fewestPixelsFor(size[0], size[1]), image -> scaled(image, size[0], size[1]));
    return new Picture(null, null, base.getWidth(), base.getHeight(), PngEncoding.encode(base));
  }

  /**
   * The heatmap of {@code label} alone, a transparent PNG at the scan's aspect (at most 512 px):
   * for the pages to lay over the scan, with an opacity of their choice.
   */
  public Picture alone(long scanId, String label) {
    LungScan scan = scans.owned(scanId, HEATMAP_READ);
    HeatmapGrid grid = computed(scan, label);
    double scale =
        Math.min(1, (double) OVERLAY_LONGEST_SIDE / Math.max(scan.getWidth(), scan.getHeight()));
    int w = Math.max(1, (int) Math.round(scan.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(scan.getHeight() * scale));
    BufferedImage picture = HeatmapPictures.alone(grid, w, h);
    shown(scan);
    return picture(grid, picture);
  }

  /**
   * The legend as a picture: the colour bar, {@code weaker} at its left, {@code stronger} right.
   */
  public Picture legend(String weaker, String stronger) {
    BufferedImage legend = HeatmapPictures.legend(weaker, stronger);
    return new Picture(
        null, null, legend.getWidth(), legend.getHeight(), PngEncoding.encode(legend));
  }

  /** The legend's colours, from 0 (no evidence) to 1 (the strongest). */
  public List<ColourMap.Stop> legendStops() {
    return ColourMap.stops();
  }

  /**
   * How the loaded model's heatmaps are made ({@code class-activation-map} or {@code occlusion}).
   */
  public Optional<String> method() {
    if (!model.status().ready()) {
      return Optional.empty();
    }
    return Optional.of(model.heatmapMethod().id());
  }

  /** The labels a heatmap may be asked for: the loaded model's; none when it is unavailable. */
  public List<String> labels() {
    ModelStatus status = model.status();
    return status.ready() ? status.labels() : List.of();
  }

  private HeatmapGrid computed(LungScan scan, String asked) {
    ModelStatus loaded = model.status();
    if (!loaded.ready()) {
      audit.record(actor(), HEATMAP_READ, RESOURCE, scan.getId(), Outcome.FAILURE);
      throw new Unavailable("No usable model is loaded: " + loaded.detail());
    }
    // held from the label to the grids: a model activated meanwhile is not the one asked
    try (LoadedModel.InUse held = model.acquire()) {
      return computed(scan, asked, held);
    } catch (Unavailable busy) {
      audit.record(actor(), HEATMAP_READ, RESOURCE, scan.getId(), Outcome.FAILURE);
      throw busy;
    }
  }

  private HeatmapGrid computed(LungScan scan, String asked, LoadedModel.InUse held) {
    ModelStatus status = held.status();
    String label = labelFor(scan, asked, status);
    Optional<HeatmapGrid> kept = cache.get(keyOf(scan, status, label));
    if (kept.isPresent()) {
      return kept.get();
    }
    List<HeatmapGrid> grids = held.heatmaps(preprocessed(scan, held.preprocessor()));
    grids.forEach(grid -> cache.put(keyOf(scan, status, grid.label()), grid));
    return grids.stream()
        .filter(grid -> grid.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the model gave no heatmap for " + label));
  }

  private static HeatmapCache.Key keyOf(LungScan scan, ModelStatus status, String label) {
    return new HeatmapCache.Key(scan.getId(), status.name(), status.version(), label);
  }

  private String labelFor(LungScan scan, String asked, ModelStatus status) {
    if (asked == null || asked.isBlank()) {
      return predictions.ofScan(scan.getId()).stream()
          .findFirst()
          .map(Prediction::getPredictedClass)
          .filter(status.labels()::contains)
          .orElse(
              status.cancerLabels().isEmpty()
                  ? status.labels().get(0)
                  : status.cancerLabels().get(0));
    }
    if (!status.labels().contains(asked)) {
      audit.record(actor(), HEATMAP_READ, RESOURCE, scan.getId(), Outcome.FAILURE);
      throw new Invalid("label", "must be one of the model's labels: " + status.labels());
    }
    return asked;
  }

  /** The model's input from the scan, decoded as the prediction decodes it (same tensor). */
  private ScanTensor preprocessed(LungScan scan, ScanPreprocessor preprocessor) {
    return scans.withPixels(
        scan,
        (width, height) -> {
          ScanPreprocessor.Subsampling exact = preprocessor.exactSubsampling(width, height);
          return new Sampling(exact.stepX(), exact.offsetX(), exact.stepY(), exact.offsetY());
        },
        preprocessor::preprocess);
  }

  /** Keeps every k-th pixel, the largest k that still leaves at least the picture's size. */
  private static Sampling.Rule fewestPixelsFor(int pictureWidth, int pictureHeight) {
    return (width, height) -> {
      int step = Math.max(1, Math.min(width / pictureWidth, height / pictureHeight));
      return new Sampling(step, (width - 1) % step, step, (height - 1) % step);
    };
  }

  private static BufferedImage scaled(BufferedImage image, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return out;
  }

  private static Picture picture(HeatmapGrid grid, BufferedImage picture) {
    return new Picture(
        grid.label(),
        grid.method().id(),
        picture.getWidth(),
        picture.getHeight(),
        PngEncoding.encode(picture));
  }

  private void shown(LungScan scan) {
    audit.recordShown(
        actor(), HEATMAP_READ, RESOURCE, scan.getId(), Shown.patient(scan.getPatient().getId()));
  }

  private AuditTrail.Actor actor() {
    return AccountService.actorOf(doctor.get());
  }
}
