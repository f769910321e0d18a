import { checkCases } from '../../test/check-cases.js';
import cases from './record-missing.cases.js';
import check from './record-missing.js';

checkCases(check, cases);
