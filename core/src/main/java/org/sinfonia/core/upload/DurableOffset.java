package org.sinfonia.core.upload;

/**
 * Which recorded offset of an upload a node may trust. A PATCH records the offset it wrote, with
 * the boot id of the machine that wrote it, before its last bytes are synced (so the client does
 * not wait for the disk), and the synced offset once they are. Written but unsynced bytes outlive
 * the server process (they are in the kernel's page cache) but not the machine: the written offset
 * holds on the machine that wrote it during the same boot, and anywhere else (after a reboot or
 * power loss, on another node) only the synced one does.
 *
 * @param written bytes written by the last PATCH (never more than the file holds while that boot
 *     lasts)
 * @param writtenOnBoot boot id of the machine that wrote them; null for records made before this
 *     rule, whose offset was only recorded once synced
 * @param synced bytes known to be on stable storage
 */
public record DurableOffset(long written, String writtenOnBoot, long synced) {

  public DurableOffset {
    if (written < 0 || synced < 0) {
      throw new IllegalArgumentException("negative offset");
    }
  }

  /** The offset a node running in boot {@code bootId} may resume from. */
  public long trusted(String bootId) {
    if (writtenOnBoot == null) {
      return written;
    }
    // Files are only ever cut back to a trusted offset, never below the synced one, so that one
    // always holds.
    return writtenOnBoot.equals(bootId) ? Math.max(written, synced) : synced;
  }
}
