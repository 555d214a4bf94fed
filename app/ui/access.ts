import { useRouteLoaderData } from "@remix-run/react";
import { canOpen, type NavHolding, type PageAccess } from "~/modules/accounts/nav";

/**
 * For links to other pages outside the menu (a module's link bar, a home widget): the same permission
 * check the menu makes (canOpen in app/modules/accounts/nav.ts), with the reader's roles from the root
 * loader. Returns a predicate: `const can = useCanOpen(); links.filter(can)`.
 */
export function useCanOpen(): (access: PageAccess) => boolean {
  const root = useRouteLoaderData("root") as { user: { roles: NavHolding[] } | null } | undefined;
  const roles = root?.user?.roles ?? null;
  return (access) => canOpen(roles, access);
}
