import type { Check } from '../define.js';
import peeringNotConnected from './peering-not-connected.js';

export const networkChecks: readonly Check[] = [peeringNotConnected];
