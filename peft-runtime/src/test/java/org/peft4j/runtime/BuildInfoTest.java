package org.peft4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void withoutGitTheCommitIsUnknown() {
        BuildInfo info = BuildInfo.read(null);
        assertEquals(BuildInfo.UNKNOWN, info.commit());
        assertEquals(BuildInfo.UNKNOWN, info.dirty());
        assertEquals("peft4j development build (commit unknown, tree state unknown)", info.describe());
    }

    @Test
    void readsTheFileOfABuildWithoutGit() {
        BuildInfo info = BuildInfo.read(new ByteArrayInputStream(
                "version=1.0\ncommit=unknown\ndirty=unknown\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("unknown", info.commit());
    }

    @Test
    void readsTheCommitAndDirtyFlag() {
        BuildInfo info = BuildInfo.read(new ByteArrayInputStream(("version=1.0\ncommit=" + "a".repeat(40)
                + "\ndirty=true\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals("peft4j 1.0 (commit aaaaaaaaaaaa, dirty)", info.describe());
    }

    @Test
    void theBuildWritesItsProvenance() {
        // the reactor build ran src/build/GitProvenance.java: a commit, or "unknown" without git
        BuildInfo current = BuildInfo.current();
        assertTrue(current.commit().equals(BuildInfo.UNKNOWN) || current.commit().matches("[0-9a-f]{40}"),
                current.commit());
        assertTrue(!current.version().equals("development build"), current.version());
    }
}
