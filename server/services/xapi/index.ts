// The xAPI service's public face: receiving statements (the LMS's xAPI route), the dashboard's log of them, and
// the mapping admins edit.
export { receiveStatements, type StatementOutcome } from "./receive";
export { countStatements, listStatements } from "./log";
export { getMappingInForce, getMappingPage, saveMapping } from "./mapping-versions";
