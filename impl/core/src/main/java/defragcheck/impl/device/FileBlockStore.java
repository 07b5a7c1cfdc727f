package defragcheck.impl.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A device's bytes in an image file or block device, through a (usually O_DIRECT) channel. */
final class FileBlockStore implements BlockStore {
    private final FileChannel channel;

    FileBlockStore(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        return channel.read(dst, pos);
    }

    @Override
    public int write(ByteBuffer src, long pos) throws IOException {
        return channel.write(src, pos);
    }

    @Override
    public void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
