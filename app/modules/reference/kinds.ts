// The reference lists admins maintain. Centres and universities are organisation units
// (roles are held in them); the rest are plain code lists.
export const REFERENCE_KINDS = [
  "counties", "sectors", "agencies", "priority_groups", "technology_domains", "occupations", "skills", "centres", "universities",
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];
export const isReferenceKind = (v: unknown): v is ReferenceKind => REFERENCE_KINDS.includes(v as ReferenceKind);
export const ORG_UNIT_KIND: Partial<Record<ReferenceKind, "centre" | "university">> = { centres: "centre", universities: "university" };
