import { checkCases } from '../../test/check-cases.js';
import cases from './public-network-access-enabled.cases.js';
import check from './public-network-access-enabled.js';

checkCases(check, cases);
