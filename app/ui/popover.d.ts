// The HTML popover attributes (a menu that opens without JavaScript), which @types/react 18 does not know
// yet. React 18 passes lowercase attributes through to the DOM as written.
import "react";

// Merged interfaces must repeat the type parameter, unused here.
/* eslint-disable @typescript-eslint/no-unused-vars */
declare module "react" {
  interface HTMLAttributes<T> {
    popover?: "auto" | "manual";
  }
  interface ButtonHTMLAttributes<T> {
    popovertarget?: string;
    popovertargetaction?: "toggle" | "show" | "hide";
  }
}
