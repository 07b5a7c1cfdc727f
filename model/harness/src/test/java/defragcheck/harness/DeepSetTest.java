package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deep set ({@code check --deep}) and the default set ({@code check}, {@code mvn test}) split the manifests: no
 * model is in both, the deep models stay out of README's protocol table, and each deep cfg is its base model's cfg
 * with larger integer constants and nothing else changed.
 */
class DeepSetTest {
    private static final Pattern INTEGER = Pattern.compile("(?m)^\\s*(\\w+)\\s*=\\s*(\\d+)\\s*$");

    @Test
    void theDefaultSetHasNoDeepModelAndTheDeepSetOnlyDeepOnes() throws Exception {
        List<DeclaredModel> small = CheckCommand.defaultSet(ProjectRoot.get());
        List<DeclaredModel> deep = CheckCommand.deepSet(ProjectRoot.get());
        assertFalse(deep.isEmpty());
        assertTrue(small.stream().noneMatch(DeclaredModel::deep));
        assertTrue(deep.stream().allMatch(DeclaredModel::deep));
        assertEquals(List.of(), deep.stream().filter(d -> small.stream().anyMatch(s -> s.name().equals(d.name()))).toList());
        String table = ProtocolTable.markdown(ProtocolTable.declared(ProjectRoot.get()));
        for (DeclaredModel d : deep) {
            assertNull(d.cell(), d.name());
            assertNotNull(d.runtime(), d.name() + " declares no runtime");
            assertFalse(table.contains("`" + d.name() + "`"), d.name() + " is in the protocol table");
        }
    }

    @Test
    void eachDeepCfgRaisesIntegerConstantsOfItsBaseAndChangesNothingElse() throws Exception {
        for (DeclaredModel d : CheckCommand.deepSet(ProjectRoot.get())) {
            String deep = Files.readString(d.model().cfg()).replaceAll("(?m)^\\\\\\*.*\\n", "");
            String base = Files.readString(d.model().tla().resolveSibling(d.model().module() + ".cfg"));
            assertEquals(INTEGER.matcher(base).replaceAll("$1 = N"), INTEGER.matcher(deep).replaceAll("$1 = N"),
                    d.name() + " differs from its base in more than integer constants");
            Matcher b = INTEGER.matcher(base);
            Matcher e = INTEGER.matcher(deep);
            boolean larger = false;
            while (b.find() && e.find()) {
                int was = Integer.parseInt(b.group(2));
                int now = Integer.parseInt(e.group(2));
                assertTrue(now >= was, d.name() + ": " + b.group(1) + " " + was + " -> " + now);
                larger |= now > was;
            }
            assertTrue(larger, d.name() + " raises no bound");
        }
    }
}
