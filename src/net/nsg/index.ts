// Network security groups on the path from a client to a private endpoint.
export {
  evaluateNsg,
  rulesInOrder,
  type NsgDirection,
  type NsgFlow,
  type NsgProtocol,
  type NsgVerdict,
} from './evaluate.js';
export { nsgPath, nsgPolicyApplies, snatAddresses, type NsgHop, type NsgPath, type SourceSeen } from './path.js';
export { nsgEndpointFlows, serviceOf, throughFirewall, type NsgEndpointFlow } from './endpoint-flows.js';
