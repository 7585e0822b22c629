package org.peft4j.cli;

import org.peft4j.api.SpiVersion;
import picocli.CommandLine.IVersionProvider;

/** Prints the peft4j and SPI versions for {@code --version}. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = PeftCommand.class.getPackage().getImplementationVersion();
        return new String[] {"peft4j " + (version == null ? "development build" : version) + ", SPI " + SpiVersion.CURRENT};
    }
}
