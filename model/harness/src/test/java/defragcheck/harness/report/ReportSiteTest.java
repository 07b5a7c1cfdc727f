package defragcheck.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import defragcheck.harness.Comparison;
import defragcheck.harness.DeclaredModel;
import defragcheck.harness.Manifest;
import defragcheck.harness.TlcRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of the harness's fixture models: its pages, diagrams, highlights, loops and ITF traces. */
class ReportSiteTest {
    static final Path FIXTURES = Path.of("model/harness/src/test/resources/fixtures").toAbsolutePath();
    private static final List<Comparison> RESULTS = new ArrayList<>();
    @TempDir
    static Path site;

    @BeforeAll
    static void checkTheFixturesAndWriteTheSite() throws Exception {
        for (DeclaredModel d : Manifest.read(FIXTURES, Manifest.MODELS).models()) {
            RESULTS.add(Comparison.of(d, TlcRunner.check(d.model())));
        }
        List<String> pages = ReportSite.write(site, FIXTURES, RESULTS);
        assertEquals(List.of("cx/BlocksUnlocked.html", "cx/LocksCrossed.html", "cx/RetryWeak.html", "cx/RetryUnfair.html",
                "cx/RetryTwoProperties.html"), pages);
    }

    @Test
    void everyCounterexampleHasAPageThatParsesWithADiagramAndItsItfTrace() throws Exception {
        assertEquals(5, ReportChecks.check(site, RESULTS));
    }

    @Test
    void theBlockTheInvariantFailsOnIsHighlightedAndEveryStepThatTouchedIt() throws Exception {
        Document page = ReportChecks.parse(site.resolve("cx/BlocksUnlocked.html"));
        Element culprit = page.selectFirst("div.culprit");
        assertEquals("lb = 1", culprit.selectFirst("code").text());
        assertEquals(List.of("disk[map[lb]] = 0", "last[lb] = 1"), culprit.select("ul.evidence li").eachText(),
                "TLC's values of the false formula's operands");
        assertEquals("../src/spec/Blocks.tla.html#L46", culprit.selectFirst("a").attr("href"), "the formula's line");
        ReportChecks.checkSpecLink(site.resolve("cx"), "../src/spec/Blocks.tla.html#L46", "Integrity");
        Element svg = page.selectFirst("svg");
        // Write(lb = 1) wrote the block; Swap then mapped it elsewhere (map[1]).
        assertEquals(List.of("3", "4"), svg.select("g.step.touched").eachAttr("data-state"));
        assertTrue(svg.selectFirst("g.step[data-state=3] text.chg.hit").text().startsWith("disk[1] = 1"));
        assertEquals("✗ Integrity fails in state 4 at block 1", svg.selectFirst("text.verdict").text());
        assertNotNull(svg.selectFirst("rect.lastrow"));
    }

    @Test
    void theLoopOfALivenessCounterexampleIsDrawnBackToItsStart() throws Exception {
        Document page = ReportChecks.parse(site.resolve("cx/RetryWeak.html"));
        Element svg = page.selectFirst("svg");
        assertNotNull(svg.selectFirst("g.loop path[marker-end]"), "the loop's arrow");
        assertEquals("↻ then Retry leads back to state 1: the loop repeats forever", svg.selectFirst("text.looplabel").text());
    }

    @Test
    void aDeadlockNamesTheStuckState() throws Exception {
        Document page = ReportChecks.parse(site.resolve("cx/LocksCrossed.html"));
        assertEquals("✗ deadlock: no action is enabled in state 3", page.selectFirst("svg text.verdict").text());
    }

    @Test
    void theIndexHasEveryModelWithItsVerdictAndNumbers() throws Exception {
        Document index = ReportChecks.parse(site.resolve("index.html"));
        assertEquals(RESULTS.size(), index.select("table.models tbody tr").size());
        Element row = index.getElementById("model-BlocksLocked");
        assertEquals(List.of("BlocksLocked", "success", "success", "", "48", "7"), row.children().stream().map(Element::text).toList().subList(0, 6));
        assertEquals("Integrity at block 1", index.getElementById("model-BlocksUnlocked").child(3).text());
    }
}
