/** Tests run TypeScript through SWC (no type-checking per file; `tsc --noEmit` checks types once). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>"],
  testMatch: ["**/test/**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }] },
  testPathIgnorePatterns: ["/node_modules/"],
  // Planning loads the provider SDKs once per file; a generous timeout keeps a loaded CI machine from flaking.
  testTimeout: 60000,
};
