package defragcheck.harness.report;

import defragcheck.harness.ActionInstance;
import defragcheck.harness.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each action is defined, as a link into the site's rendered copy of the spec: the module TLC
 * names for the action's definition, found as TLC finds it (the model's directory, then {@code spec/}),
 * becomes {@code src/<path from the project root>.html}, and the line an anchor {@code #L194} there.
 * The copies travel with the site, so the links work wherever the site is opened.
 */
final class SpecLinks {
    private final Path root;
    /** Every module file linked so far, by its page path relative to the site. */
    private final Map<String, Path> pages = new LinkedHashMap<>();

    SpecLinks(Path root) {
        this.root = root;
    }

    /** The link from a page one folder below the site's top to the definition of {@code step}, or null. */
    String link(Model model, ActionInstance step) {
        if (step.module() == null || step.line() <= 0) return null;
        Path file = model.moduleFile(step.module());
        if (!Files.isRegularFile(file) || !file.getFileName().toString().equals(step.module() + ".tla")) return null;
        String page = page(file);
        pages.putIfAbsent(page, file);
        return "../" + page + "#L" + step.line();
    }

    /** {@code src/spec/Environment.tla.html} for {@code ROOT/spec/Environment.tla}. */
    String page(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String rel = abs.startsWith(root) ? root.relativize(abs).toString() : "external/" + abs.getFileName();
        return "src/" + rel.replace('\\', '/') + ".html";
    }

    Map<String, Path> pages() {
        return pages;
    }

    /** A module as a page: one numbered line each, anchored {@code L<n>}, the linked line highlighted when targeted. */
    static String render(String title, String source) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
                .append("</title>\n<style>body{font:13px/1.45 ui-monospace,monospace;margin:0;background:#fff;color:#222}"
                        + "h1{font:600 15px system-ui,sans-serif;padding:10px 14px;margin:0;border-bottom:1px solid #ddd}"
                        + "pre{margin:0;padding:8px 0}.l{display:block;padding:0 14px}.l:target{background:#fff3b0}"
                        + ".n{display:inline-block;width:4.5em;color:#999;text-align:right;margin-right:1.2em;user-select:none}"
                        + "</style></head>\n<body><h1>").append(Html.escape(title)).append("</h1><pre>");
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            sb.append("<span class=\"l\" id=\"L").append(i + 1).append("\"><span class=\"n\">").append(i + 1)
                    .append("</span>").append(Html.escape(lines[i])).append("</span>");
        }
        return sb.append("</pre></body></html>\n").toString();
    }
}
