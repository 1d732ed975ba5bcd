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
 * one before (Next waits for the response to drain between writes), so when it asks for more after the last piece
 * the body is compressed but for gzip's final block; the next queued answer starts a few idle milliseconds later.
 * A client that reads slowly holds the queue for at most MAX_HOLD_MS.
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
        // Asked for more after the last piece: the compressor has taken every piece (the server waits for it to
        // drain before reading on). Its final block and the socket write need a few turns of an idle event loop.
        if (offset >= bytes.length) {
          controller.close();
          setTimeout(release, TAIL_MS);
          return;
        }
        controller.enqueue(bytes.subarray(offset, offset + PIECE_BYTES));
        offset += PIECE_BYTES;
      },
      cancel: release,
    },
    // Nothing is read ahead: a piece is made when the server asks for it, which is what paces the queue.
    { highWaterMark: 0 },
  );
  return new NextResponse(body, { headers: { "content-type": "application/json" } });
}

/**
 * Bytes read at a time. Each one is a write the server waits to drain, and Next flushes the compressor after each
 * (a sync flush costs compression): 64 KB pieces keep the 724 KB quality-memory answer at 11 flushes.
 */
const PIECE_BYTES = 64 * 1024;
/** The idle time left after the last piece for gzip's final block and the socket write, before the next answer's SQL. */
const TAIL_MS = 3;
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
  // Requests that arrived meanwhile are read first (their own turns queue behind this one).
  await yieldToEventLoop();
  return release;
}
