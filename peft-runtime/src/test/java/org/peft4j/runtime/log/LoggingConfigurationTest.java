package org.peft4j.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The bundled log4j2.xml: concise lines on stderr, quiet DJL CUDA detection, root level from a property. */
class LoggingConfigurationTest {

    private final Configuration config = ((LoggerContext) LogManager.getContext(false)).getConfiguration();

    @Test
    void linesAreShortAndGoToStandardError() {
        ConsoleAppender console = config.getAppender("stderr");
        assertEquals(ConsoleAppender.Target.SYSTEM_ERR, console.getTarget());
        Log4jLogEvent event = Log4jLogEvent.newBuilder().setLoggerName("org.peft4j.runtime.io.Checkpoints")
                .setLevel(Level.INFO).setMessage(new SimpleMessage("loaded")).setTimeMillis(0).build();
        String line = console.getLayout().toSerializable(event).toString();
        assertEquals("INFO  Checkpoints - loaded" + System.lineSeparator(), line.substring(9));
        assertEquals(true, line.matches("\\d\\d:\\d\\d:\\d\\d .*\\R"), line);
    }

    @Test
    void djlCudaDetectionOnlyReportsErrors() {
        assertEquals(Level.ERROR, config.getLoggerConfig("ai.djl.util.cuda.CudaUtils").getLevel());
    }

    @Test
    void theRootLevelComesFromTheSystemProperty() {
        // the build runs tests with -Dlog4j2.level=WARN; without the property the level is INFO
        assertEquals(Level.toLevel(System.getProperty("log4j2.level", "INFO")), config.getRootLogger().getLevel());
    }
}
