import { checkCases } from '../../test/check-cases.js';
import cases from './link-autoregistration.cases.js';
import check from './link-autoregistration.js';

checkCases(check, cases);
