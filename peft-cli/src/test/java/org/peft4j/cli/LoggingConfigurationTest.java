package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;

/**
 * The bundled log4j2.xml: concise lines on stderr, DJL at WARN and its CUDA detection at ERROR,
 * root level from a property. (Written without log4j's Level class, whose annotations make javac warn.)
 */
class LoggingConfigurationTest {

    @Test
    void linesAreShortAndGoToStandardError() {
        ConsoleAppender console = (ConsoleAppender) ((Logger) LogManager.getRootLogger()).getAppenders().get("stderr");
        assertEquals(ConsoleAppender.Target.SYSTEM_ERR, console.getTarget());
        assertEquals("%d{HH:mm:ss} %-5level %c{1} - %msg%n", ((PatternLayout) console.getLayout()).getConversionPattern());
    }

    @Test
    void djlReportsOnlyWarnings() {
        assertFalse(LogManager.getLogger("ai.djl.pytorch.engine.PtEngine").isInfoEnabled());
        assertTrue(LogManager.getLogger("ai.djl.pytorch.engine.PtEngine").isWarnEnabled());
    }

    @Test
    void djlCudaDetectionOnlyReportsErrors() {
        org.apache.logging.log4j.Logger cuda = LogManager.getLogger("ai.djl.util.cuda.CudaUtils");
        assertFalse(cuda.isWarnEnabled());
        assertTrue(cuda.isErrorEnabled());
    }

    @Test
    void theRootLevelComesFromTheSystemProperty() {
        assumeTrue("WARN".equals(System.getProperty("log4j2.level")), "the build runs tests with -Dlog4j2.level=WARN");
        assertTrue(LogManager.getRootLogger().isWarnEnabled());
        assertFalse(LogManager.getRootLogger().isInfoEnabled());
    }
}
