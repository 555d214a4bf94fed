import { SEEKER_WEIGHTS, type SeekerWeights } from "./match";

/** The weights the seeker matching uses now. */
export async function seekerWeights(): Promise<SeekerWeights> {
  return SEEKER_WEIGHTS;
}
