/**
 * Architecture rules, checked by `npm run arch` (dependency-cruiser) on src/:
 * the core knows no adapter and no platform SDK, the channel-neutral code imports no adapter,
 * production code imports no dev dependency, and no import cycle.
 * Type-only imports count: a type from an adapter or an SDK ties the module to it all the same.
 */

/** The platform SDKs and the HTTP server: only adapters (src/channels, src/http) and the composition root use them. */
const PLATFORM_SDKS = ["@slack/", "discord\\.js/", "@discordjs/", "grammy/", "@grammyjs/", "fastify/", "@fastify/"];
const sdk = `node_modules/(${PLATFORM_SDKS.join("|")})`;

/** Channel-neutral code: written once, runs on every platform. */
const NEUTRAL = "^src/(features|services|delivery|scheduler|calendar|shared)/";

module.exports = {
  forbidden: [
    {
      name: "core-imports-no-outer-layer",
      comment:
        "src/core holds the ports; adapters (channels, HTTP), features and the composition root depend on it, not the reverse.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/(channels|http|features|admin|main\\.ts|bot\\.ts)" },
    },
    {
      name: "core-imports-no-platform-sdk",
      comment: "The core never names Bolt, discord.js, grammY or Fastify (STYLE.md, rule 2).",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: sdk },
    },
    {
      name: "neutral-code-imports-no-adapter",
      comment:
        "Features, services, delivery, scheduler and calendar reach a platform through the core's channel port only.",
      severity: "error",
      from: { path: NEUTRAL },
      to: { path: "^src/(channels|http)/" },
    },
    {
      name: "neutral-code-imports-no-platform-sdk",
      comment: "A feature is written once and works on every platform: no SDK outside the adapters.",
      severity: "error",
      from: { path: NEUTRAL },
      to: { path: sdk },
    },
    {
      name: "no-circular",
      comment: "An import cycle makes load order matter and the layers meaningless.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "production-imports-no-dev-dependency",
      comment: "The Docker image prunes devDependencies: a module src/ imports must be a dependency.",
      severity: "error",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    includeOnly: { path: ["^src/", "node_modules/"] },
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json", ".d.ts"],
    },
    cache: false,
  },
};
