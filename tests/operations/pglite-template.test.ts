// The embedded database's install-time template (decision 0046): a new DATA_DIR starts as a copy of the
// template made for this PGlite and these migrations, never an existing folder and never a template
// made for other migrations. The start's time itself is measured by scripts/first-start.mjs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFromTemplate, templatePath } from "../../db/pglite-template";
import { migrations } from "../../db/migrations/index";

const names = Object.keys(migrations);
let root: string;
const before = process.env.PGLITE_TEMPLATE_DIR;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-template-test-"));
  process.env.PGLITE_TEMPLATE_DIR = path.join(root, "templates");
  const tpl = templatePath(names)!;
  fs.mkdirSync(path.join(tpl, "base"), { recursive: true });
  fs.writeFileSync(path.join(tpl, "PG_VERSION"), "17\n");
  fs.writeFileSync(path.join(tpl, "base", "marker"), "template");
});

afterAll(() => {
  if (before === undefined) delete process.env.PGLITE_TEMPLATE_DIR;
  else process.env.PGLITE_TEMPLATE_DIR = before;
  fs.rmSync(root, { recursive: true, force: true });
});

describe("pglite template", () => {
  it("is keyed by the PGlite version and the migrations", () => {
    const tpl = templatePath(names)!;
    expect(path.basename(tpl)).toMatch(/^pglite-\d+\.\d+\.\d+-[0-9a-f]{16}$/);
    expect(templatePath([...names].reverse())).toBe(tpl);
    expect(templatePath(names.slice(0, -1))).not.toBe(tpl);
  });

  it("a new data folder starts as a copy of the template", () => {
    const pgdata = path.join(root, "data1", "pglite");
    expect(startFromTemplate(pgdata, names)).toBe(true);
    expect(fs.readFileSync(path.join(pgdata, "base", "marker"), "utf8")).toBe("template");
    // The template itself is left as it was.
    fs.writeFileSync(path.join(pgdata, "base", "marker"), "changed");
    expect(fs.readFileSync(path.join(templatePath(names)!, "base", "marker"), "utf8")).toBe("template");
  });

  it("an empty data folder counts as new", () => {
    const pgdata = path.join(root, "data2", "pglite");
    fs.mkdirSync(pgdata, { recursive: true });
    expect(startFromTemplate(pgdata, names)).toBe(true);
    expect(fs.existsSync(path.join(pgdata, "PG_VERSION"))).toBe(true);
  });

  it("an existing database is never overwritten", () => {
    const pgdata = path.join(root, "data3", "pglite");
    fs.mkdirSync(pgdata, { recursive: true });
    fs.writeFileSync(path.join(pgdata, "PG_VERSION"), "17\n");
    expect(startFromTemplate(pgdata, names)).toBe(false);
    expect(fs.existsSync(path.join(pgdata, "base"))).toBe(false);
  });

  it("without a template for these migrations the folder is left to initdb", () => {
    const pgdata = path.join(root, "data4", "pglite");
    expect(startFromTemplate(pgdata, [...names, "2099-01-01T0000_later"])).toBe(false);
    expect(fs.existsSync(pgdata)).toBe(false);
  });
});
