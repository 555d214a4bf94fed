import { Transform } from "node:stream";

// The bytes of a rendered document on their way to the socket (app/entry.server.tsx).

/**
 * React 18.3's streaming renderer can write NUL bytes where a multi-byte (e.g. Persian) character
 * does not fit at the end of its 2 KB chunk: it flushes the whole chunk, unfilled tail included
 * (react#31134). Nothing is lost, the zeros are extra, and U+0000 is never valid in HTML: drop them.
 */
function dropZeros(chunk: Buffer): Buffer {
  let at = chunk.indexOf(0);
  if (at < 0) return chunk;
  // The zeros sit in runs (a chunk's unfilled tail): copy the pieces between them, natively.
  const pieces: Buffer[] = [];
  let from = 0;
  while (at >= 0) {
    if (at > from) pieces.push(chunk.subarray(from, at));
    from = at + 1;
    while (from < chunk.length && chunk[from] === 0) from++;
    at = chunk.indexOf(0, from);
  }
  if (from < chunk.length) pieces.push(chunk.subarray(from));
  return Buffer.concat(pieces);
}

const END_TAGS = Buffer.from("</body></html>");

/**
 * The document's body bytes, cleaned on the way out: NUL bytes dropped (above), and "</body></html>"
 * moved to the very end. Remix streams the loader data (single fetch) as <script> elements rendered
 * after the <html> element, so they arrived after "</html>": invalid HTML (the Nu checker's "stray
 * start tag script"), though browsers ran them. Holding the two end tags back until the stream ends
 * puts those scripts inside <body>, where they run the same. The tags may straddle two chunks, so up
 * to 13 bytes wait for the next chunk.
 */
export function documentBody() {
  let found = false;
  let carry: Buffer = Buffer.alloc(0);
  // React writes its output in 2 KB chunks, most of them in one synchronous burst (the shell). Each chunk
  // passed on would become one socket write (a writev system call, ~16% of a page's CPU in a profile): the
  // chunks of one event-loop turn are passed on together, as one buffer, at the end of the turn.
  let pending: Buffer[] = [];
  let scheduled = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let buf = dropZeros(chunk);
      if (!found) {
        if (carry.length) buf = Buffer.concat([carry, buf]);
        const at = buf.indexOf(END_TAGS);
        if (at >= 0) {
          found = true;
          carry = Buffer.alloc(0);
          buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + END_TAGS.length)]);
        } else {
          const keep = Math.min(buf.length, END_TAGS.length - 1);
          carry = Buffer.from(buf.subarray(buf.length - keep));
          buf = buf.subarray(0, buf.length - keep);
        }
      }
      if (buf.length) pending.push(buf);
      if (!scheduled && pending.length) {
        scheduled = true;
        setImmediate(release);
      }
      done();
    },
    flush(done) {
      release();
      done(null, found ? Buffer.concat([carry, END_TAGS]) : carry);
    },
  });
  function release() {
    scheduled = false;
    if (!pending.length) return;
    const out = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending = [];
    stream.push(out);
  }
  return stream;
}
