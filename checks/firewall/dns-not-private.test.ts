import { checkCases } from '../../test/check-cases.js';
import cases from './dns-not-private.cases.js';
import check from './dns-not-private.js';

checkCases(check, cases);
