package defragcheck.harness.report;

import defragcheck.harness.Change;
import defragcheck.harness.CheckResult;
import defragcheck.harness.Comparison;
import defragcheck.harness.Counterexample;
import defragcheck.harness.Culprit;
import defragcheck.harness.DeclaredModel;
import defragcheck.harness.TraceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The page of one counterexample: what fails where, the sequence diagram, the initial state, every step. */
final class CounterexamplePage {
    private CounterexamplePage() {}

    static String html(Comparison c, SpecLinks links) {
        CheckResult r = c.result();
        DeclaredModel d = c.declared();
        Counterexample cx = r.counterexample();
        List<BlockRef> blocks = BlockRef.of(cx.culprits());
        TraceState last = cx.states().get(cx.states().size() - 1);
        String name = d.name();
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(name))
                .append(": counterexample</title>\n<style>").append(ReportSite.STYLE).append("</style></head>\n<body>\n");
        sb.append("<nav><a href=\"../index.html\">← all models</a></nav>\n");
        sb.append("<h1>").append(Html.escape(name)).append(": <span class=\"bad\">").append(Html.escape(ReportSite.verdictText(r)))
                .append("</span></h1>\n");
        sb.append("<p class=\"facts\">");
        if (d.cell() != null) {
            sb.append(Html.escape(d.cell().protocol())).append(" · ").append(d.cell().dax() ? "DAX" : "page cache")
                    .append(d.cell().crash() ? ", crash" : "").append(" · ");
        }
        String tla = links.page(d.model().tla());
        String cfg = links.page(d.model().cfg());
        links.pages().putIfAbsent(tla, d.model().tla());
        links.pages().putIfAbsent(cfg, d.model().cfg());
        sb.append("<a href=\"../").append(Html.escape(tla)).append("\">").append(Html.escape(d.model().tla().getFileName().toString()))
                .append("</a> + <a href=\"../").append(Html.escape(cfg)).append("\">").append(Html.escape(d.model().cfg().getFileName().toString()))
                .append("</a> · ").append(String.format(Locale.ROOT, "%,d distinct states · depth %s · %.1f s", r.distinct(),
                        r.depth() < 0 ? "-" : String.valueOf(r.depth()), r.seconds()))
                .append(" · ").append(cx.states().size()).append(" states in the trace · declared: ").append(Html.escape(d.expectation()))
                .append(c.matches() ? " ✓" : " <b class=\"bad\">MISMATCH</b>")
                .append(" · <a href=\"").append(Html.escape(name)).append(".itf.json\">the trace as ITF JSON</a></p>\n");

        sb.append("<section class=\"where\"><div class=\"why\"><h2>Where it fails</h2>\n");
        sb.append("<p>").append(Html.escape(failure(r, cx))).append("</p>\n");
        for (Culprit culprit : cx.culprits()) {
            sb.append("<div class=\"culprit\"><b>").append(Html.escape(culprit.conjunct())).append("</b> is false for <code>")
                    .append(Html.escape(culprit.label())).append("</code>");
            String where = links.link(d.model(), new defragcheck.harness.ActionInstance(culprit.conjunct(), java.util.Map.of(),
                    culprit.module(), culprit.line()));
            if (where != null) sb.append(" (<a href=\"").append(Html.escape(where)).append("\">").append(Html.escape(culprit.module()))
                    .append(".tla line ").append(culprit.line()).append("</a>)");
            if (!culprit.evidence().isEmpty()) {
                sb.append(": <ul class=\"evidence\">");
                culprit.evidence().forEach((k, v) -> sb.append("<li><code>").append(Html.escape(k)).append(" = ").append(Html.escape(v))
                        .append("</code></li>"));
                sb.append("</ul>");
            }
            sb.append("</div>\n");
        }
        sb.append("</div><div class=\"blocks\">");
        for (BlockRef b : blocks) {
            List<String> entries = FinalBlocks.entries(last, b);
            if (entries.isEmpty()) continue;
            sb.append("<div class=\"block\"><h3>").append(Html.escape(b.label())).append(" in the last state (").append(last.number())
                    .append(")</h3><ul>");
            for (String e : entries) sb.append("<li><code>").append(Html.escape(e)).append("</code></li>");
            sb.append("</ul></div>\n");
        }
        sb.append("</div>");
        if (!blocks.isEmpty()) {
            sb.append("<p class=\"hint\"><span class=\"dot\"></span> marks each step that touched ")
                    .append(Html.escape(SequenceDiagram.culpritText(cx.culprits(), blocks)))
                    .append(" (by its parameters, its key, or the device block it maps to); those changes are in red.</p>\n");
        }
        sb.append("</section>\n");

        sb.append("<h2>The steps, lane by lane</h2>\n<p class=\"hint\">One lane per actor, one row per step; each action links to its "
                + "definition in the spec. Arrows into the device lane are writes to the device.</p>\n");
        sb.append("<div class=\"diagram\">").append(SequenceDiagram.svg(r, links, blocks)).append("</div>\n");

        sb.append("<h2>The initial state</h2>\n<table class=\"init\"><tbody>");
        cx.states().get(0).values().forEach((k, v) -> sb.append("<tr><th>").append(Html.escape(k)).append("</th><td><code>")
                .append(Html.escape(v)).append("</code></td></tr>"));
        sb.append("</tbody></table>\n");

        sb.append("<h2>Every step</h2>\n<table class=\"steps\"><thead><tr><th>state</th><th>actor</th><th>action</th><th>changed</th></tr></thead><tbody>\n");
        for (int i = 0; i < cx.states().size(); i++) {
            TraceState s = cx.states().get(i);
            Lane lane = i == 0 ? null : ActorLanes.of(s.step());
            String link = links.link(d.model(), s.step());
            sb.append("<tr id=\"state-").append(s.number()).append("\"><td>").append(s.number()).append("</td><td>")
                    .append(lane == null ? "" : Html.escape(lane.title())).append("</td><td>");
            String label = "<code>" + Html.escape(s.label()) + "</code>";
            sb.append(link == null ? label : "<a href=\"" + Html.escape(link) + "\">" + label + "</a>").append("</td><td>");
            if (i == 0) sb.append("the initial state above");
            else if (s.changes().isEmpty()) sb.append("(no variable changed)");
            for (Change ch : i == 0 ? List.<Change>of() : s.changes()) sb.append("<code>").append(Html.escape(ch.toString())).append("</code><br>");
            sb.append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        String story = ModelStory.of(d.model().tla());
        if (!story.isEmpty()) {
            sb.append("<h2>The model's own account</h2>\n<pre class=\"story\">").append(Html.escape(story)).append("</pre>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String failure(CheckResult r, Counterexample cx) {
        TraceState last = cx.states().get(cx.states().size() - 1);
        return switch (r.verdict()) {
            case SAFETY_FAILURE -> "The invariant " + r.violated() + " is false in state " + last.number() + ", the last of the trace"
                    + (cx.culprits().isEmpty() ? "." : ":");
            case DEADLOCK_FAILURE -> "In state " + last.number() + " no action is enabled: the system is stuck.";
            case LIVENESS_FAILURE -> "The temporal property " + r.violated() + " fails on an infinite behaviour: "
                    + (cx.loopBackTo() != null ? "after state " + last.number() + ", " + cx.loopStep().label() + " leads back to state "
                    + cx.loopBackTo() + " and the loop repeats forever."
                    : cx.stutters() ? "after state " + last.number() + " nothing happens any more."
                    : "TLC reports no loop, so the last step, to state " + last.number() + ", is one the property does not allow"
                    + " (a refinement's [][Next]_vars: the step changes the abstract state in a way the abstract spec forbids).");
            default -> r.verdict().label();
        };
    }

    static void write(Comparison c, SpecLinks links, Path dir) throws IOException {
        Files.writeString(dir.resolve(c.declared().name() + ".html"), html(c, links));
        ItfTrace.write(c.result(), dir.resolve(c.declared().name() + ".itf.json"));
    }
}
