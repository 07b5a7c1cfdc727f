package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's protocol table is the one the manifests give (ManifestModelsTest checks the manifests against TLC). */
class ProtocolTableTest {

    @Test
    void readmeHoldsTheTableOfTheManifests() throws Exception {
        Path root = ProjectRoot.get();
        String readme = Files.readString(root.resolve("README.md"));
        int begin = readme.indexOf(ProtocolTable.BEGIN);
        int end = readme.indexOf(ProtocolTable.END);
        assertTrue(begin >= 0 && end > begin, "README.md has no protocol table between its markers");
        String inReadme = readme.substring(begin, end + ProtocolTable.END.length() + 1);
        assertEquals(ProtocolTable.markdown(ProtocolTable.declared(root)), inReadme,
                "README's protocol table is stale: replace it with the output of `java -jar target/defragcheck.jar table`");
    }

    @Test
    void everyProtocolOfTheSpecHasARow() throws Exception {
        String table = ProtocolTable.markdown(ProtocolTable.declared(ProjectRoot.get()));
        for (String protocol : new String[] {"ext4 legacy", "ext4 2025", "xfs_fsr", "XFS EXCHANGE_RANGE", "XFS START_COMMIT",
                "drain-evict-copy-swap"}) {
            assertTrue(table.contains("| " + protocol), () -> "no row for " + protocol + " in\n" + table);
        }
    }
}
