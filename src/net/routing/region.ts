/** A location as Azure compares them: `West Europe` and `westeurope` are one region. */
export function regionKey(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}
