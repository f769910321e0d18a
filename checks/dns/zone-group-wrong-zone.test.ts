import { checkCases } from '../../test/check-cases.js';
import cases from './zone-group-wrong-zone.cases.js';
import check from './zone-group-wrong-zone.js';

checkCases(check, cases);
