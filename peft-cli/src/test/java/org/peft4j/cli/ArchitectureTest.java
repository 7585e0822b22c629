package org.peft4j.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction between modules (docs/architecture.md), checked on the main classes of
 * every module on this test class path: peft-cli sees them all (peft-methods at runtime scope,
 * peft-testkit at test scope). DJL and the JDK are allowed everywhere. Rules hold vacuously for a
 * module without classes yet.
 */
class ArchitectureTest {

    private static final String API = "org.peft4j.api..";
    private static final String METHODS = "org.peft4j.methods..";
    private static final String RUNTIME = "org.peft4j.runtime..";
    private static final String TESTKIT = "org.peft4j.testkit..";
    private static final String EVAL = "org.peft4j.eval..";
    private static final String BLOCKS = "org.peft4j.blocks..";
    private static final String REPORT = "org.peft4j.report..";
    private static final String EMBEDDED = "org.peft4j.embedded..";
    private static final String SLURM = "org.peft4j.slurm..";
    private static final String CLI = "org.peft4j.cli..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.peft4j");
        assertTrue(main.contain("org.peft4j.api.PeftMethodProvider"), "peft-api was imported");
        assertTrue(main.contain("org.peft4j.runtime.vit.VisionTransformer"), "peft-runtime was imported");
    }

    @Test
    void theApiDependsOnlyOnItselfTheJdkAndDjl() {
        noClasses().that().resideInAPackage(API)
                .should().dependOnClassesThat(resideInAPackage("org.peft4j..").and(resideOutsideOfPackage(API)))
                .check(main);
        classes().that().resideInAPackage(API)
                .should().onlyDependOnClassesThat().resideInAnyPackage(API, "java..", "ai.djl..")
                .check(main);
    }

    @Test
    void buildingBlocksDependOnlyOnTheApi() {
        classes().that().resideInAPackage(BLOCKS)
                .should().onlyDependOnClassesThat().resideInAnyPackage(API, BLOCKS, "java..", "ai.djl..")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void methodsDependOnlyOnTheApiAndTheBuildingBlocks() {
        classes().that().resideInAPackage(METHODS)
                .should().onlyDependOnClassesThat().resideInAnyPackage(API, BLOCKS, METHODS, "java..", "ai.djl..")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void theRuntimeKnowsNeitherMethodsNorTheLayersAboveIt() {
        noClasses().that().resideInAPackage(RUNTIME)
                .should().dependOnClassesThat().resideInAnyPackage(METHODS, EVAL, TESTKIT, REPORT, EMBEDDED, SLURM, CLI)
                .check(main);
    }

    @Test
    void theComparisonLibraryKnowsNoneOfItsFrontEndsOrExecutors() {
        noClasses().that().resideInAPackage(EVAL)
                .should().dependOnClassesThat().resideInAnyPackage(REPORT, EMBEDDED, SLURM, CLI, TESTKIT)
                .check(main);
    }

    @Test
    void reportsBenchmarksAndExecutorsAreIndependentOfEachOtherAndOfTheCommandLine() {
        for (String module : new String[] {REPORT, EMBEDDED, SLURM}) {
            noClasses().that().resideInAPackage(module)
                    .should().dependOnClassesThat().resideInAnyPackage(
                            java.util.stream.Stream.of(REPORT, EMBEDDED, SLURM, CLI).filter(m -> !m.equals(module))
                                    .toArray(String[]::new))
                    .check(main);
        }
    }

    /** Libraries log through the Log4j API; only the command line chooses the backend and parses arguments. */
    @Test
    void onlyTheCommandLineUsesTheLoggingBackendAndPicocli() {
        noClasses().that().resideOutsideOfPackage(CLI)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.logging.log4j.core..", "picocli..")
                .check(main);
    }

    @Test
    void onlyTheReportsDrawCharts() {
        noClasses().that().resideOutsideOfPackages(REPORT)
                .should().dependOnClassesThat().resideInAPackage("org.knowm.xchart..")
                .check(main);
    }

    @Test
    void guiceIsConfinedToTheOptionalRuntimeModule() {
        noClasses().that().doNotHaveFullyQualifiedName("org.peft4j.runtime.PeftRuntimeModule")
                .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
                .check(main);
    }

    @Test
    void noFrameworkModuleNamesAConcreteMethod() {
        noClasses().that().resideInAnyPackage(EVAL, RUNTIME, TESTKIT, REPORT, EMBEDDED, SLURM, CLI)
                .should().dependOnClassesThat().resideInAPackage(METHODS)
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void theTestkitDoesNotDependOnTheEvaluation() {
        noClasses().that().resideInAPackage(TESTKIT)
                .should().dependOnClassesThat().resideInAnyPackage(EVAL, REPORT, EMBEDDED, SLURM, CLI)
                .allowEmptyShould(true)
                .check(main);
    }

    /**
     * DJL's PyTorch engine computes tensor-number arithmetic with a scalar that borrows a Java
     * buffer and is freed at once, while autograd may keep it for backward; gradients then read
     * freed memory (seen as random NaN losses). All such arithmetic goes through Scalars.
     */
    @Test
    void noTensorNumberArithmeticOutsideScalars() {
        noClasses().that().doNotHaveFullyQualifiedName("org.peft4j.api.Scalars")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "NDArray arithmetic with a Number",
                        call -> call.getTarget().getOwner().isAssignableTo(ai.djl.ndarray.NDArray.class)
                                && java.util.Set.of("add", "sub", "mul", "div", "addi", "subi", "muli", "divi", "pow",
                                        "rsub", "rdiv", "maximum", "minimum").contains(call.getTarget().getName())
                                && call.getTarget().getRawParameterTypes().size() == 1
                                && call.getTarget().getRawParameterTypes().get(0).isAssignableTo(Number.class)))
                .check(main);
    }
}
