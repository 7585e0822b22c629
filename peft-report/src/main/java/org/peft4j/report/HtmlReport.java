package org.peft4j.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * The report as one self-contained HTML page for sharing: {@code report.md} rendered (tables
 * included), every figure it links inlined as a {@code data:} URI, the styles inline, no script. A
 * content security policy forbids any other resource, so the page shows the same everywhere, also
 * offline. Figures must be image files inside the report folder; anything else is refused.
 */
public final class HtmlReport {

    /** The page's file name, next to {@code report.md}. */
    public static final String FILE = "report.html";

    /** The largest figure inlined; a report's PNGs are well under 1 MiB. */
    static final long MAX_FIGURE_BYTES = 32L << 20;

    private static final Map<String, String> MEDIA_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "gif", "image/gif", "svg", "image/svg+xml");

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:1200px;
            margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            table{border-collapse:collapse;margin:1em 0;font-size:.9em;font-variant-numeric:tabular-nums}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}
            th:first-child,td:first-child{text-align:left}
            th{background:#f3f3f3}
            img{max-width:100%;height:auto;display:block;margin:1em 0}
            code{background:#f3f3f3;padding:0 .2em}
            h1,h2,h3{line-height:1.2}
            """;

    private HtmlReport() {}

    /**
     * Writes {@value #FILE} from the folder's {@code report.md}.
     *
     * @param dir the report folder
     * @return the page
     * @throws IllegalArgumentException if {@code report.md} links a figure that is not an image file
     *     inside the folder
     */
    public static Path write(Path dir) {
        Path markdown = dir.resolve("report.md");
        String text;
        try {
            text = Files.readString(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + markdown + ": " + e.getMessage(), e);
        }
        Path file = dir.resolve(FILE);
        AtomicFiles.writeString(file, html(text, dir));
        return file;
    }

    /**
     * Renders a report's Markdown as a page.
     *
     * @param markdown the Markdown text; its first heading becomes the page title
     * @param dir the folder its figures are in
     * @return the HTML text
     */
    static String html(String markdown, Path dir) {
        Node document = Parser.builder().extensions(EXTENSIONS).build().parse(markdown);
        Path root = realFolder(dir);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                image.setDestination(dataUri(image.getDestination(), root));
                visitChildren(image);
            }
        });
        String body = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build().render(document);
        String title = markdown.lines().filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2).trim())
                .orElse("peft4j report");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
                + "style-src 'unsafe-inline'\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    private static Path realFolder(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the report folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The figure a report links, as a data: URI; only an image file inside the report folder qualifies. */
    private static String dataUri(String link, Path root) {
        String ext = link.substring(link.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = MEDIA_TYPES.get(ext);
        Path figure;
        try {
            figure = link.contains(":") || link.startsWith("/") || type == null ? null
                    : root.resolve(link).toRealPath();
        } catch (IOException | RuntimeException e) {
            figure = null;
        }
        if (figure == null || !figure.startsWith(root) || !Files.isRegularFile(figure, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("report.md in " + root + " links the figure '" + link
                    + "', which is not a PNG, JPEG, GIF or SVG file inside that folder; a shareable report.html can "
                    + "only inline the report's own figures, so link those or remove the link");
        }
        try {
            long size = Files.size(figure);
            if (size > MAX_FIGURE_BYTES) {
                throw new IllegalArgumentException("the figure " + figure + " has " + size + " bytes, more than the "
                        + MAX_FIGURE_BYTES + " that report.html inlines; make it smaller or remove its link");
            }
            return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(figure));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the figure " + figure + ": " + e.getMessage(), e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
