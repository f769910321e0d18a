// What collection reports as it goes, kept apart from the collection context so that a program's
// types of collectSnapshot do not pull in the Azure SDK clients' declarations.
export interface CollectProgress {
  /** What is being read, e.g. "Resource Graph: private endpoints" or "ARM: private DNS zone groups 120/900". */
  activity: string;
  resources: number;
  /** Response pages so far (Resource Graph queries and ARM list pages). */
  pages: number;
  requests: number;
  /** Wall time spent waiting on Azure throttling so far. */
  throttleWaitMs: number;
  /** Set when this update announces a throttling wait. */
  throttle?: { reason: string; waitMs: number };
}
