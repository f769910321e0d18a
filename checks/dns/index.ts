import recordIpMismatch from './record-ip-mismatch.js';

export const dnsChecks = [recordIpMismatch] as const;
