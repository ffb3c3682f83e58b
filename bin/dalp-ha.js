#!/usr/bin/env node
// Runs the TypeScript CLI directly: SWC strips the types of the project's own .ts files as they load (the
// SDKs' JavaScript is left alone), so there is no build step to forget.
// Inline source maps only: mapping every stack trace the Pulumi SDK captures (it records one per promise)
// through source-map-support would triple the time of a plan. Set SWC_NODE_SOURCE_MAP_MODE to override.
process.env.SWC_NODE_SOURCE_MAP_MODE ??= "inline";
// The Pulumi SDK records a stack trace for every promise it makes, for a leak report a plan never prints; with
// no frames to capture, planning a stack takes about a third less time. DALP_HA_STACK_TRACE_LIMIT=10 gives
// stack traces back when debugging.
Error.stackTraceLimit = Number(process.env.DALP_HA_STACK_TRACE_LIMIT ?? 0);
// The same leak report also tracks every promise in a set and chains two more onto it, a tenth of a plan;
// patches/@pulumi+pulumi+*.patch skips that when this is "off". `pulumi up` never sets it.
process.env.DALP_HA_PROMISE_LEAK_CHECK ??= "off";
require("@swc-node/register");
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
