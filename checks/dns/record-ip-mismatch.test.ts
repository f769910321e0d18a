import { checkCases } from '../../test/check-cases.js';
import cases from './record-ip-mismatch.cases.js';
import check from './record-ip-mismatch.js';

checkCases(check, cases);
