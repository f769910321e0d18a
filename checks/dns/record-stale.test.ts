import { checkCases } from '../../test/check-cases.js';
import cases from './record-stale.cases.js';
import check from './record-stale.js';

checkCases(check, cases);
