import { z } from "zod";
import { email, password, text, mobile } from "~/lib/forms";
import { ROLES } from "./roles";
import { MAX_INT_ID, parseId } from "~/lib/ids";

export const loginSchema = z.object({ email: email(), password: z.string().min(1, "error.required").max(128, "error.tooLong") });

export const signupSchema = z
  .object({
    fullName: text(120),
    email: email(),
    mobile: mobile(),
    password: password(),
    passwordConfirm: z.string(),
    website: z.string().max(0, "error.badRequest").optional(), // honeypot: people never see it
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "error.passwordMismatch" });

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "error.required"), newPassword: password(), newPasswordConfirm: z.string() })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ["newPasswordConfirm"], message: "error.passwordMismatch" });

export const acceptInviteSchema = z
  .object({ password: password(), passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "error.passwordMismatch" });

const roleField = z.enum(ROLES, { errorMap: () => ({ message: "error.invalidChoice" }) });
const orgUnitField = z.preprocess(
  (v) => (v === "" || v == null ? null : Number(v)),
  z.number({ invalid_type_error: "error.invalidChoice" }).int("error.invalidChoice").positive("error.invalidChoice").max(MAX_INT_ID, "error.invalidChoice").nullable(),
);

export const createUserSchema = z.object({
  fullName: text(120),
  email: email(),
  mobile: mobile(),
  role: roleField,
  orgUnitId: orgUnitField,
});

export const addRoleSchema = z.object({ role: roleField, orgUnitId: orgUnitField });
/** Removing one role assignment (an id that is not one is the service's 404). */
export const removeRoleSchema = z.object({ assignmentId: z.preprocess((v) => parseId(v) ?? 0, z.number()) });

export const forgotSchema = z.object({ email: email() });
export const resetSchema = z
  .object({ password: password(), passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "error.passwordMismatch" });
