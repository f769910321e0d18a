import { checkCases } from '../../test/check-cases.js';
import cases from './next-hop-not-firewall.cases.js';
import check from './next-hop-not-firewall.js';

checkCases(check, cases);
