import { describe, expect, it } from "vitest";
import { documentBody } from "./document-stream.server";

/** Writes the chunks (each group in one event-loop turn) and collects what comes out, chunk by chunk. */
async function run(turns: string[][]) {
  const stream = documentBody();
  const out: Buffer[] = [];
  stream.on("data", (c: Buffer) => out.push(c));
  const ended = new Promise((r) => stream.on("end", r));
  for (const turn of turns) {
    for (const c of turn) stream.write(Buffer.from(c.replace(/\\0/g, "\0")));
    await new Promise((r) => setImmediate(r));
  }
  stream.end();
  await ended;
  return { text: Buffer.concat(out).toString("utf8"), chunks: out.length };
}

describe("documentBody", () => {
  it("moves </body></html> to the end, even split across chunks, and drops NUL bytes", async () => {
    const { text } = await run([["<html><body>سلام\\0\\0", "</bo"], ["dy></ht", "ml>"], ["<script>x</script>"]]);
    expect(text).toBe("<html><body>سلام<script>x</script></body></html>");
  });

  it("passes the chunks of one event-loop turn on as one write", async () => {
    const shell = Array.from({ length: 20 }, (_, i) => `<p>${i}</p>`);
    const { text, chunks } = await run([shell, ["<script>late</script>"]]);
    expect(text).toBe(shell.join("") + "<script>late</script>");
    // One chunk for the shell's turn, one for the late script, one for the held-back tail.
    expect(chunks).toBeLessThanOrEqual(3);
  });

  it("keeps a document without end tags whole", async () => {
    const { text } = await run([["<p>a</p>"], ["<p>b</p>"]]);
    expect(text).toBe("<p>a</p><p>b</p>");
  });
});
