package org.peft4j.eval;

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
 * The dependency direction between modules, checked on the main classes of every module on this
 * test class path (peft-methods comes at runtime scope, peft-testkit at test scope). DJL and the
 * JDK are allowed everywhere. Rules hold vacuously for a module without classes yet.
 */
class ArchitectureTest {

    private static final String API = "org.peft4j.api..";
    private static final String METHODS = "org.peft4j.methods..";
    private static final String RUNTIME = "org.peft4j.runtime..";
    private static final String TESTKIT = "org.peft4j.testkit..";
    private static final String EVAL = "org.peft4j.eval..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
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
    void methodsDependOnlyOnTheApi() {
        classes().that().resideInAPackage(METHODS)
                .should().onlyDependOnClassesThat().resideInAnyPackage(API, METHODS, "java..", "ai.djl..")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void theRuntimeKnowsNeitherMethodsNorTheLayersAboveIt() {
        noClasses().that().resideInAPackage(RUNTIME)
                .should().dependOnClassesThat().resideInAnyPackage(METHODS, EVAL, TESTKIT)
                .check(main);
    }

    @Test
    void noFrameworkModuleNamesAConcreteMethod() {
        noClasses().that().resideInAnyPackage(EVAL, RUNTIME, TESTKIT)
                .should().dependOnClassesThat().resideInAPackage(METHODS)
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void theTestkitDoesNotDependOnTheEvaluation() {
        noClasses().that().resideInAPackage(TESTKIT)
                .should().dependOnClassesThat().resideInAPackage(EVAL)
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
