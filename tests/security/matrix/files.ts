// Route x role matrix rows for the files module: "My files" (list and upload) and downloads.
// The fixture file belongs to the matrix's entrepreneur; readers at `any` (staff, admin) may
// download it, everyone else gets the same 404 as for a file that does not exist.
import { CENTRE_STAFF_UNIT, type Asker, type MatrixRow, type MatrixUsers } from "../matrix-types";
import { ROLES } from "~/modules/accounts/roles";
import { fileFromBytes, saveUpload } from "~/modules/files/service.server";
import { actorFor, createUser } from "../../factories";
import { samplePdf } from "../../factories/files";

type Expect = Record<Asker, number | number[]>;
const signedIn = (n: number): Expect => ({ anonymous: 302, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;

export async function setup(users: MatrixUsers) {
  const saved = await saveUpload(await actorFor(users.entrepreneur.id), fileFromBytes("matrix.pdf", samplePdf("matrix")));
  const mentor = await createUser({ role: "mentor", unit: CENTRE_STAFF_UNIT });
  const central = await saveUpload(await actorFor(mentor.id), fileFromBytes("matrix-centre.pdf", samplePdf("matrix centre")));
  return { fileId: saved.id, centreFileId: central.id };
}

export const rows: MatrixRow[] = [
  { route: "routes/files._index", path: "/files", expect: signedIn(200) },
  { route: "routes/files._index", path: "/files?after=not-a-uuid", expect: signedIn(200) },
  { route: "routes/files._index", method: "POST", path: "/files", body: {}, expect: signedIn(400),
    note: "not multipart: the field error 'choose a file', nothing written" },

  { route: "routes/files.$id", path: (fx) => `/files/${fx.fileId}`,
    expect: { ...signedIn(404), entrepreneur: 200, staff: 200, admin: 200, centre_staff: 404 },
    note: "owner and read:file:any (directorate staff); mentors, chair managers and centre staff read at scope (the owner's units: none here)" },
  { route: "routes/files.$id", path: (fx) => `/files/${fx.centreFileId}`, expect: { ...signedIn(404), staff: 200, admin: 200, centre_staff: 200 },
    note: "a file of a mentor of the centre staff's centre: read:file at scope" },
  { route: "routes/files.$id", path: "/files/00000000-0000-4000-8000-000000000000", expect: signedIn(404) },
  { route: "routes/files.$id", path: "/files/not-a-uuid", expect: signedIn(404) },
  { route: "routes/files.$id", method: "POST", path: (fx) => `/files/${fx.fileId}`, body: {}, expect: { ...signedIn(405), anonymous: 405 },
    note: "downloads have no action" },
];
