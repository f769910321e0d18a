import { checkCases } from '../../test/check-cases.js';
import cases from './link-not-ready.cases.js';
import check from './link-not-ready.js';

checkCases(check, cases);
