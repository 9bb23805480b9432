// Moved to scripts/ (npm start uses it too); kept here for the test files that import it.
export { freePort } from "../../scripts/free-port";
