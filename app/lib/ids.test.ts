import { describe, expect, it } from "vitest";
import { MAX_BIGINT_ID, parseId } from "./ids";

describe("parseId", () => {
  it("accepts positive integers in range only", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId("2147483647")).toBe(2147483647);
    for (const bad of ["0", "-1", "2147483648", "99999999999999999999", "1e3", "1.5", " 1", "abc", "", "0x10", "Infinity", null, undefined, 7]) {
      expect(parseId(bad), String(bad)).toBeNull();
    }
    expect(parseId("99999999999", MAX_BIGINT_ID)).toBe(99999999999);
  });
});
