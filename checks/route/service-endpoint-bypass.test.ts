import { checkCases } from '../../test/check-cases.js';
import cases from './service-endpoint-bypass.cases.js';
import check from './service-endpoint-bypass.js';

checkCases(check, cases);
