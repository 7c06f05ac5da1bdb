import { z } from "zod";

const role = z.enum([
  "DIGITAL_ADVISER",
  "CLS_COORDINATOR",
  "HEALTH_COMMITTEE",
  "NETWORK_COORDINATOR",
  "INTERN",
  "PARTNER",
]);

/**
 * The shape of a network seed file such as `prisma/seed/tarn-et-garonne.json`: what `network create`
 * takes (slug, name, departments), the plan and organisations files the admin imports read (paths
 * relative to the seed file), and what only a seeded network has: settings and members.
 */
export const networkSeedSchema = z.object({
  network: z.object({
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    name: z.string().min(1),
    timezone: z.string().min(1),
    defaultLocale: z.enum(["fr", "en"]),
    // The privacy notice's particulars and retention overrides (src/features/privacy); all optional.
    privacyController: z.string().min(1).optional(),
    privacyDpoContact: z.string().min(1).optional(),
    privacyNoticeUrl: z.url().optional(),
    privacyNotice: z.string().min(1).optional(),
    retentionDays: z.record(z.string(), z.number().int().min(1)).optional(),
  }),
  departments: z.array(z.string().min(1)).min(1),
  plan: z.string().min(1),
  organisations: z.string().min(1),
  members: z.array(
    z.object({
      // Reachable on the local channel as `local:<key>`.
      key: z.string().regex(/^[a-z0-9-]+$/),
      displayName: z.string().min(1),
      roles: z.array(role),
      locale: z.enum(["fr", "en"]),
      // The `nom` of an organisation of the organisations file.
      organisation: z.string().min(1).nullable(),
      territory: z.object({ kind: z.enum(["DEPARTMENT", "EPCI", "COMMUNE"]), code: z.string().min(1) }).nullable(),
    }),
  ),
});

export type NetworkSeedFile = z.infer<typeof networkSeedSchema>;
