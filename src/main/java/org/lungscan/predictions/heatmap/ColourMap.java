package org.lungscan.predictions.heatmap;

import java.util.ArrayList;
import java.util.List;

/**
 * Viridis (van der Walt and Smith, matplotlib; CC0): dark purple for weak evidence through blue and
 * green to yellow for the strongest, perceptually ordered and readable with colour-vision
 * deficiencies. Ten published key colours, interpolated linearly between.
 */
public final class ColourMap {

  private static final int[] KEYS = {
    0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C,
    0xFDE725
  };

  /** A colour of the legend: at {@code value} in [0, 1], {@code hex} as {@code #rrggbb}. */
  public record Stop(double value, String hex) {}

  private ColourMap() {}

  /** The colour of {@code value} (clamped to [0, 1]) as 0xRRGGBB. */
  public static int rgb(double value) {
    double v = Math.max(0, Math.min(1, Double.isNaN(value) ? 0 : value)) * (KEYS.length - 1);
    int i = Math.min(KEYS.length - 2, (int) Math.floor(v));
    double t = v - i;
    int a = KEYS[i];
    int b = KEYS[i + 1];
    int r = mix(a >> 16, b >> 16, t);
    int g = mix(a >> 8, b >> 8, t);
    int bl = mix(a, b, t);
    return (r << 16) | (g << 8) | bl;
  }

  /** The legend's key colours, from 0 (no evidence) to 1 (strongest). */
  public static List<Stop> stops() {
    List<Stop> stops = new ArrayList<>();
    for (int i = 0; i < KEYS.length; i++) {
      stops.add(new Stop((double) i / (KEYS.length - 1), String.format("#%06x", KEYS[i])));
    }
    return stops;
  }

  private static int mix(int a, int b, double t) {
    int x = a & 0xFF;
    int y = b & 0xFF;
    return (int) Math.round(x + (y - x) * t);
  }
}
