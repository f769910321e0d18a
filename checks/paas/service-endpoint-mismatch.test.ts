import { checkCases } from '../../test/check-cases.js';
import cases from './service-endpoint-mismatch.cases.js';
import check from './service-endpoint-mismatch.js';

checkCases(check, cases);
