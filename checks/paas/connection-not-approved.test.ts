import { checkCases } from '../../test/check-cases.js';
import cases from './connection-not-approved.cases.js';
import check from './connection-not-approved.js';

checkCases(check, cases);
