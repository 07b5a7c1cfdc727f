package defragcheck.harness.report;

import defragcheck.harness.CheckResult;
import defragcheck.harness.Comparison;
import defragcheck.harness.DeclaredModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code index.html}: the protocol × mode × crash table of this run's verdicts (the manifests'
 * "cell"s, as README's table), then every model with its declared and found result, distinct
 * states, depth, seconds and the link to its counterexample.
 */
final class IndexPage {
    private static final String[] COLUMNS = {"page cache", "DAX", "page cache, crash", "DAX, crash"};

    private IndexPage() {}

    static String html(List<Comparison> results) {
        StringBuilder sb = new StringBuilder();
        long ok = results.stream().filter(Comparison::matches).count();
        long pages = results.stream().filter(c -> ReportSite.hasPage(c.result())).count();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>defragcheck: verdicts and counterexamples</title>\n<style>")
                .append(ReportSite.STYLE).append("</style></head>\n<body>\n<h1>defragcheck: verdicts and counterexamples</h1>\n");
        sb.append("<p class=\"facts\">").append(ok).append(" of ").append(results.size())
                .append(" models gave their declared result in this run; ").append(pages)
                .append(" counterexamples, each a sequence diagram with one lane per actor.</p>\n");

        Map<String, Comparison[]> rows = new LinkedHashMap<>();
        for (Comparison c : results) {
            DeclaredModel.Cell cell = c.declared().cell();
            if (cell == null) continue;
            rows.computeIfAbsent(cell.protocol(), p -> new Comparison[4])[(cell.crash() ? 2 : 0) + (cell.dax() ? 1 : 0)] = c;
        }
        if (!rows.isEmpty()) {
            sb.append("<h2>Which protocols keep the data</h2>\n<table class=\"protocols\"><thead><tr><th>protocol</th>");
            for (String col : COLUMNS) sb.append("<th>").append(col).append("</th>");
            sb.append("</tr></thead><tbody>\n");
            rows.forEach((protocol, row) -> {
                sb.append("<tr><th>").append(Html.escape(protocol)).append("</th>");
                for (Comparison c : row) sb.append(cell(c));
                sb.append("</tr>\n");
            });
            sb.append("</tbody></table>\n");
        }

        sb.append("<h2>Every model</h2>\n<table class=\"models\"><thead><tr><th>model</th><th>declared</th><th>verdict</th><th>violated</th>"
                + "<th>distinct states</th><th>depth</th><th>seconds</th><th>counterexample</th><th></th></tr></thead><tbody>\n");
        for (Comparison c : results) {
            CheckResult r = c.result();
            sb.append("<tr id=\"model-").append(Html.escape(c.declared().name())).append("\"><td>").append(Html.escape(c.declared().name()))
                    .append("</td><td>").append(Html.escape(c.declared().expectation())).append("</td><td>").append(Html.escape(r.verdict().label()))
                    .append("</td><td>").append(r.violated() == null ? "" : Html.escape(r.violated()))
                    .append(r.counterexample().culprits().isEmpty() ? "" : " <span class=\"at\">at " + Html.escape(where(r)) + "</span>")
                    .append("</td><td>")
                    .append(r.distinct() < 0 ? "-" : String.format(Locale.ROOT, "%,d", r.distinct())).append("</td><td>")
                    .append(r.depth() < 0 ? "-" : String.valueOf(r.depth())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", r.seconds())).append("</td><td>");
            if (ReportSite.hasPage(r)) {
                sb.append("<a href=\"").append(link(c)).append("\">").append(r.counterexample().states().size()).append(" states</a>");
            }
            sb.append("</td><td>").append(c.matches() ? "<span class=\"good\">OK</span>" : "<b class=\"bad\">MISMATCH</b>").append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n</body></html>\n");
        return sb.toString();
    }

    private static String cell(Comparison c) {
        if (c == null) return "<td class=\"none\">not modelled</td>";
        CheckResult r = c.result();
        String cls = (r.verdict() == defragcheck.harness.Verdict.SUCCESS ? "keeps" : "breaks") + (c.matches() ? "" : " mismatch");
        StringBuilder sb = new StringBuilder("<td class=\"").append(cls).append("\">");
        sb.append(r.verdict() == defragcheck.harness.Verdict.SUCCESS ? "keeps the data" : "<b>" + Html.escape(ReportSite.verdictText(r)) + "</b>");
        if (!r.counterexample().culprits().isEmpty()) sb.append(" at ").append(Html.escape(where(r)));
        sb.append("<br><code>").append(Html.escape(c.declared().name())).append("</code> · ")
                .append(r.distinct() < 0 ? "-" : String.format(Locale.ROOT, "%,d", r.distinct())).append(" states · depth ")
                .append(r.depth() < 0 ? "-" : String.valueOf(r.depth())).append(" · ").append(String.format(Locale.ROOT, "%.1f s", r.seconds()));
        if (ReportSite.hasPage(r)) sb.append("<br><a href=\"").append(link(c)).append("\">counterexample</a>");
        if (!c.matches()) sb.append("<br><b>MISMATCH</b>: ").append(Html.escape(String.join("; ", c.disagreements())));
        return sb.append("</td>").toString();
    }

    /** Where the violated invariant fails: "orig, block 1", or the culprits' bindings. */
    private static String where(CheckResult r) {
        return SequenceDiagram.culpritText(r.counterexample().culprits(), BlockRef.of(r.counterexample().culprits()));
    }

    private static String link(Comparison c) {
        return "cx/" + Html.escape(c.declared().name()) + ".html";
    }
}
