// Issue 11 item 10: the README's demo-login table names every demo user the seed creates (it lacked
// mentor3@demo.karafarini.ir, the third reviewer the ideas journey uses).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_USERS } from "../../db/seeds/demo/users";

describe("README demo logins", () => {
  it("lists every demo user of the seed's user list", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    const table = readme.slice(readme.indexOf("## Demo logins"), readme.indexOf("## Demo data"));
    const missing = DEMO_USERS.map((u) => u.email).filter((email) => !table.includes(email));
    expect(missing).toEqual([]);
  });
});
