import type { Check } from '../define.js';
import nsgBlocksEndpoint from './nsg-blocks-endpoint.js';
import peeringNotConnected from './peering-not-connected.js';

export const networkChecks: readonly Check[] = [nsgBlocksEndpoint, peeringNotConnected];
