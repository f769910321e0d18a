import { checkCases } from '../../test/check-cases.js';
import cases from './zone-missing.cases.js';
import check from './zone-missing.js';

checkCases(check, cases);
