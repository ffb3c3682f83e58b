#!/usr/bin/env node
/*
 * Adds lock-file entries for platform-specific optional dependencies the package registry in use does not
 * serve (for example @swc/core-darwin-arm64 behind a mirror that carries Linux binaries only).
 *
 * npm records an optional dependency in package-lock.json only when it can read its manifest; without the
 * entry, `npm ci` refuses the lock file ("Missing: X from lock file"). Each entry added here carries the
 * os/cpu/libc the package name declares, so `npm ci` on another platform skips it without fetching, and on
 * the platform it is for npm fetches it by name and version as usual.
 *
 * Run after `npm install` whenever dependencies change:  npm run lock:complete
 */
const fs = require("fs");
const path = require("path");

// The project's lock file, or another one given as the argument (policies/package-lock.json).
const file = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "package-lock.json"));
const lock = JSON.parse(fs.readFileSync(file, "utf8"));

const OS = ["darwin", "win32", "linux", "android", "freebsd", "openharmony", "sunos", "aix", "netbsd", "openbsd"];
const CPU = { arm64: "arm64", x64: "x64", ia32: "ia32", arm: "arm", ppc64: "ppc64", s390x: "s390x", riscv64: "riscv64", loong64: "loong64", wasm32: "wasm32" };

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  if (!os || !cpu) return undefined;
  const libc = parts.includes("musl") || parts.includes("musleabihf") ? "musl" : os === "linux" && (parts.includes("gnu") || parts.includes("gnueabihf")) ? "glibc" : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location === "" ? "node_modules" : `${location}/node_modules`;
    // npm hoists: the dependency may sit at the parent's level or at the root.
    if (lock.packages[`${base}/${dep}`] || lock.packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    lock.packages[`node_modules/${dep}`] = {
      version,
      cpu: [platform.cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      optional: true,
      os: [platform.os],
    };
    added += 1;
  }
}

lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
