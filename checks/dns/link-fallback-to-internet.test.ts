import { checkCases } from '../../test/check-cases.js';
import cases from './link-fallback-to-internet.cases.js';
import check from './link-fallback-to-internet.js';

checkCases(check, cases);
