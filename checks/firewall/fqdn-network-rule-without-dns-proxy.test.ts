import { checkCases } from '../../test/check-cases.js';
import cases from './fqdn-network-rule-without-dns-proxy.cases.js';
import check from './fqdn-network-rule-without-dns-proxy.js';

checkCases(check, cases);
