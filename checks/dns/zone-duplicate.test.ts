import { checkCases } from '../../test/check-cases.js';
import cases from './zone-duplicate.cases.js';
import check from './zone-duplicate.js';

checkCases(check, cases);
