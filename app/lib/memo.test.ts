import { afterEach, describe, expect, it, vi } from "vitest";
import { dropTag, memo } from "./memo.server";

afterEach(() => vi.useRealTimers());

describe("memo", () => {
  it("computes once per key within the TTL, shared by concurrent callers", async () => {
    let calls = 0;
    const m = memo("t1", 10_000, async (k: string) => `${k}:${++calls}`);
    const [a, b] = await Promise.all([m.get("x"), m.get("x")]);
    expect([a, b]).toEqual(["x:1", "x:1"]);
    expect(await m.get("y")).toBe("y:2");
    expect(calls).toBe(2);
  });

  it("computes again after the TTL", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const m = memo("t2", 1000, async () => ++calls);
    expect(await m.get("k")).toBe(1);
    vi.advanceTimersByTime(1001);
    expect(await m.get("k")).toBe(2);
  });

  it("dropTag forgets the tag's values, and a value computed right after a drop is not kept past the settling second", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const m = memo(["t3", "other"], 60_000, async () => ++calls);
    expect(await m.get("k")).toBe(1);
    dropTag("t3");
    expect(await m.get("k")).toBe(2); // recomputed at once
    expect(await m.get("k")).toBe(2); // reused inside the settling window
    vi.advanceTimersByTime(1500);
    expect(await m.get("k")).toBe(3); // the value from inside the window may predate the commit
    expect(await m.get("k")).toBe(3);
    dropTag("unrelated");
    expect(await m.get("k")).toBe(3);
  });

  it("does not keep a failed computation", async () => {
    let calls = 0;
    const m = memo("t4", 60_000, async () => {
      calls++;
      if (calls === 1) throw new Error("boom");
      return calls;
    });
    await expect(m.get("k")).rejects.toThrow("boom");
    expect(await m.get("k")).toBe(2);
  });
});
