import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().default("./data"),
  SESSION_SECRET: z.string().min(16).optional(),
  UPLOADTHING_TOKEN: z.string().optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(10),
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /** Evaluation mode loads the demo province on the first start unless this is "off". */
  DEMO_DATA: z.enum(["on", "off"]).default("on"),
});

export type Env = z.infer<typeof schema> & { dataDir: string; sessionSecret: string; secureCookies: boolean };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.parse(process.env);
  const dataDir = path.resolve(parsed.DATA_DIR);
  let sessionSecret = parsed.SESSION_SECRET;
  if (!sessionSecret) {
    if (parsed.NODE_ENV === "production" && parsed.DATABASE_URL) {
      throw new Error("SESSION_SECRET must be set when running on a real database in production");
    }
    // Evaluation mode: a stable per-data-folder secret would need disk; a process secret is enough
    // because sessions live in the database and only the cookie signature depends on it.
    sessionSecret = (globalThis as { __sessionSecret?: string }).__sessionSecret ??= crypto.randomBytes(32).toString("hex");
  }
  cached = {
    ...parsed,
    dataDir,
    sessionSecret,
    secureCookies: parsed.SECURE_COOKIES ? parsed.SECURE_COOKIES === "true" : false,
  };
  return cached;
}
