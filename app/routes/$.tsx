import { notFound } from "~/lib/http";

// Any unknown path: a 404 rendered by the root error boundary in the user's language.
export const loader = () => {
  throw notFound();
};
export const action = () => {
  throw notFound();
};
export default function NotFound() {
  return null;
}
