package defragcheck.impl.device;

/** How the device is opened. DIRECT is the default; BUFFERED exists only for filesystems that refuse O_DIRECT. */
public enum DeviceAccess {
    /** O_DIRECT: every block goes to the device, bypassing the host page cache. */
    DIRECT,
    /** The host page cache sits between us and the device; only on explicit request. */
    BUFFERED
}
