import { checkCases } from '../../test/check-cases.js';
import cases from './no-private-endpoint.cases.js';
import check from './no-private-endpoint.js';

checkCases(check, cases);
