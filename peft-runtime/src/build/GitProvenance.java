import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Build step (run as a single-file program by exec-maven-plugin): writes {@code OUT} with the
 * version, the git commit and whether the tree was dirty. Without git or a repository (a source
 * tarball) the commit is "unknown". No timestamp, so the file is reproducible.
 *
 * <p>Usage: {@code java GitProvenance.java OUT VERSION REPO_DIR}
 */
public final class GitProvenance {

    private GitProvenance() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path repo = Path.of(args[2]);
        String commit = git(repo, "rev-parse", "--verify", "HEAD");
        String status = commit == null ? null : git(repo, "status", "--porcelain", "--untracked-files=no");
        boolean known = commit != null && commit.matches("[0-9a-f]{40}") && status != null;
        String text = "version=" + args[1] + "\n"
                + "commit=" + (known ? commit : "unknown") + "\n"
                + "dirty=" + (known ? String.valueOf(!status.isEmpty()) : "unknown") + "\n";
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }

    /** The trimmed output of a git command, or null when git is missing or fails. */
    private static String git(Path repo, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).directory(repo.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String text;
            try (InputStream in = p.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            return text;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
