// Jest runs our TypeScript as native ES modules (most of our dependencies ship ESM only), with
// @swc/jest stripping the types. Tests talk to the real Postgres, Redis and NATS on loopback.
const config = {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"],
  testMatch: [
    "<rootDir>/libs/*/test/**/*.test.ts",
    "<rootDir>/services/*/test/**/*.test.ts",
    "<rootDir>/k8s/test/**/*.test.ts",
  ],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2024" },
        module: { type: "es6" },
      },
    ],
  },
  testTimeout: 60_000,
  maxWorkers: 2,
};
export default config;
