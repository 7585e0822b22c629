package org.peft4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.store.ResultStore;

/**
 * report.html: every figure report.md links is inlined, nothing else is loaded, links out of the
 * folder are refused; and in a real browser (Debian's headless Chromium) every figure decodes and
 * nothing is logged as an error.
 */
class HtmlReportTest {

    private static final Pattern FIGURE = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)");

    @TempDir
    Path dir;

    /** A real 3 × 2 PNG. */
    private static Path smallPng(Path file) throws java.io.IOException {
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", file.toFile());
        return file;
    }

    private static List<String> figures(String markdown) {
        return FIGURE.matcher(markdown).results().map(m -> m.group(1)).toList();
    }

    @Test
    void everyLinkedFigureIsInlinedAndTextIsEscaped() throws Exception {
        byte[] png = Files.readAllBytes(smallPng(dir.resolve("plot.png")));
        String html = HtmlReport.html("# a <b>report</b>\n\n| m | x |\n|---|---|\n| <i>m1</i> | 1 |\n\n"
                + "![plot](plot.png)\n", dir);
        assertTrue(html.contains("<title>a &lt;b&gt;report&lt;/b&gt;</title>"), html);
        assertTrue(html.contains("<td>&lt;i&gt;m1&lt;/i&gt;</td>"), "a table, its text escaped: " + html);
        assertTrue(html.contains("<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
                + "\" alt=\"plot\" />"), html);
        assertFalse(html.contains("plot.png"), "the file is not referenced");
        assertTrue(html.contains("default-src 'none'; img-src data:"), "nothing but inlined figures may load");
    }

    @Test
    void figuresOutsideTheFolderOrNotImagesAreRefused() throws Exception {
        Path report = Files.createDirectories(dir.resolve("report"));
        smallPng(dir.resolve("outside.png"));
        Files.writeString(report.resolve("notes.txt"), "x");
        for (String link : List.of("../outside.png", "https://example.org/a.png", "/etc/passwd", "notes.txt",
                "missing.png")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HtmlReport.html("![x](" + link + ")\n", report), link);
            assertTrue(e.getMessage().contains("links the figure '" + link + "', which is not a PNG"), e.getMessage());
        }
    }

    @Test
    void theReportOpensInHeadlessChromiumWithEveryFigureAndNoError() throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "no chromium or chromium-browser on the PATH: install Debian's chromium "
                + "package to check report.html in a browser (.ci/run does so in CI)");
        ResultStore store = SyntheticStore.create(dir.resolve("store"));
        ComparisonReport.write(store);
        Path report = store.root().resolve(ComparisonReport.FOLDER);
        List<String> linked = figures(Files.readString(report.resolve("report.md")));
        assertTrue(linked.size() >= 8, "the report links its figures: " + linked);
        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), dir.resolve("profile"))) {
            browser.open(report.resolve(HtmlReport.FILE).toUri());
            JsonArray images = browser.evaluate("Array.from(document.images).map(i => "
                    + "[i.alt, i.complete, i.naturalWidth, i.naturalHeight, i.src.slice(0, 22)])").getAsJsonArray();
            assertEquals(linked.size(), images.size(), images.toString());
            for (JsonElement image : images) {
                JsonArray a = image.getAsJsonArray();
                assertTrue(a.get(1).getAsBoolean() && a.get(2).getAsInt() > 0 && a.get(3).getAsInt() > 0,
                        "figure " + a.get(0) + " did not load: " + a);
                assertEquals("data:image/png;base64,", a.get(4).getAsString());
            }
            assertTrue(browser.evaluate("document.querySelectorAll('table').length").getAsInt() >= 5);
            assertEquals(List.of(), browser.errors(), "console errors");
        }
    }

    /** A figure that does not decode is an error in the browser: the check can fail. */
    @Test
    void aBrokenFigureFailsInChromium() throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "no chromium or chromium-browser on the PATH");
        Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path page = dir.resolve(HtmlReport.FILE);
        Files.writeString(page, HtmlReport.html("# broken\n\n![broken](broken.png)\n", dir)
                .replace("</body>", "<img src=\"https://example.org/x.png\" alt=\"external\">\n</body>"));
        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), dir.resolve("profile"))) {
            browser.open(page.toUri());
            JsonArray images = browser.evaluate("Array.from(document.images).map(i => i.naturalWidth)")
                    .getAsJsonArray();
            assertEquals("[0,0]", images.toString(), "neither the broken nor the blocked figure has a size");
            assertFalse(browser.errors().isEmpty(), "the blocked external figure is reported as an error");
        }
    }
}
