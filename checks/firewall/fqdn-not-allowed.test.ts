import { checkCases } from '../../test/check-cases.js';
import cases from './fqdn-not-allowed.cases.js';
import check from './fqdn-not-allowed.js';

checkCases(check, cases);
