package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lungscan.accounts.AccountStatus;
import org.lungscan.accounts.Doctor;
import org.lungscan.accounts.RevokedToken;
import org.lungscan.accounts.Role;
import org.lungscan.audit.AuditAction;
import org.lungscan.audit.AuditCsv;
import org.lungscan.audit.AuditCsvServlet;
import org.lungscan.audit.AuditEvent;
import org.lungscan.audit.AuditEventService;
import org.lungscan.audit.AuditEventsResource;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.AuditTrailView;
import org.lungscan.audit.ChainVerification;
import org.lungscan.patients.Gender;
import org.lungscan.patients.Patient;
import org.lungscan.predictions.Prediction;
import org.lungscan.reading.Review;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.images.StoredImage;
import org.lungscan.testing.TestDatabase;

/**
 * Every entity persisted and read back inside Payara, through the application's own persistence
 * unit and data source. The pom runs this class twice: on the embedded default and on MariaDB.
 */
@ExtendWith(ArquillianExtension.class)
class PersistenceIT {

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  @Resource UserTransaction tx;

  @Resource ManagedExecutorService executor;

  @Inject AuditTrail trail;

  @Resource(lookup = Database.JNDI_NAME)
  javax.sql.DataSource dataSource;

  /**
   * Only what is under test: the entities, the persistence unit, the data source and the
   * migrations, with the database libraries the application ships (versions from the pom).
   */
  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.create(WebArchive.class, "persistence-it.war")
        .addClasses(Doctor.class, Role.class, Patient.class, Gender.class, LungScan.class)
        .addClasses(StoredImage.class, Prediction.class, UtcInstantConverter.class)
        .addPackage(AuditTrail.class.getPackage()) // the audit entities, the chain and its check
        .deleteClasses(AuditEventService.class, AuditEventsResource.class, AuditTrailView.class)
        .deleteClasses(AuditCsvServlet.class, AuditCsv.class) // the console's doors: not under test
        .addClasses(RequestOrigin.class, AccountStatus.class, RevokedToken.class, Review.class)
        .addClasses(Database.class, ApplicationDataSource.class, Migrations.class)
        .addClasses(PersistenceIT.class, TestDatabase.class)
        .addAsResource("META-INF/persistence.xml")
        .addAsResource(new File("src/main/resources/db/migration"), "db/migration")
        .addAsLibraries(
            Maven.resolver()
                .loadPomFromFile("pom.xml")
                .resolve(
                    "org.flywaydb:flyway-core",
                    "org.flywaydb:flyway-mysql",
                    "com.mysql:mysql-connector-j",
                    "com.h2database:h2")
                .withTransitivity()
                .asFile());
  }

  @AfterAll
  static void dropTheTestDatabase() {
    // JUnit may run this inside Payara too; only the test client is given the database's name.
    String name = System.getProperty("it.arquillian.db");
    if (name != null) {
      new TestDatabase(name).drop();
    }
  }

  @Test
  void runsOnTheDatabaseThisExecutionAskedFor() throws Exception {
    String expected = System.getProperty("lungscan.db.url") == null ? "H2" : "MySQL";
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      assertTrue(
          product.contains(expected) || (expected.equals("MySQL") && product.contains("MariaDB")),
          () -> "expected " + expected + " but ran on " + product);
    }
  }

  @Test
  void doctorIsStoredWithLowerCaseEmailAndReadBack() throws Exception {
    Doctor doctor =
        inTx(() -> persist(newDoctor("Dr. Ada Lovelace", "Ada." + unique() + "@Example.org")));
    em.clear();
    Doctor read = em.find(Doctor.class, doctor.getId());
    assertEquals("Dr. Ada Lovelace", read.getName());
    assertEquals(doctor.getEmail(), read.getEmail());
    assertEquals(read.getEmail().toLowerCase(), read.getEmail());
    assertEquals(Role.DOCTOR, read.getRole());
    assertEquals(doctor.getPasswordHash(), read.getPasswordHash());
    assertEquals(doctor.getCreatedAt().truncatedTo(ChronoUnit.MICROS), read.getCreatedAt());
  }

  @Test
  void emailIsUniqueWhateverItsCase() throws Exception {
    String email = "grace." + unique() + "@example.org";
    inTx(() -> persist(newDoctor("Grace", email)));
    Exception refused =
        assertThrows(
            Exception.class,
            () -> inTx(() -> persist(newDoctor("Grace again", email.toUpperCase()))));
    assertTrue(
        refused instanceof RollbackException || refused instanceof PersistenceException,
        () -> "unexpected " + refused);
    Long count =
        em.createQuery("select count(d) from Doctor d where d.email = :e", Long.class)
            .setParameter("e", email)
            .getSingleResult();
    assertEquals(1, count);
  }

  @Test
  void patientScanAndPredictionAreStoredAndReadBack() throws Exception {
    long[] ids =
        inTx(
            () -> {
              Doctor doctor = persist(newDoctor("Dr. House", "house." + unique() + "@example.org"));
              Patient patient = persist(new Patient(doctor, "Jane Roe", 54, Gender.FEMALE));
              LungScan scan = persist(new LungScan(patient, image(), "chest ../x-ray.png"));
              Prediction prediction =
                  persist(
                      new Prediction(
                          scan,
                          Map.of("normal", 0.1, "benign_nodule", 0.2, "malignant_nodule", 0.7),
                          "demo",
                          "1.0.0",
                          "Demonstration only",
                          12.5));
              return new long[] {patient.getId(), scan.getId(), prediction.getId()};
            });
    em.clear();

    Patient patient = em.find(Patient.class, ids[0]);
    assertEquals("Jane Roe", patient.getName());
    assertEquals(54, patient.getAge());
    assertEquals(Gender.FEMALE, patient.getGender());
    assertNotNull(patient.getUpdatedAt());

    LungScan scan = em.find(LungScan.class, ids[1]);
    assertEquals(ids[0], scan.getPatient().getId());
    assertEquals(patient.getDoctor().getId(), scan.getDoctor().getId());
    assertEquals("image/png", scan.getContentType());
    assertEquals(640, scan.getWidth());
    assertEquals(480, scan.getHeight());
    assertEquals(1234, scan.getSizeBytes());
    assertEquals("chest ../x-ray.png", scan.getOriginalFilename());
    assertEquals(64, scan.getSha256().length());

    Prediction prediction = em.find(Prediction.class, ids[2]);
    assertEquals("malignant_nodule", prediction.getPredictedClass());
    assertEquals(0.7, prediction.getConfidence(), 1e-12);
    assertEquals(3, prediction.getProbabilities().size());
    assertEquals(0.2, prediction.getProbabilities().get("benign_nodule"), 1e-12);
    assertEquals("demo", prediction.getModelName());
    assertEquals("Demonstration only", prediction.getIntendedUse());
    assertEquals(12.5, prediction.getInferenceMs(), 1e-9);
  }

  @Test
  void patientUpdateMovesUpdatedAtOnly() throws Exception {
    Patient created =
        inTx(
            () ->
                persist(
                    new Patient(
                        persist(newDoctor("Dr. Who", "who." + unique() + "@example.org")),
                        "John Doe",
                        40,
                        Gender.MALE)));
    Thread.sleep(5);
    inTx(
        () -> {
          em.find(Patient.class, created.getId()).update("John Q. Doe", 41, Gender.OTHER);
          return null;
        });
    em.clear();
    Patient read = em.find(Patient.class, created.getId());
    assertEquals("John Q. Doe", read.getName());
    assertEquals(41, read.getAge());
    assertEquals(Gender.OTHER, read.getGender());
    assertTrue(read.getUpdatedAt().isAfter(read.getCreatedAt()));
  }

  @Test
  void deletingAPatientRemovesTheirScansAndPredictions() throws Exception {
    long[] ids =
        inTx(
            () -> {
              Doctor doctor = persist(newDoctor("Dr. Quinn", "quinn." + unique() + "@example.org"));
              Patient patient = persist(new Patient(doctor, "To Be Removed", 70, Gender.MALE));
              LungScan scan = persist(new LungScan(patient, image(), "a.png"));
              Prediction p =
                  persist(
                      new Prediction(
                          scan, Map.of("normal", 1.0), "demo", "1", "Demonstration only", 1));
              return new long[] {patient.getId(), scan.getId(), p.getId(), doctor.getId()};
            });
    inTx(
        () -> {
          em.remove(em.find(Patient.class, ids[0]));
          return null;
        });
    em.clear();
    assertNull(em.find(Patient.class, ids[0]));
    assertNull(em.find(LungScan.class, ids[1]));
    assertNull(em.find(Prediction.class, ids[2]));
    assertEquals(0, countRows("prediction_probability", "prediction_id", ids[2]));
    assertNotNull(em.find(Doctor.class, ids[3]), "the doctor stays");
  }

  @Test
  void auditEventIsAppendedAndReadBack() throws Exception {
    AuditEvent event =
        trail.append(
            new AuditEvent(
                7L,
                "a@example.org",
                AuditAction.PATIENT_READ,
                "patient",
                "42",
                AuditEvent.Outcome.SUCCESS,
                "127.0.0.1"));
    em.clear();
    AuditEvent read = em.find(AuditEvent.class, event.getId());
    assertEquals("PATIENT_READ", read.getAction().name());
    assertEquals("patient", read.getResourceType());
    assertEquals("42", read.getResourceId());
    assertEquals(AuditEvent.Outcome.SUCCESS, read.getOutcome());
    assertEquals("127.0.0.1", read.getClientAddress());
    assertTrue(read.getOccurredAt().isAfter(Instant.now().minusSeconds(60)));
    assertEquals(event.getOccurredAt(), read.getOccurredAt(), "kept to the microsecond");
    assertEquals(event.getChainHash(), read.getChainHash());
    assertTrue(trail.verify().intact(), () -> trail.verify().summary());
  }

  @Test
  void concurrentWritersKeepTheAuditChainWhole() throws Exception {
    long before = trail.verify().events();
    int writers = 6;
    int eventsEach = 15;
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      long writer = w;
      running.add(
          executor.submit(
              () -> {
                for (int i = 0; i < eventsEach; i++) {
                  trail.append(
                      new AuditEvent(
                          writer,
                          "writer" + writer + "@example.org",
                          AuditAction.PATIENT_LIST,
                          "patient",
                          null,
                          AuditEvent.Outcome.SUCCESS,
                          null,
                          writer,
                          "patient=" + writer));
                }
                return null;
              }));
    }
    for (Future<?> writer : running) {
      writer.get(2, TimeUnit.MINUTES);
    }
    ChainVerification.Result result = trail.verify();
    assertTrue(result.intact(), result::summary);
    assertEquals(before + writers * eventsEach, result.events(), result::summary);
  }

  @Test
  void theDatabaseItselfRefusesAScanWithoutAPatient() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      var insert =
          c.prepareStatement(
              "INSERT INTO lung_scan (patient_id, doctor_id, storage_key, content_type,"
                  + " size_bytes, width, height, sha256, uploaded_at) VALUES (-1, -1, ?, 'image/png', 1, 1, 1, ?, ?)");
      insert.setString(1, unique());
      insert.setString(2, "0".repeat(64));
      insert.setObject(3, java.time.LocalDateTime.now());
      assertThrows(java.sql.SQLException.class, insert::executeUpdate);
    }
  }

  private long countRows(String table, String column, long id) throws Exception {
    try (Connection c = dataSource.getConnection();
        var s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Doctor newDoctor(String name, String email) {
    return new Doctor(name, email, "$2a$12$" + "x".repeat(53), Role.DOCTOR);
  }

  private static StoredImage image() {
    return new StoredImage(unique(), "image/png", 1234, 640, 480, "ab".repeat(32));
  }

  private static String unique() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private <T> T persist(T entity) {
    em.persist(entity);
    em.flush();
    return entity;
  }

  private <T> T inTx(Callable<T> work) throws Exception {
    tx.begin();
    try {
      T result = work.call();
      em.flush();
      tx.commit();
      return result;
    } catch (Exception e) {
      if (tx.getStatus() == jakarta.transaction.Status.STATUS_ACTIVE
          || tx.getStatus() == jakarta.transaction.Status.STATUS_MARKED_ROLLBACK) {
        tx.rollback();
      }
      throw e;
    }
  }
}
