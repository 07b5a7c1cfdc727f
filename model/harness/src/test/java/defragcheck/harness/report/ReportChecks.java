package defragcheck.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import defragcheck.harness.Comparison;
import defragcheck.harness.Counterexample;
import defragcheck.harness.TraceState;
import defragcheck.harness.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import tlc2.value.impl.Value;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * What every report must satisfy, checked with jsoup (the HTML parsed, not matched as text): the index
 * lists every model with its verdict and links to a page for every counterexample; each page has a
 * sequence diagram with a row per state, each step in the lane of a drawn actor, each action linked to
 * the line of the spec that defines it; and each ITF file reads back to TLC's states.
 */
public final class ReportChecks {
    private ReportChecks() {}

    /** Checks the site in {@code dir} written for {@code results}; returns the number of counterexample pages. */
    public static int check(Path dir, List<Comparison> results) throws IOException {
        Document index = parse(dir.resolve("index.html"));
        assertTrue(index.select("script, link[rel=stylesheet], img[src^=http], iframe").isEmpty(), "no scripts or external resources");
        int pages = 0;
        for (Comparison c : results) {
            String name = c.declared().name();
            Element row = index.getElementById("model-" + name);
            assertNotNull(row, "index.html has a row for " + name);
            assertEquals(c.result().verdict().label(), row.child(2).text(), name + ": verdict in the index");
            boolean failing = c.declared().expected() != Verdict.SUCCESS;
            Element link = row.selectFirst("a[href=cx/" + name + ".html]");
            assertEquals(failing, link != null, name + ": a counterexample link exactly for a failing model");
            if (!failing) continue;
            checkPage(dir, c);
            checkItf(dir.resolve("cx/" + name + ".itf.json"), c.result().counterexample());
            pages++;
        }
        for (Element a : index.select("a[href]")) {
            assertTrue(Files.isRegularFile(dir.resolve(a.attr("href"))), "index.html links to a page that exists: " + a.attr("href"));
        }
        return pages;
    }

    /** The actions of the counterexamples that no actor's lane claims (drawn under "other steps"), "Model: Action" each. */
    public static List<String> unassignedActions(List<Comparison> results) {
        List<String> out = new java.util.ArrayList<>();
        for (Comparison c : results) {
            for (TraceState s : c.result().counterexample().states().subList(Math.min(1, c.result().counterexample().states().size()),
                    c.result().counterexample().states().size())) {
                if (ActorLanes.of(s.step()).equals(ActorLanes.OTHER)) out.add(c.declared().name() + ": " + s.step().name());
            }
        }
        return out;
    }

    static Document parse(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " exists");
        Parser parser = Parser.htmlParser().setTrackErrors(50);
        Document doc = Jsoup.parse(Files.readString(file, UTF_8), "", parser);
        assertEquals(List.of(), parser.getErrors().stream().map(Object::toString).toList(), file + " parses without errors");
        return doc;
    }

    static Document checkPage(Path dir, Comparison c) throws IOException {
        String name = c.declared().name();
        Counterexample cx = c.result().counterexample();
        Document page = parse(dir.resolve("cx/" + name + ".html"));
        Element svg = page.selectFirst("div.diagram > svg");
        assertNotNull(svg, name + ": an inline SVG diagram");
        assertEquals(cx.states().size(), svg.select("g.step").size(), name + ": a row per state");
        Set<String> lanes = new HashSet<>(svg.select("g.lane").eachAttr("data-lane"));
        assertEquals(svg.select("g.lane").size(), lanes.size(), name + ": each actor has one lane");
        for (int i = 1; i < cx.states().size(); i++) {
            TraceState s = cx.states().get(i);
            Element row = svg.selectFirst("g.step[data-state=" + s.number() + "]");
            assertNotNull(row, name + ": row of state " + s.number());
            assertTrue(lanes.contains(row.attr("data-lane")), name + ": state " + s.number() + " is in a drawn lane");
            assertEquals(s.step().name(), row.attr("data-action"));
            assertTrue(row.select("title").eachText().contains(s.label()), name + ": the row names " + s.label());
            Element link = row.selectFirst("a.spec");
            assertNotNull(link, name + ": state " + s.number() + " links its action " + s.label() + " to the spec");
            checkSpecLink(dir.resolve("cx"), link.attr("href"), s.step().name());
        }
        assertFalse(svg.select("text.verdict").text().isEmpty(), name + ": the failure is named under the diagram");
        return page;
    }

    /** {@code href} (relative to {@code from}) names an existing line of a rendered module that defines {@code action}. */
    static void checkSpecLink(Path from, String href, String action) throws IOException {
        int hash = href.indexOf("#L");
        assertTrue(hash > 0, href);
        Document module = Jsoup.parse(Files.readString(from.resolve(href.substring(0, hash)).normalize(), UTF_8));
        Element line = module.getElementById(href.substring(hash + 1));
        assertNotNull(line, href + " has its line");
        String text = line.text().replaceFirst("^\\d+", "").strip();
        assertTrue(text.matches(java.util.regex.Pattern.quote(action) + "\\s*(\\(|==).*"),
                href + " is the definition of " + action + ": " + text);
    }

    /** TLC prints the empty sequence "<<>>" as a tuple and "<< >>" as a function: one value, one spelling here. */
    private static String sameEmpty(String tla) {
        return tla.replace("<< >>", "<<>>");
    }

    /** The ITF file reads back, through TLC's values, to the states of TLC's trace, with the lasso's loop. */
    static void checkItf(Path file, Counterexample cx) throws IOException {
        List<Map<String, Value>> states = ItfTrace.read(file);
        assertEquals(cx.states().size(), states.size(), file + ": states");
        for (int i = 0; i < states.size(); i++) {
            Map<String, String> tlc = cx.states().get(i).values();
            assertEquals(tlc.keySet(), states.get(i).keySet(), file + ": variables of state " + (i + 1));
            for (Map.Entry<String, Value> e : states.get(i).entrySet()) {
                String text = e.getValue().toString().replaceAll("\\s*\\n\\s*", " ");
                assertEquals(sameEmpty(tlc.get(e.getKey())), sameEmpty(text), file + ": " + e.getKey() + " in state " + (i + 1));
            }
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        assertEquals(cx.loopBackTo() == null ? null : cx.loopBackTo() - 1, json.has("loop") ? json.get("loop").intValue() : null, file + ": loop");
        for (int i = 1; i < states.size(); i++) {
            assertEquals(cx.states().get(i).label(), json.get("states").get(i).get("#meta").get("label").textValue());
        }
    }
}
