import { checkCases } from '../../test/check-cases.js';
import cases from './peering-not-connected.cases.js';
import check from './peering-not-connected.js';

checkCases(check, cases);
