package org.lungscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.AuditRow;
import org.lungscan.testing.PageSession;
import org.lungscan.testing.SystemServer;

/** PDF reports through the API and the pages' download door, on the system server. */
class ReportApiIT {

  private static final Logger LOG = Logger.getLogger(ReportApiIT.class.getName());
  private static final Path REFERENCE = Path.of("models", "reference");
  private static final String PATIENT = "Zoë Ünal-Report";

  private static Api api;
  private static Api.Doctor doctor;
  private static Api.Doctor other;
  private static long patient;
  private static long reviewed;
  private static long unreviewed;
  private static JsonObject prediction;

  @BeforeAll
  static void server() throws Exception {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Reports");
    other = api.newDoctor("Dr. Other Reports");
    patient = api.newPatient(doctor, PATIENT);
    reviewed = upload("malignant_nodule-1.png");
    prediction = predict(reviewed);
    Reply review =
        api.post(
            "/api/lung-scans/" + reviewed + "/reviews",
            "{\"finding\":\"benign_nodule\",\"note\":\"Smooth edge, follow up in 3 months\"}",
            doctor.token());
    assertEquals(201, review.status(), review::toString);
    unreviewed = upload("normal-1.png");
    predict(unreviewed);
  }

  @Test
  void aScansReportHoldsWhatTheContractListsAndIsArchivable() throws Exception {
    Reply reply = api.get("/api/lung-scans/" + reviewed + "/report", doctor.token());
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("application/pdf", reply.header("Content-Type"));
    assertEquals(
        "attachment; filename=\"lungscan-scan-" + reviewed + ".pdf\"",
        reply.header("Content-Disposition"));
    byte[] pdf = reply.bytes();
    String text = PdfReports.text(pdf).replaceAll("\\s+", " ");
    JsonObject scan = api.get("/api/lung-scans/" + reviewed, doctor.token()).json();
    for (String expected :
        List.of(
            PATIENT,
            "Age:",
            "Gender:",
            scan.getString("sha256"),
            scan.getJsonNumber("size_bytes").longValue() + " bytes",
            "Class: " + prediction.getString("predicted_class"),
            "Confidence: "
                + PdfReport.percent(prediction.getJsonNumber("confidence").doubleValue()),
            "normal",
            "benign_nodule",
            "lungscan-demo, version 1.0.0",
            "NOT for clinical use",
            "Finding: benign_nodule",
            "Agreement with the prediction: disagrees",
            "Smooth edge, follow up in 3 months",
            "Reviewer: Dr. Reports",
            "class-activation-map",
            "Page 1 of",
            "LungScan report generated",
            PdfReport.NOT_A_DIAGNOSIS)) {
      assertTrue(text.contains(expected), () -> expected + " missing from: " + text);
    }
    assertEquals(1, PdfReports.images(pdf));
    PdfReports.assertArchival(pdf);
    PdfReports.screenshot(pdf, 0, "report-scan-page1.png");

    String other = PdfReports.text(api.get(report(unreviewed), doctor.token()).bytes());
    assertTrue(other.contains(PdfReport.NOT_REVIEWED), other);
  }

  @Test
  void aPatientsReportHoldsEveryScanNewestFirst() throws Exception {
    Reply reply = api.get("/api/patients/" + patient + "/report", doctor.token());
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(
        "attachment; filename=\"lungscan-patient-" + patient + ".pdf\"",
        reply.header("Content-Disposition"));
    String text = PdfReports.text(reply.bytes());
    String newer =
        api.get("/api/lung-scans/" + unreviewed, doctor.token()).json().getString("sha256");
    String older =
        api.get("/api/lung-scans/" + reviewed, doctor.token()).json().getString("sha256");
    assertTrue(text.indexOf(newer) >= 0 && text.indexOf(newer) < text.indexOf(older), text);
    assertTrue(text.contains(PdfReport.NOT_REVIEWED), text);
    assertTrue(text.contains("benign_nodule"), text);
    assertEquals(2, PdfReports.images(reply.bytes()));
    PdfReports.assertArchival(reply.bytes());
    PdfReports.screenshot(reply.bytes(), 1, "report-patient-page2.png");
  }

  @Test
  void anotherDoctorsOrAMissingReportIsNotFoundAndReadsAreAudited() throws Exception {
    assertEquals(404, api.get(report(reviewed), other.token()).status());
    assertEquals(404, api.get("/api/patients/" + patient + "/report", other.token()).status());
    assertEquals(404, api.get(report(987654321L), doctor.token()).status());
    assertEquals(401, api.get(report(reviewed), null).status());
    assertEquals(200, api.get(report(reviewed), doctor.token()).status());
    List<String> lines = AuditRow.of(doctor.email()).stream().map(AuditRow::line).toList();
    assertTrue(lines.contains("REPORT_READ lung_scan " + reviewed + " SUCCESS"), lines::toString);
    assertTrue(
        AuditRow.of(other.email()).stream()
            .map(AuditRow::line)
            .anyMatch(l -> l.equals("REPORT_READ lung_scan " + reviewed + " FAILURE")));
  }

  @Test
  void thePagesDownloadTheReport() throws Exception {
    PageSession session = PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
    HttpResponse<byte[]> scan = bytes(session, "/app/reports/scan/" + reviewed);
    assertEquals(200, scan.statusCode());
    assertEquals("application/pdf", scan.headers().firstValue("Content-Type").orElse(""));
    assertEquals(
        "attachment; filename=\"lungscan-scan-" + reviewed + ".pdf\"",
        scan.headers().firstValue("Content-Disposition").orElse(""));
    assertTrue(PdfReports.text(scan.body()).contains(PATIENT));
    HttpResponse<byte[]> ofPatient = bytes(session, "/app/reports/patient/" + patient);
    assertEquals(200, ofPatient.statusCode());
    PageSession stranger = PageSession.signIn(SystemServer.get(), other.email(), other.password());
    assertEquals(404, bytes(stranger, "/app/reports/scan/" + reviewed).statusCode());
    assertEquals(404, bytes(stranger, "/app/reports/patient/" + patient).statusCode());
  }

  @Test
  void timeToMakeAReport() {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long start = System.nanoTime();
      assertEquals(200, api.get(report(reviewed), doctor.token()).status());
      millis.add((System.nanoTime() - start) / 1e6);
    }
    List<Double> sorted = millis.stream().sorted().toList();
    LOG.info(
        () ->
            String.format(
                Locale.ROOT,
                "scan report over HTTP (heatmap cached after the first): median %.0f ms of %s",
                sorted.get(sorted.size() / 2),
                sorted));
  }

  private static String report(long scan) {
    return "/api/lung-scans/" + scan + "/report";
  }

  private static HttpResponse<byte[]> bytes(PageSession session, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(session.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static long upload(String file) throws Exception {
    Reply reply =
        api.upload(
            patient,
            file,
            "image/png",
            Files.readAllBytes(REFERENCE.resolve(file)),
            doctor.token());
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getJsonNumber("id").longValue();
  }

  private static JsonObject predict(long scan) {
    Reply reply = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
    assertEquals(200, reply.status(), reply::toString);
    return reply.json().getJsonObject("prediction");
  }
}
