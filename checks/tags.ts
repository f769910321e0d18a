/** The closed set of tags a check may carry; they feed SARIF `properties.tags` and `--checks`. */
export const allowedTags = [
  'dns',
  'routing',
  'firewall',
  'paas',
  'network',
  'private-endpoint',
  'peering',
  'public-access',
  'split-brain',
  'service-endpoint',
  'snat',
] as const;

export type Tag = (typeof allowedTags)[number];
