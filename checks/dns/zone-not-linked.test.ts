import { checkCases } from '../../test/check-cases.js';
import cases from './zone-not-linked.cases.js';
import check from './zone-not-linked.js';

checkCases(check, cases);
