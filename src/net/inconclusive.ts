/**
 * "Could not decide for this resource because ...": a check reports it under `incomplete`, never as
 * a pass. Net reasoning returns it where the checks that use it would all say the same.
 */
export interface Inconclusive {
  readonly inconclusive: string;
  readonly resourceId: string;
}
