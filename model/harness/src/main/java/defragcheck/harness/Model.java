package defragcheck.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * One TLC model: the root module {@code tla}, its configuration {@code cfg} (TLC reads it from the
 * module's directory), and the directories its EXTENDS are resolved in besides the module's own
 * directory (the spec library, {@code spec/}).
 */
public record Model(Path tla, Path cfg, List<Path> library) {
    public Model {
        tla = tla.toAbsolutePath().normalize();
        cfg = cfg.toAbsolutePath().normalize();
        library = library.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** The model {@code dir/NAME.tla} + {@code dir/NAME.cfg} with the spec library {@code library}. */
    public static Model of(Path dir, String name, Path library) {
        return of(dir, name, List.of(library));
    }

    /** The model {@code dir/NAME.tla} + {@code dir/NAME.cfg} whose EXTENDS are looked up in {@code library}. */
    public static Model of(Path dir, String name, List<Path> library) {
        return new Model(dir.resolve(name + ".tla"), dir.resolve(name + ".cfg"), library);
    }

    /** The file that holds module {@code module}: the model's directory first, then the library (as TLC looks). */
    public Path moduleFile(String module) {
        List<Path> dirs = new java.util.ArrayList<>();
        dirs.add(tla.getParent());
        dirs.addAll(library);
        return dirs.stream().map(d -> d.resolve(module + ".tla")).filter(java.nio.file.Files::isRegularFile)
                .findFirst().orElse(tla);
    }

    /** The model's name: its cfg's file name without the extension (a module may have several cfgs). */
    public String name() {
        return baseName(cfg, ".cfg");
    }

    /** The root module's name. */
    public String module() {
        return baseName(tla, ".tla");
    }

    private static String baseName(Path p, String extension) {
        String file = p.getFileName().toString();
        return file.endsWith(extension) ? file.substring(0, file.length() - extension.length()) : file;
    }
}
