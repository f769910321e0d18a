import { checkCases } from '../../test/check-cases.js';
import cases from './no-snat-to-endpoint.cases.js';
import check from './no-snat-to-endpoint.js';

checkCases(check, cases);
