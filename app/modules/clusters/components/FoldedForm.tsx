import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n";
import { CheckboxGroup, FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { SubmitButton } from "~/ui/SubmitButton";

// The cluster pages' secondary forms (edit the cluster, a project's taking-part firms): folded under a
// summary line, open again when their last submit failed, posted with their intent (and the record's
// version when it has one). Works without JavaScript. Forms that list the cluster's firms or every
// county and sector (add a firm, a firm leaves, a new joint project) have their own pages (decision 0051).

export function FoldedForm({ intent, summary, submit, version, testId, variant, children }: {
  intent: string;
  summary: string;
  submit: string;
  version?: number;
  testId?: string;
  variant?: "primary" | "secondary" | "danger";
  children: ReactNode;
}) {
  const f = useFormState(intent);
  return (
    <details className="mt-4" open={f.failed}>
      <summary className="cursor-pointer font-medium">{summary}</summary>
      <Form method="post" className="mt-3" data-testid={testId}>
        <FormError error={f.formError} />
        <input type="hidden" name="intent" value={intent} />
        {version != null && <input type="hidden" name="version" value={version} />}
        {children}
        <SubmitButton variant={variant}>{submit}</SubmitButton>
      </Form>
    </details>
  );
}

/**
 * The member firms taking part in a joint project, as checkboxes (field `firms`): the same picker for a
 * new project and for changing a project's firms. `intent` is the form's on a page with several forms,
 * so a refused submit shows its own choices and error; `initial` is what is checked before any submit.
 */
export function FirmPicker({ intent, firms, initial, hint }: { intent?: string; firms: { id: number; name: string }[]; initial: string[]; hint: string }) {
  const t = useT();
  const f = useFormState(intent);
  return (
    <CheckboxGroup name="firms" legend={t("cluster.project.firms")} hint={hint} options={firms.map((x) => ({ value: String(x.id), label: x.name }))}
      checked={f.failed ? f.all("firms") : initial} error={f.errors.firms} />
  );
}
