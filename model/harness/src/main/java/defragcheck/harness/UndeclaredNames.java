package defragcheck.harness;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.impl.ModelConfig;
import tlc2.util.Vect;

/**
 * A cfg that assigns a value to a name the spec does not declare is a typo TLC lets through silently
 * (it checks the model as if the line were absent: a renamed constant would quietly keep its old
 * meaning). This finds such names: a cfg's {@code X = v} and {@code X <- Y} must name a declared
 * CONSTANT or a definition of the spec.
 */
final class UndeclaredNames {
    private UndeclaredNames() {}

    static List<String> in(ModelConfig cfg, ModuleNode root) {
        Set<String> known = new HashSet<>();
        for (OpDeclNode c : root.getConstantDecls()) known.add(c.getName().toString());
        for (OpDefNode d : root.getOpDefs()) known.add(d.getName().toString());
        Set<String> assigned = new java.util.LinkedHashSet<>();
        Vect<?> constants = cfg.getConstants();
        for (int i = 0; i < constants.size(); i++) {
            assigned.add(String.valueOf(((Vect<?>) constants.elementAt(i)).elementAt(0)));
        }
        assigned.addAll(cfg.getOverrides().keySet());
        return assigned.stream().filter(name -> !known.contains(name)).toList();
    }
}
