import type { Check } from '../define.js';
import connectionNotApproved from './connection-not-approved.js';
import noPrivateEndpoint from './no-private-endpoint.js';
import publicNetworkAccessEnabled from './public-network-access-enabled.js';
import serviceEndpointMismatch from './service-endpoint-mismatch.js';

export const paasChecks: readonly Check[] = [
  connectionNotApproved,
  noPrivateEndpoint,
  publicNetworkAccessEnabled,
  serviceEndpointMismatch,
];
