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
  /** The operator's word that this is an evaluation: production on the embedded database is allowed. */
  EVALUATION: z.enum(["true", "false"]).optional(),
  /** Uploads on the local disk are allowed on several instances only when this says the folder is shared. */
  FILES_SHARED: z.enum(["true", "false"]).optional(),
  /** Per-user limits on exports and text searches, per minute (decision 0050). */
  EXPORTS_PER_MINUTE: z.coerce.number().int().positive().default(20),
  SEARCHES_PER_MINUTE: z.coerce.number().int().positive().default(60),
});

export type Env = z.infer<typeof schema> & { dataDir: string; sessionSecret: string; secureCookies: boolean };

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The configuration from an environment (pure, so its defaults can be tested). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.parse(source);
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
  return {
    ...parsed,
    dataDir,
    sessionSecret,
    // Secure by default in production; SECURE_COOKIES=false is the explicit exception for plain-http
    // evaluation (`npm start` sets it).
    secureCookies: parsed.SECURE_COOKIES ? parsed.SECURE_COOKIES === "true" : parsed.NODE_ENV === "production",
  };
}

/** Why this configuration must not start, or null (see boot in entry.server.tsx). */
export function bootRefusal(e: Env): string | null {
  if (e.NODE_ENV === "production" && !e.DATABASE_URL && e.EVALUATION !== "true") {
    return "production on the embedded database (PGlite) is for evaluation only: set DATABASE_URL to a PostgreSQL server, or EVALUATION=true (npm start does) to evaluate.";
  }
  if (e.NODE_ENV === "production" && e.DATABASE_URL && !e.UPLOADTHING_TOKEN && e.FILES_SHARED !== "true") {
    return "uploads would go to this machine's disk (DATA_DIR/uploads), which other instances cannot read: set UPLOADTHING_TOKEN, or FILES_SHARED=true when DATA_DIR is a folder every instance shares.";
  }
  return null;
}
