package org.lungscan.reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lungscan.platform.Invalid;
import org.lungscan.reading.WorklistRecords.LatestPrediction;

/** The worklist's words for status and order, and its cancer probability. */
class WorklistTest {

  @Test
  void statusAndOrderAreReadInAnyCaseWithTheirDefaults() {
    assertEquals(Worklist.Status.UNREVIEWED, Worklist.Status.of(null));
    assertEquals(Worklist.Status.UNREVIEWED, Worklist.Status.of(" "));
    assertEquals(Worklist.Status.REVIEWED, Worklist.Status.of("Reviewed"));
    assertEquals(Worklist.Status.ALL, Worklist.Status.of("all"));
    assertEquals(Worklist.Order.SUSPICION, Worklist.Order.of(null));
    assertEquals(Worklist.Order.DATE, Worklist.Order.of("DATE"));
  }

  @Test
  void anUnknownValueIsRefusedByItsField() {
    Invalid status = assertThrows(Invalid.class, () -> Worklist.Status.of("pending"));
    assertEquals("status", status.errors().get(0).field());
    Invalid sort = assertThrows(Invalid.class, () -> Worklist.Order.of("name"));
    assertEquals("sort", sort.errors().get(0).field());
  }

  @Test
  void theCancerProbabilityAddsTheCardsCancerLabels() {
    LatestPrediction p =
        new LatestPrediction(
            1, "m", "1", Map.of("normal", 0.5, "benign_nodule", 0.2, "malignant_nodule", 0.3));
    assertEquals(0.3, WorklistService.cancerProbability(p, Set.of("malignant_nodule")), 1e-12);
    assertEquals(
        0.5,
        WorklistService.cancerProbability(p, Set.of("malignant_nodule", "benign_nodule")),
        1e-12);
    assertEquals(0.0, WorklistService.cancerProbability(p, Set.of("adenocarcinoma")), 1e-12);
    assertNull(WorklistService.cancerProbability(p, Set.of()));
    assertNull(WorklistService.cancerProbability(null, Set.of("malignant_nodule")));
  }
}
