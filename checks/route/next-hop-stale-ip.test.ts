import { checkCases } from '../../test/check-cases.js';
import cases from './next-hop-stale-ip.cases.js';
import check from './next-hop-stale-ip.js';

checkCases(check, cases);
