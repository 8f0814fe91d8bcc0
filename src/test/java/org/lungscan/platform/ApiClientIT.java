package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lungscan.client.ApiClient;
import org.lungscan.client.ApiException;
import org.lungscan.client.api.AccountsApi;
import org.lungscan.client.api.AdministrationApi;
import org.lungscan.client.api.AnalyticsApi;
import org.lungscan.client.api.AuditApi;
import org.lungscan.client.api.LungScansApi;
import org.lungscan.client.api.PatientsApi;
import org.lungscan.client.api.PredictionsApi;
import org.lungscan.client.model.AccountStatus;
import org.lungscan.client.model.Analytics;
import org.lungscan.client.model.AuditEntry;
import org.lungscan.client.model.DoctorAccount;
import org.lungscan.client.model.LoginRequest;
import org.lungscan.client.model.LoginResponse;
import org.lungscan.client.model.NewAccount;
import org.lungscan.client.model.NewAccountResponse;
import org.lungscan.client.model.PatientRequest;
import org.lungscan.client.model.PatientResponse;
import org.lungscan.client.model.PredictRequest;
import org.lungscan.client.model.PredictResponse;
import org.lungscan.client.model.PredictionResponse;
import org.lungscan.client.model.PredictionWithScan;
import org.lungscan.client.model.Scan;
import org.lungscan.testing.Api;
import org.lungscan.testing.RunningServer;
import org.lungscan.testing.SystemServer;

/**
 * The Java client openapi-generator builds from the OpenAPI document (see pom.xml), used as a
 * hospital integrator would: add a patient, upload a scan, predict, read the prediction, and meet
 * the documented problem for another doctor's patient. It compiles only against the document and
 * works only if the server answers as the document says.
 */
class ApiClientIT {

  private final RunningServer server = SystemServer.get();

  @Test
  void aGeneratedClientSignsUpLogsInAddsAPatientUploadsPredictsAndReadsThePrediction()
      throws Exception {
    AccountsApi accounts = new AccountsApi(client(null));
    String email = "generated-" + UUID.randomUUID() + "@hospital.example";
    String password = "a generated client's own password";
    NewAccountResponse account =
        accounts.signUp(new NewAccount().name("Dr. Generated").email(email).password(password));
    assertEquals(email, account.getEmail());
    assertEquals(AccountStatus.ACTIVE, account.getStatus());
    LoginResponse login = accounts.logIn(new LoginRequest().email(email).password(password));
    assertEquals(email, login.getUser().getEmail());
    ApiClient doctor = client(login.getToken());
    assertEquals(account.getId(), new AccountsApi(doctor).whoAmI().getId());

    PatientResponse patient =
        new PatientsApi(doctor)
            .createPatient(
                new PatientRequest()
                    .name("Katherine Johnson")
                    .age(52)
                    .gender(PatientRequest.GenderEnum.FEMALE));
    assertEquals("Katherine Johnson", patient.getName());

    File image = Path.of("models", "reference", "malignant_nodule-1.png").toFile();
    Scan scan = new LungScansApi(doctor).uploadScan(image, patient.getId());
    assertEquals(patient.getId(), scan.getPatientId());
    assertEquals("image/png", scan.getContentType());

    PredictResponse predicted =
        new PredictionsApi(doctor).predict(new PredictRequest().scanId(scan.getId()));
    assertEquals("Prediction successful", predicted.getMessage());
    PredictionResponse prediction = predicted.getPrediction();
    assertEquals(scan.getId(), prediction.getScanId());
    assertNotNull(prediction.getPredictedClass());
    assertTrue(prediction.getConfidence().doubleValue() > 0);
    assertFalse(prediction.getProbabilities().isEmpty());

    List<PredictionWithScan> read = new PredictionsApi(doctor).listPredictions(null, null);
    assertEquals(1, read.size());
    assertEquals(prediction.getId(), read.get(0).getId());
    assertEquals(prediction.getPredictedClass(), read.get(0).getPredictedClass());
    assertEquals(patient.getId(), read.get(0).getScan().getPatient().getId());
    List<PredictionResponse> ofScan = new PredictionsApi(doctor).listScanPredictions(scan.getId());
    assertEquals(
        List.of(prediction.getId()), ofScan.stream().map(PredictionResponse::getId).toList());
  }

  /**
   * The administrators' answers the document once left undescribed, read through the client: the
   * accounts, one account approved, the audit trail as JSON, its check and the figures with their
   * dates.
   */
  @Test
  void aGeneratedClientReadsTheAdministratorsAnswers() throws Exception {
    Api.Doctor someone = Api.onSystemServer().newDoctor("Dr. Listed");
    ApiClient admin =
        client(
            new AccountsApi(client(null))
                .logIn(
                    new LoginRequest()
                        .email(SystemServer.ADMIN_EMAIL)
                        .password(SystemServer.ADMIN_PASSWORD))
                .getToken());

    List<DoctorAccount> listed =
        new AdministrationApi(admin).listDoctors(null, someone.email(), null, null);
    assertEquals(List.of(someone.id()), listed.stream().map(DoctorAccount::getId).toList());
    DoctorAccount approved = new AdministrationApi(admin).approveDoctor(someone.id());
    assertEquals(someone.email(), approved.getEmail());
    assertEquals(AccountStatus.ACTIVE, approved.getStatus());

    List<AuditEntry> events =
        new AuditApi(admin).listAuditEvents(null, null, someone.id(), null, 0, 10);
    assertFalse(events.isEmpty(), "the sign-up and sign-in of " + someone.email());
    assertTrue(
        events.stream().allMatch(e -> Long.valueOf(someone.id()).equals(e.getDoctorId())),
        events.toString());
    assertTrue(new AuditApi(admin).verifyAuditTrail().getEvents() > 0);

    Analytics figures = new AnalyticsApi(admin).getAnalytics(null, null);
    assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC), figures.getPeriod().getTo());
    assertTrue(figures.getDoctors().getActive() > 0);
  }

  @Test
  void theClientSeesTheDocumentedProblemForAnotherDoctorsPatient() throws Exception {
    PatientsApi patients =
        new PatientsApi(client(Api.onSystemServer().newDoctor("Dr. Other").token()));
    ApiException refused = assertThrows(ApiException.class, () -> patients.getPatient(1L));
    assertEquals(404, refused.getCode());
    assertTrue(refused.getResponseBody().contains("\"status\":404"), refused.getResponseBody());
  }

  private ApiClient client(String token) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(server.uri("").toString());
    if (token != null) {
      client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }
    return client;
  }
}
