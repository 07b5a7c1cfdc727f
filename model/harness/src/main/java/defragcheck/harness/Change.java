package defragcheck.harness;

/**
 * One part of a state that a step changed: {@code path} is a variable, optionally followed by the
 * keys or fields inside it ({@code cache[<<orig, 1>>].dirty}); {@code value} is the new value in TLA+
 * syntax, or {@code null} when the key left the function's domain.
 */
public record Change(String path, String value) {
    public boolean removed() {
        return value == null;
    }

    @Override
    public String toString() {
        return removed() ? path + " removed" : path + " = " + value;
    }
}
