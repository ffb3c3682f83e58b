#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx strips the types on load, so there is no build step to forget.
require("tsx/cjs");
const { run } = require("../cli/main.ts");

run(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 70;
  },
);
