import { checkCases } from '../../test/check-cases.js';
import cases from './blackhole.cases.js';
import check from './blackhole.js';

checkCases(check, cases);
