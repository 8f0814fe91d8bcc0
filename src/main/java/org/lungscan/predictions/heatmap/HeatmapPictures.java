package org.lungscan.predictions.heatmap;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.lungscan.predictions.inference.HeatmapGrid;

/** Paints heatmaps with Java 2D: over the scan, alone (transparent) and the legend. */
final class HeatmapPictures {

  /** The longest side of a scan with its heatmap, and of an overlay alone. */
  static final int LONGEST_SIDE = 1024;

  /** How much of the colour covers the scan where the evidence is strongest. */
  static final double OVERLAY_STRENGTH = 0.6;

  private HeatmapPictures() {}

  /** The scan (already at most {@link #LONGEST_SIDE}) in grey with the map's colours over it. */
  static BufferedImage overlaid(BufferedImage scan, HeatmapGrid grid) {
    int w = scan.getWidth();
    int h = scan.getHeight();
    BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    g.drawImage(scan, 0, 0, null);
    g.dispose();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    float[] values = upsampled(grid, w, h);
    var raster = grey.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = raster.getSample(x, y, 0);
        double a = OVERLAY_STRENGTH * values[y * w + x];
        int c = ColourMap.rgb(values[y * w + x]);
        int r = (int) Math.round(v * (1 - a) + ((c >> 16) & 0xFF) * a);
        int gr = (int) Math.round(v * (1 - a) + ((c >> 8) & 0xFF) * a);
        int b = (int) Math.round(v * (1 - a) + (c & 0xFF) * a);
        out.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
    return out;
  }

  /**
   * The map alone at the scan's aspect ({@code width x height}): each pixel its colour, as opaque
   * as its value, so the page can lay it over the scan and set its opacity.
   */
  static BufferedImage alone(HeatmapGrid grid, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    float[] values = upsampled(grid, width, height);
    for (int i = 0; i < values.length; i++) {
      int alpha = (int) Math.round(255 * values[i]);
      out.setRGB(i % width, i / width, (alpha << 24) | ColourMap.rgb(values[i]));
    }
    return out;
  }

  /** A horizontal colour bar with "Weaker" and "Stronger" under it, black on white (21:1). */
  static BufferedImage legend(String weaker, String stronger) {
    int w = 320;
    int h = 56;
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    for (int x = 8; x < w - 8; x++) {
      g.setColor(new Color(ColourMap.rgb((x - 8) / (double) (w - 17))));
      g.drawLine(x, 6, x, 26);
    }
    g.setColor(Color.BLACK);
    g.drawRect(7, 5, w - 15, 21);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    g.drawString(weaker, 8, 46);
    g.drawString(stronger, w - 8 - g.getFontMetrics().stringWidth(stronger), 46);
    g.dispose();
    return out;
  }

  /** The size of a picture of a {@code width x height} scan within {@link #LONGEST_SIDE}. */
  static int[] fitted(int width, int height) {
    double scale = Math.min(1, (double) LONGEST_SIDE / Math.max(width, height));
    return new int[] {
      Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))
    };
  }

  /**
   * The grid's values at every pixel of a {@code width x height} picture, bilinear between the
   * cells' centres (constant beyond the outer ones), row-major.
   */
  static float[] upsampled(HeatmapGrid grid, int width, int height) {
    float[] out = new float[width * height];
    for (int y = 0; y < height; y++) {
      double gy = (y + 0.5) * grid.rows() / height - 0.5;
      int y0 = clamp((int) Math.floor(gy), grid.rows());
      int y1 = clamp(y0 + 1, grid.rows());
      double ty = Math.max(0, Math.min(1, gy - y0));
      for (int x = 0; x < width; x++) {
        double gx = (x + 0.5) * grid.cols() / width - 0.5;
        int x0 = clamp((int) Math.floor(gx), grid.cols());
        int x1 = clamp(x0 + 1, grid.cols());
        double tx = Math.max(0, Math.min(1, gx - x0));
        double top = grid.at(y0, x0) * (1 - tx) + grid.at(y0, x1) * tx;
        double bottom = grid.at(y1, x0) * (1 - tx) + grid.at(y1, x1) * tx;
        out[y * width + x] = (float) (top * (1 - ty) + bottom * ty);
      }
    }
    return out;
  }

  private static int clamp(int i, int n) {
    return Math.max(0, Math.min(n - 1, i));
  }
}
