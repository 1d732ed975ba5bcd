import "server-only";
import { NextResponse } from "next/server";
import { yieldToEventLoop } from "@/lib/server/db/bulk-write";

/**
 * JSON answers of the aggregate charts, computed one at a time, each starting once the previous answer's body has
 * gone to the response (issue 13: /compare's charts drawn in < 1.5 s).
 *
 * Why: /compare asks for its four aggregate charts at once, and each answer is tens of milliseconds of synchronous
 * SQLite work. `next start` gzips responses on libuv's thread pool in 16 KB pieces, and each piece is handed over
 * on a later turn of the event loop, so while the next answer was being computed the previous body sat half
 * compressed: measured on the 100,000-run database with four requests at once, quality-memory's first byte came
 * at 83 ms and its last at 241 ms (uncompressed, 80 and 86 ms). All four bodies reached the browser together, and
 * it drew the four charts back to back instead of drawing each while the server computed the next.
 *
 * How: the body is a stream read piece by piece. The server reads a piece only when the compressor has taken the
 * one before (Next waits for the response to drain between writes), so once the last piece has been read the body
 * is compressed but for its tail; the next queued answer starts after that, and after a turn of the event loop
 * for the tail. A client that reads slowly holds the queue for at most MAX_HOLD_MS.
 */
export async function pacedJsonResponse(compute: () => Promise<unknown>): Promise<Response> {
  const release = await takeTurn();
  let bytes: Uint8Array;
  try {
    bytes = new TextEncoder().encode(JSON.stringify(await compute()));
  } catch (error) {
    release();
    throw error;
  }
  setTimeout(release, MAX_HOLD_MS).unref();
  let offset = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        controller.enqueue(bytes.subarray(offset, offset + PIECE_BYTES));
        offset += PIECE_BYTES;
        if (offset >= bytes.length) {
          controller.close();
          release();
        }
      },
      cancel: release,
    },
    // Nothing is read ahead: a piece is made when the server asks for it, which is what paces the queue.
    { highWaterMark: 0 },
  );
  return new NextResponse(body, { headers: { "content-type": "application/json" } });
}

/** The compressor's own piece size (zlib's default chunk), so that each read is one piece for it. */
const PIECE_BYTES = 16 * 1024;
/** Longest one answer holds the next: a slow reader (a far client) must not stall everyone's charts. */
const MAX_HOLD_MS = 100;

let tail: Promise<void> = Promise.resolve();

/** Waits for the answers queued before this one; resolves to the function that lets the next one start (idempotent). */
async function takeTurn(): Promise<() => void> {
  const previous = tail;
  let resolveTurn!: () => void;
  tail = new Promise<void>((resolve) => (resolveTurn = resolve));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    resolveTurn();
  };
  await previous;
  // The previous body's tail (its last piece and gzip's final block) is written on this turn of the event loop.
  await yieldToEventLoop();
  return release;
}
