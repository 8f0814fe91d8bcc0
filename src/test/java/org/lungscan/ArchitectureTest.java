package org.lungscan;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The house rules of design.md, checked on the compiled product (tests excluded): doors call
 * services, services own files, decoding, stores and auditing, platform knows no feature, and the
 * engine and the Keras import are libraries. A rule whose subject matches no class fails
 * (ArchUnit's {@code failOnEmptyShould}); {@link #whatTheRulesForbidIsReallyThere} keeps their
 * objects real.
 */
@AnalyzeClasses(packages = "org.lungscan", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String PRODUCT = "org.lungscan..";
  private static final String PLATFORM = "org.lungscan.platform..";
  private static final String IMAGES = "org.lungscan.scans.images..";
  private static final String ENGINE = "org.lungscan.predictions.inference..";
  private static final String KERAS_IMPORT = "org.lungscan.predictions.kerasimport..";

  /** A door and everything nested in it (its records, inner classes, lambdas' holders). */
  private static final DescribedPredicate<JavaClass> DOORS =
      DescribedPredicate.describe(
          "doors (*Resource, *View, *Servlet)",
          c -> c.getName().matches("org\\.lungscan\\..*\\.\\w*(Resource|View|Servlet)(\\$.*)?"));

  private static final DescribedPredicate<JavaClass> STORES =
      DescribedPredicate.describe(
              "stores (*Records, ImageStorage)",
              (JavaClass c) ->
                  c.getName().startsWith("org.lungscan.")
                      && (c.getSimpleName().endsWith("Records")
                          || c.getSimpleName().equals("ImageStorage")))
          .or(resideInAPackage(IMAGES));

  @ArchTest
  static final ArchRule doorsDoNotUseThePersistenceApi =
      noClasses()
          .that(DOORS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("jakarta.persistence..")
          .because("a door calls services; services own the entity manager");

  @ArchTest
  static final ArchRule doorsDoNotTouchFiles =
      noClasses()
          .that(DOORS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.nio.file..")
          .because("services own files and hand doors bytes or streams");

  @ArchTest
  static final ArchRule doorsDoNotDecodeImages =
      noClasses()
          .that(DOORS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("javax.imageio..")
          .because("decoding lives in scans.images, asked by services");

  @ArchTest
  static final ArchRule onlyTheImageCodeAndTheEngineDecodeImages =
      noClasses()
          .that()
          .resideInAPackage(PRODUCT)
          .and()
          .resideOutsideOfPackages(IMAGES, ENGINE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("javax.imageio..")
          .because("a service that needs pixels asks scans.images (or the engine) for them");

  @ArchTest
  static final ArchRule doorsDoNotRunTheModel =
      noClasses()
          .that(DOORS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ENGINE, KERAS_IMPORT)
          .because("the model is reached through the predictions service");

  @ArchTest
  static final ArchRule doorsReachStoresOnlyThroughServices =
      noClasses()
          .that(DOORS)
          .should()
          .dependOnClassesThat(STORES)
          .because("a door that reads a store skips the service's scoping and auditing");

  @ArchTest
  static final ArchRule servicesDoNotKnowWhichDoorCalled =
      noClasses()
          .that(resideInAPackage(PRODUCT))
          .and(simpleNameEndingWith("Service").or(JavaClass.Predicates.simpleName("AuditTrail")))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jakarta.servlet..", "jakarta.ws.rs..", "jakarta.faces..")
          .because("the same service serves the pages and the API");

  @ArchTest
  static final ArchRule platformKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage(PLATFORM)
          .should()
          .dependOnClassesThat(resideInAPackage(PRODUCT).and(not(resideInAPackage(PLATFORM))))
          .because("platform is what every feature shares");

  @ArchTest
  static final ArchRule onlyDoorsUseDoors =
      noClasses()
          .that(resideInAPackage(PRODUCT).and(not(DOORS)))
          .should()
          .dependOnClassesThat(DOORS)
          .because("features talk through services, ports or events, never through doors");

  @ArchTest
  static final ArchRule theKerasImportIsALibrary =
      noClasses()
          .that()
          .resideInAPackage(KERAS_IMPORT)
          .should()
          .dependOnClassesThat(resideInAPackage(PRODUCT).and(not(resideInAPackage(KERAS_IMPORT))))
          .because("the Keras import imports nothing of the product");

  @ArchTest
  static final ArchRule theEngineUsesOnlyTheKerasImport =
      noClasses()
          .that()
          .resideInAPackage(ENGINE)
          .should()
          .dependOnClassesThat(
              resideInAPackage(PRODUCT).and(not(resideInAnyPackage(ENGINE, KERAS_IMPORT))))
          .because("the engine is a library over the Keras import, with no CDI, JPA or web");

  @ArchTest
  static final ArchRule theImageCodeIsALibrary =
      noClasses()
          .that()
          .resideInAPackage(IMAGES)
          .should()
          .dependOnClassesThat(resideInAPackage(PRODUCT).and(not(resideInAPackage(IMAGES))))
          .because("scans.images is plain Java that the scans service wires");

  @ArchTest
  static final ArchRule librariesRunWithoutTheContainer =
      noClasses()
          .that()
          .resideInAnyPackage(ENGINE, KERAS_IMPORT, IMAGES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.enterprise..",
              "jakarta.inject..",
              "jakarta.ejb..",
              "jakarta.persistence..",
              "jakarta.transaction..",
              "jakarta.servlet..",
              "jakarta.ws.rs..",
              "jakarta.faces..")
          .because("the engine, the Keras import and the image code run in plain Java too");

  /**
   * Which feature may import which, as each package-info.java says: each builds on the ones before
   * it and never on one after it. A new top-level package must take its place here.
   */
  private static final Map<String, List<String>> MAY_IMPORT =
      Map.of(
          "platform",
          List.of(),
          "audit",
          List.of("platform"),
          "accounts",
          List.of("audit", "platform"),
          "patients",
          List.of("accounts", "audit", "platform"),
          "scans",
          List.of("patients", "accounts", "audit", "platform"),
          "predictions",
          List.of("scans", "patients", "accounts", "audit", "platform"),
          "reading",
          List.of("predictions", "scans", "patients", "accounts", "audit", "platform"),
          "reports",
          List.of("reading", "predictions", "scans", "patients", "accounts", "audit", "platform"),
          "analytics",
          List.of(
              "models",
              "reports",
              "reading",
              "predictions",
              "scans",
              "patients",
              "accounts",
              "audit",
              "platform"),
          "operations",
          List.of(
              "analytics",
              "models",
              "reports",
              "reading",
              "predictions",
              "scans",
              "patients",
              "accounts",
              "audit",
              "platform"));

  @ArchTest
  static void featuresImportOnlyTheFeaturesBeneathThem(JavaClasses product) {
    Set<String> topLevel =
        product.stream()
            .map(JavaClass::getPackageName)
            .filter(p -> p.startsWith("org.lungscan."))
            .map(p -> p.substring("org.lungscan.".length()).split("\\.")[0])
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(MAY_IMPORT.keySet()), topLevel, "features without a place");
    MAY_IMPORT.forEach(
        (feature, beneath) -> {
          List<String> allowed = new ArrayList<>();
          allowed.add("org.lungscan." + feature + "..");
          beneath.forEach(b -> allowed.add("org.lungscan." + b + ".."));
          noClasses()
              .that()
              .resideInAPackage("org.lungscan." + feature + "..")
              .should()
              .dependOnClassesThat(
                  resideInAPackage(PRODUCT)
                      .and(not(resideInAnyPackage(allowed.toArray(String[]::new)))))
              .check(product);
        });
  }

  /**
   * The rules above forbid real things: each kind of door exists, and every forbidden target is
   * used somewhere in the product, so a misspelt package cannot make a rule pass by matching
   * nothing.
   */
  @ArchTest
  static void whatTheRulesForbidIsReallyThere(JavaClasses product) {
    for (String door : List.of("Resource", "View", "Servlet")) {
      assertTrue(
          product.stream().anyMatch(c -> DOORS.test(c) && c.getSimpleName().endsWith(door)),
          "no *" + door + " door");
    }
    assertTrue(product.stream().anyMatch(STORES::test), "no store");
    for (String target :
        List.of(
            "jakarta.persistence.EntityManager",
            "java.nio.file.",
            "javax.imageio.",
            "org.lungscan.platform.",
            "org.lungscan.predictions.inference.",
            "org.lungscan.predictions.kerasimport.",
            "jakarta.servlet.",
            "jakarta.ws.rs.",
            "jakarta.faces.")) {
      assertTrue(
          product.stream()
              .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
              .anyMatch(d -> d.getTargetClass().getName().startsWith(target)),
          "nothing in the product uses " + target);
    }
  }

  /** Every package says, in its package-info.java, what it offers and what it must not import. */
  @ArchTest
  static void everyPackageHasItsSpec(JavaClasses product) {
    Set<String> packages =
        product.stream()
            .map(JavaClass::getPackageName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(packages.size() > 5, () -> "too few packages imported: " + packages);
    Set<String> without =
        packages.stream()
            .filter(
                p ->
                    !Files.isRegularFile(
                        Path.of("src", "main", "java")
                            .resolve(p.replace('.', '/'))
                            .resolve("package-info.java")))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), without, "packages without package-info.java");
  }
}
