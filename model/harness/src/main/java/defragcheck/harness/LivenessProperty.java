package defragcheck.harness;

import tlc2.tool.impl.ModelConfig;
import tlc2.util.Vect;
import util.SimpleFilenameToStream;

/**
 * Names the violated temporal property. TLC reports a liveness violation without naming the property
 * (LiveWorker prints EC 2116 with no parameters), so the name comes from the cfg's PROPERTY list
 * (read with TLC's own cfg parser) when it names exactly one.
 */
final class LivenessProperty {
    static final String UNNAMED = "temporal property";

    private LivenessProperty() {}

    static String name(Model model) {
        try {
            ModelConfig cfg = new ModelConfig(model.cfg().toString(), new SimpleFilenameToStream());
            cfg.parse();
            Vect<?> properties = cfg.getProperties();
            return properties.size() == 1 ? String.valueOf(properties.elementAt(0)) : UNNAMED;
        } catch (RuntimeException e) {
            return UNNAMED;  // TLC itself read this cfg moments ago; a failure here only loses the name.
        }
    }
}
