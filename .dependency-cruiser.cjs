/**
 * The architecture, checked on every `pnpm test`: dependencies point one way (services → libs,
 * libs/contracts → nothing of ours), no service imports another (only the all-in-one composition
 * root and the benchmark wire them together), and no import cycles.
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "A cycle makes load order matter and hides which module owns what.",
      from: {},
      to: { circular: true },
    },
    {
      name: "libs-do-not-import-services",
      severity: "error",
      comment: "Libraries serve services; a library reaching into a service inverts the layering.",
      from: { path: "^libs/" },
      to: { path: "^services/" },
    },
    {
      name: "services-do-not-import-each-other",
      severity: "error",
      comment: "What two services must agree on lives in libs/contracts; only all-in-one composes them.",
      from: { path: "^services/([^/]+)/", pathNot: "^services/all-in-one/" },
      to: { path: "^services/([^/]+)/", pathNot: "^services/$1/" },
    },
    {
      name: "contracts-depend-on-nothing-of-ours",
      severity: "error",
      from: { path: "^libs/contracts/" },
      to: { path: "^(libs|services)/", pathNot: "^libs/contracts/" },
    },
    {
      name: "tests-are-not-imported-by-code",
      severity: "error",
      from: { path: "/src/" },
      to: { path: "/test/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    parser: "swc",
    combinedDependencies: false,
    preserveSymlinks: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
