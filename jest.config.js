/** Tests run TypeScript through SWC (no type-checking per file; `tsc --noEmit` checks types once). */

// Plan as the CLI does (bin/dalp-ha.js): without the SDK's promise-leak tracking, which only `pulumi up`'s exit
// report reads. The workers inherit it; test/sdkPatch.test.ts sets and clears it itself.
process.env.DALP_HA_PROMISE_LEAK_CHECK ??= "off";
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>"],
  testMatch: ["**/test/**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }] },
  testPathIgnorePatterns: ["/node_modules/"],
  // Planning loads the provider SDKs once per file; a generous timeout keeps a loaded CI machine from flaking.
  testTimeout: 60000,
};
