export { jsonReport } from "./json";
export { sarifReport } from "./sarif";
export { textReport } from "./text";
