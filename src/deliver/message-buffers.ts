// Reusable memory for the messages of a send. Each rendered message is 50-100 KB and lives a few milliseconds;
// allocated afresh, every one lands on memory the kernel must fault in page by page (about 18 faults for 75 KB)
// and counts toward the garbage collector's external memory: measured, that was half of a render's time. Taken
// from here, a message is copied into memory already mapped and warm.

/** Where a send's rendered messages are written. */
export interface MessageBuffers {
  /** A Buffer of exactly `size` bytes (contents undefined), on reused memory when some is free. */
  take(size: number): Buffer;
  /**
   * Hands back a Buffer from `take` that nothing will read or write again. Only the Buffer `take` returned counts
   * (a view of it does not), and only once: a second call, or a Buffer from elsewhere, is ignored.
   */
  giveBack(message: Buffer): void;
}

/** Memory is allocated in steps of this size, with room to spare, so messages of an issue share their blocks. */
const STEP = 16 * 1024;

/** A pool that keeps at most `keep` free blocks (a send keeps about `inFlight` messages alive at once). */
export function createMessageBuffers(keep = 64): MessageBuffers {
  const free: Buffer[] = [];
  /** Buffers taken and not given back, to the block they are on. */
  const lent = new WeakMap<Buffer, Buffer>();
  return {
    take(size) {
      let block: Buffer | undefined;
      // the most recently freed block that fits: the warmest memory
      for (let i = free.length - 1; i >= 0; i--) {
        if (free[i]!.length >= size) {
          block = free.splice(i, 1)[0]!;
          break;
        }
      }
      block ??= Buffer.allocUnsafeSlow(Math.ceil((size * 1.125) / STEP) * STEP);
      const message = block.subarray(0, size);
      lent.set(message, block);
      return message;
    },
    giveBack(message) {
      const block = lent.get(message);
      if (!block) return;
      lent.delete(message);
      if (free.length < keep) free.push(block);
    },
  };
}
