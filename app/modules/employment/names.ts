// Reference names on the employment pages (pure): labels name every entry, inactive ones too, but a
// picker (a form's select, a dashboard filter) offers only active entries, plus the value already
// chosen (a record or a filter set before its entry was deactivated), so nothing silently changes.

export interface RefName {
  code: string;
  fa: string;
  en: string;
  active: boolean;
}

/** The entries a picker offers: the active ones, and the current value whatever its state. */
export function pickable<T extends RefName>(list: readonly T[], current?: string | null): T[] {
  return list.filter((n) => n.active || (current != null && current !== "" && n.code === current));
}
