package defragcheck.harness.report;

import defragcheck.harness.CheckResult;
import defragcheck.harness.Comparison;
import defragcheck.harness.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reviewer's report: a static site (no network, no scripts) with {@code index.html} (the protocol
 * table and every model's verdict), one page per counterexample ({@code cx/NAME.html}, a sequence
 * diagram) with its trace in ITF ({@code cx/NAME.itf.json}), and the spec modules the pages link to
 * ({@code src/...tla.html}, one anchor per line).
 */
public final class ReportSite {
    private ReportSite() {}

    /** Why {@code dir} cannot hold a report (a file, a symbolic link, under a file), or null if it can. */
    public static String unusable(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isSymbolicLink(p) && p.equals(dir.toAbsolutePath().normalize())) return dir + " is a symbolic link";
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p)) {
                return p.equals(dir.toAbsolutePath().normalize()) ? dir + " is not a directory" : dir + ": " + p + " is not a directory";
            }
        }
        return null;
    }

    /**
     * Writes the site for {@code results} (models of the project at {@code root}) into {@code dir}, creating it.
     * Returns the counterexample pages written, relative to {@code dir}.
     */
    public static List<String> write(Path dir, Path root, List<Comparison> results) throws IOException {
        String bad = unusable(dir);
        if (bad != null) throw new IOException(bad);
        Path cx = dir.resolve("cx");
        Files.createDirectories(cx);
        SpecLinks links = new SpecLinks(root.toAbsolutePath().normalize());
        List<String> pages = new ArrayList<>();
        for (Comparison c : results) {
            if (!hasPage(c.result())) continue;
            CounterexamplePage.write(c, links, cx);
            pages.add("cx/" + c.declared().name() + ".html");
        }
        Files.writeString(dir.resolve("index.html"), IndexPage.html(results));
        for (Map.Entry<String, Path> page : links.pages().entrySet()) {
            Path target = dir.resolve(page.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, SpecLinks.render(root.toAbsolutePath().normalize().relativize(page.getValue().toAbsolutePath().normalize())
                    .toString(), Files.readString(page.getValue())));
        }
        return pages;
    }

    /** A result has a page when TLC gave a behaviour: a safety, deadlock or liveness failure. */
    public static boolean hasPage(CheckResult r) {
        return !r.counterexample().states().isEmpty();
    }

    /** "keeps the data", "breaks Integrity", "deadlock", "TLC could not check it". */
    static String verdictText(CheckResult r) {
        return switch (r.verdict()) {
            case SUCCESS -> "keeps the data";
            case SAFETY_FAILURE -> "breaks " + r.violated();
            case LIVENESS_FAILURE -> "breaks " + r.violated() + " (liveness)";
            case DEADLOCK_FAILURE -> "deadlock";
            case UNNAMED_VIOLATION -> "a safety failure or deadlock (distributed TLC names neither)";
            case ERROR -> "TLC could not check it";
        };
    }

    static final String STYLE = String.join("",
            "body{font:14px/1.5 system-ui,sans-serif;margin:18px 26px;color:#222;background:#fff}",
            "h1{font-size:21px;margin:6px 0 4px}h2{font-size:16px;margin:22px 0 6px;border-bottom:1px solid #e2e2e2;padding-bottom:3px}",
            "h3{font-size:14px;margin:4px 0}nav a{color:#3b6fb6;text-decoration:none}a{color:#2a5ea8}",
            ".bad{color:#c0141b}.good{color:#2c7a2c}.facts{color:#555;margin:2px 0 8px}",
            "table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left}",
            "th{background:#f3f5f8}code{font:12.5px ui-monospace,monospace}",
            "table.protocols td{min-width:150px}td.keeps{background:#eef8ee}td.breaks{background:#fdecec}td.none{color:#999}",
            "td.mismatch{outline:3px solid #e8a200}span.at{color:#666;font-size:12.5px}",
            ".where{background:#fff7f7;border:1px solid #f0c4c4;border-radius:6px;padding:2px 14px 4px;margin:8px 0;",
            "display:flex;flex-wrap:wrap;gap:0 28px;align-items:flex-start}.where .hint{flex-basis:100%;margin:4px 0}",
            ".where h2{border:none;margin:6px 0 2px}.where p{margin:4px 0}ul.evidence{margin:2px 0 4px;padding-left:20px}",
            ".block{display:inline-block;vertical-align:top;background:#fff;border:2px solid #d7263d;",
            "border-radius:6px;padding:2px 12px;margin:10px 10px 4px 0}.block ul{margin:2px 0;padding-left:18px}",
            ".hint{color:#555;font-size:13px}.dot{display:inline-block;width:10px;height:10px;border-radius:5px;background:#d7263d}",
            ".diagram{overflow-x:auto;border:1px solid #e2e2e2;border-radius:6px;padding:4px}",
            "table.init td,table.steps td{font-size:12.5px}table.steps td:nth-child(4){max-width:900px;word-break:break-word}",
            "pre.story{background:#f6f7f9;padding:10px 14px;border-radius:6px;white-space:pre-wrap;font-size:12.5px}");
}
